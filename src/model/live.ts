/**
 * Live state: what Voice ID holds now, as read by src/live through the VoiceIdApi interface.
 * Plain, JSON-serialisable data (golden fixtures store it as JSON); produced by src/live, consumed by src/plan.
 * Enumerations mirror the Voice ID model (specs/voice-id-constraints.json).
 */
import type { DuplicateRegistrationAction, ExistingEnrollmentAction, FraudDetectionAction } from './desired.js';

export type DomainStatus = 'ACTIVE' | 'PENDING' | 'SUSPENDED';
export type EncryptionUpdateStatus = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
export type SpeakerStatus = 'ENROLLED' | 'EXPIRED' | 'OPTED_OUT' | 'PENDING';
export type JobStatus = 'SUBMITTED' | 'IN_PROGRESS' | 'COMPLETED' | 'COMPLETED_WITH_ERRORS' | 'FAILED';

/** A job in these states holds the domain's one slot for its kind (voice-id-constraints.md S17, a quota). */
export const ACTIVE_JOB_STATUSES: ReadonlySet<string> = new Set<JobStatus>(['SUBMITTED', 'IN_PROGRESS']);

export interface LiveState {
  readonly region: string;
  /** Every domain the reader saw, managed or not, SUSPENDED included; sorted by domainId. */
  readonly domains: readonly LiveDomain[];
  /**
   * KMS key spellings (key id, key ARN, alias name, alias ARN) resolved through KMS DescribeKey to the key ARN.
   * A spelling missing here could not be resolved; the plan then compares strings and warns.
   */
  readonly kmsKeys: Readonly<Record<string, string>>;
}

export interface LiveDomain {
  readonly domainId: string;
  readonly arn: string;
  readonly name: string;
  readonly description?: string;
  readonly status: DomainStatus;
  readonly kmsKeyId: string;
  /** Present only for domains whose key was ever changed (ServerSideEncryptionUpdateDetails). */
  readonly encryptionUpdate?: EncryptionUpdate;
  readonly defaultWatchlistId?: string;
  /** All tags, the ownership tags (`voiceid-gitops:stack`, `voiceid-gitops:key`) included. */
  readonly tags: Readonly<Record<string, string>>;
  readonly createdAt?: string;
  readonly updatedAt?: string;
  /** Read only for domains the desired state manages or adopts; absent otherwise. */
  readonly details?: LiveDomainDetails;
  /** Read only for managed domains a `prune: true` plan will delete (src/live/speaker-count.ts); absent otherwise. */
  readonly speakerCount?: SpeakerCount;
}

/**
 * How many speakers a domain holds, from at most a few ListSpeakers pages (a reviewer weighs a delete by it):
 * `complete` when the listing ended, so `listed` is exact; otherwise the domain holds more than `listed`.
 */
export interface SpeakerCount {
  readonly listed: number;
  readonly complete: boolean;
}

export interface EncryptionUpdate {
  readonly status: EncryptionUpdateStatus;
  readonly oldKmsKeyId?: string;
  readonly message?: string;
}

export interface LiveDomainDetails {
  /**
   * Status of each speaker the reader resolved, by CustomerSpeakerId. The reader resolves at least every id of
   * the desired opt-out list (the untrusted ones) and of the erasure list: a desired id missing here is known to be
   * absent live (OptOutSpeaker creates it; an erased one needs nothing).
   */
  readonly speakers: Readonly<Record<string, SpeakerStatus>>;
  /**
   * Of the desired `deletedFraudsters`, those that exist live (sorted; PLAN.md §15); absent when none is declared.
   * A declared id missing here is known to be absent live.
   */
  readonly liveFraudsters?: readonly string[];
  /** Sorted by name; the default watchlist included with `isDefault: true`. */
  readonly watchlists: readonly LiveWatchlist[];
  /** Sorted by jobName, then createdAt. */
  readonly enrollmentJobs: readonly LiveEnrollmentJob[];
  readonly fraudsterRegistrationJobs: readonly LiveFraudsterRegistrationJob[];
  /**
   * Watchlist memberships (PLAN.md §16), read only where the plan needs them; absent when none was read (as if the
   * watchlists read held no fraudster).
   */
  readonly memberships?: LiveMemberships;
  /**
   * How the declared opt-out ids were learnt (src/plan/PLAN.md §13); absent when the reader was not asked to trust
   * (export, tests): then every declared id was read.
   */
  readonly optOutRead?: OptOutRead;
}

