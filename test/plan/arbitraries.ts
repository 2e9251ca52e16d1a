/** fast-check generators of desired states (valid in shape; the engine does not re-validate). */
import fc from 'fast-check';
import type {
  DesiredDomain,
  DesiredEnrollmentJob,
  DesiredFraudsterRegistrationJob,
  DesiredState,
} from '../../src/model/desired.js';

const KEYS = [
  'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  'arn:aws:kms:us-east-1:111122223333:key/bbbbbbbb-2222-3333-4444-555555555555',
  'alias/voiceid',
];
const ROLE = 'arn:aws:iam::111122223333:role/VoiceIdBatch';
// Small pools instead of regex generators: cheap to generate, and collisions (the interesting cases) are common.
const pool = (prefix: string, n: number) => fc.constantFrom(...Array.from({ length: n }, (_, i) => `${prefix}${i}`));
const word = fc.constantFrom('a', 'b', 'c', 'support', 'sales', 'x-1', 'y_2', 'default');
const sorted = (xs: readonly string[]) => [...xs].sort();

const watchlistNames = fc.uniqueArray(word.filter((w) => w !== 'default'), { maxLength: 2 });

function jobsFor(names: readonly string[]) {
  const wl = fc.constantFrom('default', ...names);
  const enrollment = fc.record({
    jobName: word,
    existingEnrollmentAction: fc.option(fc.constantFrom('SKIP' as const, 'OVERWRITE' as const), { nil: undefined }),
    watchlist: fc.option(wl, { nil: undefined }),
  }).map(({ jobName, existingEnrollmentAction, watchlist }): DesiredEnrollmentJob => ({
    jobName,
    dataAccessRoleArn: ROLE,
    inputS3Uri: `s3://bucket/in/${jobName}.json`,
    outputS3Uri: 's3://bucket/out/',
    ...(existingEnrollmentAction ? { existingEnrollmentAction } : {}),
    ...(watchlist ? { fraudDetection: { watchlists: [watchlist] } } : {}),
  }));
  const fraud = fc.record({ jobName: word, watchlist: fc.option(wl, { nil: undefined }) }).map(
    ({ jobName, watchlist }): DesiredFraudsterRegistrationJob => ({
      jobName,
      dataAccessRoleArn: ROLE,
      inputS3Uri: `s3://bucket/fraud/${jobName}.json`,
      outputS3Uri: 's3://bucket/fraud-out/',
      ...(watchlist ? { watchlists: [watchlist] } : {}),
    }),
  );
  return fc.record({
    enrollmentJobs: fc.uniqueArray(enrollment, { maxLength: 2, selector: (j) => j.jobName }),
    fraudsterRegistrationJobs: fc.uniqueArray(fraud, { maxLength: 2, selector: (j) => j.jobName }),
  });
}

export const desiredDomain = (key: string): fc.Arbitrary<DesiredDomain> =>
  watchlistNames.chain((names) =>
    fc
      .record({
        name: fc.option(word, { nil: undefined }),
        description: fc.option(fc.constantFrom('Line one', 'Line two', 'Fraud desk'), { nil: undefined }),
        kmsKeyId: fc.constantFrom(...KEYS),
        tags: fc.dictionary(pool('tag', 6), fc.constantFrom('', 'x', 'prod', 'dev'), { maxKeys: 4 }),
        optedOutSpeakers: fc.uniqueArray(pool('customer-', 12), { maxLength: 6 }),
        descriptions: fc.array(fc.option(fc.constantFrom('Ring A', 'Ring B'), { nil: undefined }), { minLength: 2, maxLength: 2 }),
        jobs: jobsFor(names),
      })
      .map((r): DesiredDomain => ({
        key,
        name: r.name ?? key,
        ...(r.description === undefined ? {} : { description: r.description }),
        kmsKeyId: r.kmsKeyId,
        tags: Object.fromEntries(sorted(Object.keys(r.tags)).map((k) => [k, r.tags[k] as string])),
        optedOutSpeakers: sorted(r.optedOutSpeakers),
        watchlists: sorted(names).map((name, i) => ({ name, ...(r.descriptions[i] ? { description: r.descriptions[i] } : {}) })),
        enrollmentJobs: [...r.jobs.enrollmentJobs].sort((a, b) => (a.jobName < b.jobName ? -1 : 1)),
        fraudsterRegistrationJobs: [...r.jobs.fraudsterRegistrationJobs].sort((a, b) => (a.jobName < b.jobName ? -1 : 1)),
      })),
  );

export const desiredState: fc.Arbitrary<DesiredState> = fc
  .record({ keys: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'support', 'sales', 'x-1'), { maxLength: 4 }), prune: fc.boolean() })
  .chain(({ keys, prune }) =>
    fc.tuple(...sorted(keys).map(desiredDomain)).map(
      (domains): DesiredState => ({ version: 1, stack: 'prop-stack', region: 'us-east-1', prune, domains }),
    ),
  );

/** A seeded shuffle so order-independence properties are reproducible. */
export function shuffle<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export function shuffleRecord<V>(r: Readonly<Record<string, V>>, seed: number): Record<string, V> {
  return Object.fromEntries(shuffle(Object.entries(r), seed));
}
