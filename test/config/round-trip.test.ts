/** Property: any valid desired state, written with toYaml, loads back equal (the `export` -> `plan` round trip). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadFromMemory, toYaml } from '../../src/config/index.js';
import type { DesiredDomain, DesiredState } from '../../src/model/desired.js';
import { compareStrings } from '../../src/model/collections.js';

const name = fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9_-]{0,15}$/);
// Letters, separators (incl. no-break and line separators), numbers and the punctuation Voice ID allows.
const descriptionChar = fc.constantFrom('a', 'Z', 'é', '日', 'ß', '0', '٣', ' ', '\u00a0', '\u2028', '_', '.', ':', '/', '=', '+', '-', '%', '@');
const description = fc.array(descriptionChar, { minLength: 1, maxLength: 24 }).map((c) => c.join(''));
const tagChar = fc.constantFrom('a', 'K', 'é', '7', ' ', '_', '.', ':', '/', '=', '+', '-', '@');
const tagKey = fc.array(tagChar, { minLength: 1, maxLength: 12 }).map((c) => c.join('')).filter((k) => !k.startsWith('voiceid-gitops:'));
const tagValue = fc.array(tagChar, { maxLength: 12 }).map((c) => c.join(''));
const kmsKeyId = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 });
const s3 = fc.stringMatching(/^s3:\/\/[a-z0-9][.\-a-z0-9]{1,10}[a-z0-9](\/[a-zA-Z0-9/._ -]{0,20})?$/);
const role = fc.stringMatching(/^arn:aws(-[a-z]+)?:iam::[0-9]{12}:role\/[A-Za-z0-9+=,.@_/-]{1,20}$/);
const score = fc.integer({ min: 0, max: 100 });
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const jobBase = fc.record({ jobName: name, dataAccessRoleArn: role, inputS3Uri: s3, outputS3Uri: s3, outputKmsKeyId: opt(kmsKeyId) });

function domainArb(key: string, adopt: string | undefined): fc.Arbitrary<DesiredDomain> {
  return fc
    .record({
      name: fc.oneof(fc.constant(key), name),
      description: opt(description),
      kmsKeyId,
      tags: fc.dictionary(tagKey, tagValue, { maxKeys: 4 }),
      optedOutSpeakers: fc.uniqueArray(name, { maxLength: 5 }),
      watchlists: fc.uniqueArray(fc.record({ name: name.filter((n) => n !== 'default'), description: opt(description) }), { maxLength: 2, selector: (w) => w.name }),
      protect: opt(fc.boolean()),
      ignoreChanges: opt(fc.uniqueArray(fc.oneof(fc.constantFrom('name', 'description', 'kmsKeyId', 'tags'), tagKey.map((k) => `tags.${k}`)), { minLength: 1, maxLength: 3 })),
    })
    .chain((d) => {
      const watchlist = fc.constantFrom('default', ...d.watchlists.map((w) => w.name)).map((w) => [w]);
      const enrollment = fc.record({
        base: jobBase,
        existingEnrollmentAction: opt(fc.constantFrom('SKIP' as const, 'OVERWRITE' as const)),
        fraudDetection: opt(fc.record({ action: opt(fc.constantFrom('FAIL' as const, 'IGNORE' as const)), riskThreshold: opt(score), watchlists: opt(watchlist) })),
      });
      const registration = fc.record({
        base: jobBase,
        duplicateRegistrationAction: opt(fc.constantFrom('SKIP' as const, 'REGISTER_AS_NEW' as const)),
        fraudsterSimilarityThreshold: opt(score),
        watchlists: opt(watchlist),
      });
      const byName = { selector: (j: { base: { jobName: string } }) => j.base.jobName, maxLength: 2 };
      return fc.record({ enrollmentJobs: fc.uniqueArray(enrollment, byName), registrationJobs: fc.uniqueArray(registration, byName) }).map(
        ({ enrollmentJobs, registrationJobs }): DesiredDomain =>
          defined({
            key,
            name: d.name,
            description: d.description,
            kmsKeyId: d.kmsKeyId,
            tags: Object.fromEntries(Object.entries(d.tags).sort((a, b) => compareStrings(a[0], b[0]))),
            optedOutSpeakers: [...d.optedOutSpeakers].sort(compareStrings),
            adopt,
            protect: d.protect,
            ignoreChanges: d.ignoreChanges && ([...d.ignoreChanges].sort(compareStrings) as DesiredDomain['ignoreChanges']),
            watchlists: d.watchlists.map((w) => defined(w)).sort((a, b) => compareStrings(a.name, b.name)),
            enrollmentJobs: enrollmentJobs
              .map(({ base, fraudDetection, ...rest }) => defined({ ...defined(base), ...defined(rest), fraudDetection: fraudDetection && defined(fraudDetection) }))
              .sort((a, b) => compareStrings(a.jobName, b.jobName)),
            fraudsterRegistrationJobs: registrationJobs.map(({ base, ...rest }) => defined({ ...defined(base), ...defined(rest) })).sort((a, b) => compareStrings(a.jobName, b.jobName)),
          }),
      );
    });
}

const stateArb: fc.Arbitrary<DesiredState> = fc
  .record({
    stack: name,
    region: opt(fc.constantFrom('us-east-1', 'eu-west-2', 'ap-southeast-2')),
    prune: fc.boolean(),
    keys: fc.uniqueArray(name, { maxLength: 3 }),
    adopts: fc.uniqueArray(fc.stringMatching(/^[a-zA-Z0-9]{22}$/), { minLength: 3, maxLength: 3 }),
    adopting: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  })
  .chain(({ keys, adopts, adopting, ...head }) =>
    fc.tuple(...keys.map((k, i) => domainArb(k, adopting[i] ? adopts[i] : undefined))).map((domains) =>
      defined({ version: 1 as const, ...head, domains: [...domains].sort((a, b) => compareStrings(a.key, b.key)) }),
    ),
  );

const stripSource = (s: DesiredState): DesiredState => ({ ...s, domains: s.domains.map(({ source: _source, optOutSources: _sources, ...d }) => d) });

describe('toYaml and the loader', () => {
  it('load back any valid desired state written by toYaml, equal to the original', () => {
    fc.assert(
      fc.property(stateArb, (state) => {
        const text = toYaml(state);
        const result = loadFromMemory([{ file: 'estate.yaml', bytes: new TextEncoder().encode(text) }]);
        if (result.kind !== 'valid') throw new Error(`${text}\n${result.diagnostics.map((d) => `${d.line}:${d.col} ${d.code} ${d.message}`).join('\n')}`);
        expect(stripSource(result.state)).toEqual(state);
      }),
      { seed: 20260521, numRuns: 200 },
    );
  });

  it('writes the yaml-language-server schema comment first when given a schema path', () => {
    const text = toYaml({ version: 1, stack: 'default', prune: false, domains: [] }, { schemaPath: '../specs/desired-state.schema.json' });
    expect(text).toBe('# yaml-language-server: $schema=../specs/desired-state.schema.json\nversion: 1\nstack: default\nprune: false\n');
  });
});