/** What the last-applied record proves (PLAN.md R13.1); times in seconds since 1970. */
export interface OptOutEvidence {
  /** Commit of the YAML the last apply applied (the record's 12 hex digits). */
  readonly commit: string;
  readonly appliedAt: number;
  readonly fullCheckAt: number;
}

/**
 * `trusted`: `trustedIds` (declared now and at the evidence's commit) were taken as OPTED_OUT without a read; every
 * other declared id was read. `full`: every declared id was read, for `reason`.
 */
export type OptOutRead =
  | { readonly kind: 'trusted'; readonly trustedIds: readonly string[]; readonly evidence: OptOutEvidence }
  | { readonly kind: 'full'; readonly reason: string };

/** The status of declared ids as the plan takes them: read, or trusted OPTED_OUT (R13.4). */
export function speakerStatuses(details: LiveDomainDetails): Readonly<Record<string, SpeakerStatus>> {
  const read = details.optOutRead;
  if (read?.kind !== 'trusted' || read.trustedIds.length === 0) return details.speakers;
  const out: Record<string, SpeakerStatus> = { ...details.speakers };
  for (const id of read.trustedIds) if (!Object.hasOwn(out, id)) out[id] = 'OPTED_OUT';
  return out;
}

export interface LiveWatchlist {
  readonly watchlistId: string;
  readonly name: string;
  readonly description?: string;
  readonly isDefault: boolean;
}

/**
 * What the reader learnt of fraudsters (PLAN.md R16.5): the watchlists it listed in full (ListFraudsters per
 * watchlist: those declaring members, and custom ones to be deleted) and, for every fraudster seen there or
 * described (DescribeFraudster: a declared id not seen), every watchlist it is in. A declared id missing from
 * `fraudsters` does not exist in the domain.
 */
export interface LiveMemberships {
  /** WatchlistIds listed in full, sorted. */
  readonly read: readonly string[];
  /** GeneratedFraudsterId -> every WatchlistId it is in (sorted); keys sorted. */
  readonly fraudsters: Readonly<Record<string, readonly string[]>>;
}

/** The members of a watchlist that was read, sorted; undefined when it was not read. */
export function membersOf(m: LiveMemberships | undefined, watchlistId: string): string[] | undefined {
  if (!m?.read.includes(watchlistId)) return undefined;
  return Object.keys(m.fraudsters).filter((f) => m.fraudsters[f]!.includes(watchlistId)).sort();
}

export interface JobProgressInfo {
  readonly percentComplete?: number;
}

export interface JobFailure {
  readonly statusCode?: number;
  readonly message?: string;
}

interface LiveJobBase {
  readonly jobId: string;
  readonly jobName: string;
  readonly status: JobStatus;
  readonly createdAt?: string;
  readonly endedAt?: string;
  readonly progress?: JobProgressInfo;
  readonly failure?: JobFailure;
  readonly dataAccessRoleArn?: string;
  readonly inputS3Uri?: string;
  readonly outputS3Uri?: string;
  readonly outputKmsKeyId?: string;
}

/** Definition fields are present when the job was described (DescribeSpeakerEnrollmentJob); watchlists by name. */
export interface LiveEnrollmentJob extends LiveJobBase {
  readonly existingEnrollmentAction?: ExistingEnrollmentAction;
  readonly fraudDetection?: {
    readonly action?: FraudDetectionAction;
    readonly riskThreshold?: number;
    readonly watchlists?: readonly string[];
  };
}

export interface LiveFraudsterRegistrationJob extends LiveJobBase {
  readonly duplicateRegistrationAction?: DuplicateRegistrationAction;
  readonly fraudsterSimilarityThreshold?: number;
  readonly watchlists?: readonly string[];
}
