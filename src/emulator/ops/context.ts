/** What every operation handler gets, and the checks and wire renderings they share. */
import { DomainNotActive, notFound } from '../errors.js';
import type { KmsRegistry } from '../kms.js';
import { modelled } from '../model-shapes.js';
import type { Random } from '../random.js';
import type { SpeakerRec } from '../speaker-index.js';
import type { DomainRec, FraudsterRec, JobRec, Store, WatchlistRec } from '../store.js';
import { jobStatusAt } from '../store.js';

export interface Limits {
  readonly region: string;
  readonly accountId: string;
  readonly pageSize: number;
  readonly maxDomains: number;
  readonly maxSpeakersPerDomain: number;
  readonly maxFraudstersPerWatchlist: number;
  readonly maxWatchlistsPerDomain: number;
  readonly maxTagsPerDomain: number;
  readonly kmsUpdateDelayMs: number;
  readonly jobStepMs: number;
  readonly idempotencyWindowMs: number;
}

export interface OpContext {
  readonly store: Store;
  readonly kms: KmsRegistry;
  readonly limits: Limits;
  readonly now: () => number;
  readonly random: Random;
}

export type Input = Readonly<Record<string, unknown>>;
export type Handler = (input: Input, ctx: OpContext) => unknown;

/** Pagination options of a List operation: the server page size, the model's cap, the clock for token expiry. */
export const pageOptions = (ctx: OpContext, operation: string) => ({ serverPageSize: ctx.limits.pageSize, operation, now: ctx.now() });

export const str = (input: Input, name: string): string => input[name] as string;
export const optStr = (input: Input, name: string): string | undefined =>
  typeof input[name] === 'string' ? (input[name] as string) : undefined;

/** Epoch seconds with millisecond fraction (awsJson timestamps, EMULATOR.md §2). */
export const seconds = (ms: number): number => ms / 1000;

export function findDomain(ctx: OpContext, domainId: string): DomainRec {
  const d = ctx.store.domains.get(domainId);
  if (!d) throw notFound('DOMAIN', `The domain ${domainId} does not exist.`);
  return d;
}

/** A domain that may be changed or read below: SUSPENDED (soft-deleted) domains answer DomainNotActive (S7). */
export function activeDomain(ctx: OpContext, domainId: string): DomainRec {
  const d = findDomain(ctx, domainId);
  if (d.status === 'SUSPENDED') throw new DomainNotActive(domainId);
  return d;
}

export function findWatchlist(domain: DomainRec, watchlistId: string): WatchlistRec {
  const w = domain.watchlists.get(watchlistId);
  if (!w) throw notFound('WATCHLIST', `The watchlist ${watchlistId} does not exist in domain ${domain.domainId}.`);
  return w;
}

export function domainOut(d: DomainRec): Record<string, unknown> {
  const out: Record<string, unknown> = {
    DomainId: d.domainId,
    Arn: d.arn,
    Name: d.name,
    Description: d.description,
    DomainStatus: d.status,
    ServerSideEncryptionConfiguration: { KmsKeyId: d.kmsKeyId },
    CreatedAt: seconds(d.createdAt),
    UpdatedAt: seconds(d.updatedAt),
    WatchlistDetails: { DefaultWatchlistId: d.defaultWatchlistId },
  };
  if (d.encryption) {
    out.ServerSideEncryptionUpdateDetails = {
      OldKmsKeyId: d.encryption.oldKmsKeyId,
      UpdateStatus: d.encryption.status,
      Message: d.encryption.message,
    };
  }
  return out;
}

export const watchlistOut = (domainId: string, w: WatchlistRec): Record<string, unknown> => ({
  DomainId: domainId,
  WatchlistId: w.watchlistId,
  Name: w.name,
  Description: w.description,
  DefaultWatchlist: w.defaultWatchlist,
  CreatedAt: seconds(w.createdAt),
  UpdatedAt: seconds(w.updatedAt),
});

export const speakerOut = (domainId: string, s: SpeakerRec): Record<string, unknown> => ({
  DomainId: domainId,
  CustomerSpeakerId: s.customerSpeakerId,
  GeneratedSpeakerId: s.generatedSpeakerId,
  Status: s.status,
  CreatedAt: seconds(s.createdAt),
  UpdatedAt: seconds(s.updatedAt),
  LastAccessedAt: s.lastAccessedAt === undefined ? undefined : seconds(s.lastAccessedAt),
});

export const fraudsterOut = (domainId: string, f: FraudsterRec): Record<string, unknown> => ({
  DomainId: domainId,
  GeneratedFraudsterId: f.generatedFraudsterId,
  CreatedAt: seconds(f.createdAt),
  WatchlistIds: [...f.watchlistIds],
});

/** A job as Describe returns it; `summary` drops the configuration members as the *Summary shapes do. */
export function jobOut(domainId: string, job: JobRec, ctx: OpContext, summary: boolean): Record<string, unknown> {
  const status = jobStatusAt(job, ctx.now(), ctx.limits.jobStepMs);
  const percent = status === 'SUBMITTED' ? 0 : status === 'IN_PROGRESS' ? 50 : 100;
  const out: Record<string, unknown> = {
    JobName: job.jobName,
    JobId: job.jobId,
    JobStatus: status,
    DomainId: domainId,
    CreatedAt: seconds(job.createdAt),
    EndedAt: job.endedAt === undefined ? undefined : seconds(job.endedAt),
    FailureDetails: job.failure,
    JobProgress: { PercentComplete: status === 'FAILED' ? 0 : percent },
  };
  // Cut to the model's shape, also for configurations stored as sent by an older version of the emulator.
  const shape = `${job.kind === 'enrollment' ? 'SpeakerEnrollmentJob' : 'FraudsterRegistrationJob'}${summary ? 'Summary' : ''}`;
  return modelled(shape, summary ? out : { ...out, ...job.config }) as Record<string, unknown>;
}
