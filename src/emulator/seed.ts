/**
 * Admin seeding (EMULATOR.md §9): creates domains and their contents directly, without quotas or rate limits,
 * so tests and benchmarks set up any state (SUSPENDED domains, failed re-encryptions, 100,000 speakers) in one call.
 */
import { validationError } from './errors.js';
import type { OpContext } from './ops/context.js';
import { newDomain } from './ops/domains.js';
import { newFraudster } from './ops/fraudsters.js';
import { newJob } from './ops/jobs.js';
import { newSpeaker } from './ops/speakers.js';
import { newWatchlist } from './ops/watchlists.js';
import type { DomainRec } from './store.js';
import type { SeedDomain, SeedJob, SeedResult, SeedState } from './types.js';

const ROLE = 'arn:aws:iam::111122223333:role/VoiceIdEmulatorSeed';

function seedEncryption(domain: DomainRec, seed: SeedDomain, ctx: OpContext): void {
  const u = seed.encryptionUpdate;
  if (!u) return;
  domain.encryption = {
    oldKmsKeyId: u.oldKmsKeyId ?? domain.kmsKeyId,
    status: u.status,
    startedAt: ctx.now(),
    willFail: u.status === 'FAILED' || ctx.kms.unusable(domain.kmsKeyId),
    message: u.message ?? (u.status === 'FAILED' ? 'The KMS key is not accessible.' : undefined),
  };
  if (u.status === 'IN_PROGRESS') ctx.store.track(domain);
}

function seedSpeakers(domain: DomainRec, seed: SeedDomain, ctx: OpContext): string[] {
  const ids = (seed.speakers ?? []).map((s) => newSpeaker(domain, ctx, s.customerSpeakerId, s.status ?? 'ENROLLED').generatedSpeakerId);
  const bulk = seed.bulkSpeakers;
  if (bulk) {
    const width = String(Math.max(0, bulk.count - 1)).length;
    for (let i = 0; i < bulk.count; i++) {
      newSpeaker(domain, ctx, `${bulk.prefix}${String(i).padStart(width, '0')}`, bulk.status ?? 'ENROLLED');
    }
  }
  return ids;
}

function seedJobs(domain: DomainRec, jobs: readonly SeedJob[] | undefined, kind: 'enrollment' | 'registration', ctx: OpContext): string[] {
  return (jobs ?? []).map((j) => {
    const config = {
      DataAccessRoleArn: ROLE,
      InputDataConfig: { S3Uri: 's3://voiceid-emulator-seed/input.json' },
      OutputDataConfig: { S3Uri: 's3://voiceid-emulator-seed/output/' },
    };
    const job = newJob(domain, ctx, kind, config, j.jobName);
    if (j.status !== undefined && j.status !== 'SUBMITTED') {
      job.status = j.status;
      if (j.status !== 'IN_PROGRESS') job.endedAt = ctx.now();
      if (j.status === 'FAILED') job.failure = { StatusCode: 400, Message: 'The input manifest could not be read.' };
    }
    return job.jobId;
  });
}

function seedDomain(seed: SeedDomain, ctx: OpContext) {
  const domain = newDomain(ctx, seed.name, seed.kmsKeyId ?? ctx.kms.defaultKeyArn, seed.description);
  domain.status = seed.status ?? 'ACTIVE';
  if (domain.status === 'SUSPENDED') {
    domain.suspendedAt = ctx.now();
    ctx.store.track(domain);
  }
  for (const [k, v] of Object.entries(seed.tags ?? {})) domain.tags.set(k, v);
  seedEncryption(domain, seed, ctx);
  const watchlists: Record<string, string> = { Default: domain.defaultWatchlistId };
  for (const w of seed.watchlists ?? []) watchlists[w.name] = newWatchlist(domain, ctx, w.name, w.description).watchlistId;
  const fraudsterIds = (seed.fraudsters ?? []).map((f) => {
    const names = f.watchlists && f.watchlists.length > 0 ? f.watchlists : ['Default'];
    const ids = names.map((n) => {
      const id = watchlists[n];
      if (id === undefined) throw validationError(`seed: fraudster names unknown watchlist '${n}'`);
      return id;
    });
    return newFraudster(domain, ctx, ids).generatedFraudsterId;
  });
  return {
    domain,
    watchlists,
    fraudsterIds,
    speakerIds: seedSpeakers(domain, seed, ctx),
    enrollmentJobIds: seedJobs(domain, seed.enrollmentJobs, 'enrollment', ctx),
    registrationJobIds: seedJobs(domain, seed.registrationJobs, 'registration', ctx),
  };
}

export function seedState(state: SeedState, ctx: OpContext): SeedResult {
  const seeded = (state.domains ?? []).map((d) => seedDomain(d, ctx));
  ctx.store.changed();
  return {
    domainIds: seeded.map((s) => s.domain.domainId),
    domainArns: seeded.map((s) => s.domain.arn),
    watchlistIds: seeded.map((s) => s.watchlists),
    fraudsterIds: seeded.map((s) => s.fraudsterIds),
    speakerIds: seeded.map((s) => s.speakerIds),
    enrollmentJobIds: seeded.map((s) => s.enrollmentJobIds),
    registrationJobIds: seeded.map((s) => s.registrationJobIds),
  };
}
