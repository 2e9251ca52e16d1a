/**
 * The emulator's in-memory state: plain records in Maps (insertion order = creation order), a global sequence
 * number that orders every listing, and the ClientToken memory. Clock-driven transitions (re-encryption, jobs)
 * are materialised by `settle(now)`, which the server calls before every operation, so tests advance a fake
 * clock instead of sleeping.
 */
import type { SpeakerIndex} from './speaker-index.js';
import { type SpeakerRec } from './speaker-index.js';
import type { SeedDomainStatus, SeedJobStatus } from './types.js';

export interface EncryptionUpdateRec {
  oldKmsKeyId: string;
  status: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  startedAt: number;
  /** Decided when the update starts: a Disabled/PendingDeletion key makes it end FAILED. */
  willFail: boolean;
  message?: string;
}

export interface WatchlistRec {
  readonly seq: number;
  readonly watchlistId: string;
  name: string;
  description?: string;
  readonly defaultWatchlist: boolean;
  readonly createdAt: number;
  updatedAt: number;
}

export interface FraudsterRec {
  readonly seq: number;
  readonly generatedFraudsterId: string;
  readonly createdAt: number;
  watchlistIds: string[];
}

export type JobKind = 'enrollment' | 'registration';

export interface JobRec {
  readonly seq: number;
  readonly kind: JobKind;
  readonly jobId: string;
  readonly jobName?: string;
  readonly createdAt: number;
  /** The request's configuration members (DataAccessRoleArn, InputDataConfig, ...), echoed in Describe. */
  readonly config: Readonly<Record<string, unknown>>;
  /** Set once the job has ended (or when seeded with a fixed status); otherwise computed from the clock. */
  status?: SeedJobStatus;
  endedAt?: number;
  failure?: { readonly StatusCode: number; readonly Message: string };
}

export interface DomainRec {
  readonly seq: number;
  readonly domainId: string;
  readonly arn: string;
  name: string;
  description?: string;
  status: SeedDomainStatus;
  /** When DeleteDomain soft-deleted it; the domain is erased 30 days later (S7). */
  suspendedAt?: number;
  kmsKeyId: string;
  readonly createdAt: number;
  updatedAt: number;
  encryption?: EncryptionUpdateRec;
  readonly defaultWatchlistId: string;
  tags: Map<string, string>;
  readonly watchlists: Map<string, WatchlistRec>;
  readonly speakers: SpeakerIndex;
  readonly fraudsters: Map<string, FraudsterRec>;
  readonly jobs: Map<string, JobRec>;
}

export interface IdempotencyRec {
  readonly key: string;
  readonly fingerprint: string;
  readonly response: unknown;
  readonly at: number;
}

export interface Timing {
  readonly kmsUpdateDelayMs: number;
  readonly jobStepMs: number;
}

/** A job's status at `now`: seeded/ended status, else SUBMITTED for one step, IN_PROGRESS for the next. */
export function jobStatusAt(job: JobRec, now: number, stepMs: number): SeedJobStatus {
  if (job.status !== undefined) return job.status;
  const elapsed = now - job.createdAt;
  if (elapsed < stepMs) return 'SUBMITTED';
  if (elapsed < 2 * stepMs) return 'IN_PROGRESS';
  return 'COMPLETED';
}

/** "Amazon Connect waits 30 days before completely erasing the domain data" (S7, adminguide voiceid-domain). */
export const ERASE_AFTER_MS = 30 * 24 * 60 * 60 * 1000;

export const isActiveJob = (status: SeedJobStatus): boolean => status === 'SUBMITTED' || status === 'IN_PROGRESS';

export class Store {
  seq = 0;
  readonly domains = new Map<string, DomainRec>();
  readonly idempotency = new Map<string, IdempotencyRec>();
  /** Jobs and encryption updates still moving with the clock: only these are visited by settle(). */
  private readonly moving = new Set<DomainRec>();

  constructor(private readonly onChange: () => void = () => undefined) {}

  nextSeq(): number {
    return ++this.seq;
  }

  changed(): void {
    this.onChange();
  }

  track(domain: DomainRec): void {
    this.moving.add(domain);
  }

  clear(): void {
    this.domains.clear();
    this.idempotency.clear();
    this.moving.clear();
    this.seq = 0;
  }

  /** Applies every transition due by `now`; returns fraudster-creating callbacks through `onJobCompleted`. */
  settle(now: number, timing: Timing, onJobCompleted: (domain: DomainRec, job: JobRec) => void): void {
    for (const domain of this.moving) {
      let still = false;
      if (domain.status === 'SUSPENDED' && domain.suspendedAt !== undefined) {
        if (now - domain.suspendedAt >= ERASE_AFTER_MS) {
          this.domains.delete(domain.domainId);
          this.moving.delete(domain);
          this.changed();
          continue;
        }
        still = true;
      }
      const enc = domain.encryption;
      if (enc && enc.status === 'IN_PROGRESS') {
        if (now - enc.startedAt >= timing.kmsUpdateDelayMs) this.finishEncryption(domain, enc);
        else still = true;
      }
      for (const job of domain.jobs.values()) {
        if (job.status !== undefined) continue;
        if (jobStatusAt(job, now, timing.jobStepMs) === 'COMPLETED') {
          job.status = 'COMPLETED';
          job.endedAt = job.createdAt + 2 * timing.jobStepMs;
          onJobCompleted(domain, job);
          this.changed();
        } else still = true;
      }
      if (!still) this.moving.delete(domain);
    }
  }

  private finishEncryption(domain: DomainRec, enc: EncryptionUpdateRec): void {
    enc.status = enc.willFail ? 'FAILED' : 'COMPLETED';
    if (enc.willFail) {
      enc.message = `The KMS key is not accessible (disabled or pending deletion); make it accessible and call UpdateDomain with the same key to retry.`;
    } else delete enc.message;
    this.changed();
  }

  /** ACTIVE and PENDING domains count toward the per-account quota; SUSPENDED (soft-deleted) ones do not. */
  activeDomainCount(): number {
    let n = 0;
    for (const d of this.domains.values()) if (d.status !== 'SUSPENDED') n++;
    return n;
  }

  findSpeaker(domain: DomainRec, speakerId: string): SpeakerRec | undefined {
    return domain.speakers.find(speakerId);
  }
}
