/**
 * The desired state: what the YAML files (format version 1, CONTRACT §3) say the Voice ID estate must be.
 * Produced by src/config, consumed by src/plan. Plain readonly data; every collection is sorted by its key so
 * that two loads of the same files are deeply equal whatever the file order.
 */
import type { SourceLocation } from './diagnostic.js';

export const FORMAT_VERSION = 1 as const;
export const DEFAULT_STACK = 'default';
/** Tag keys with this prefix are reserved for ownership records; users may not set them. */
export const RESERVED_TAG_PREFIX = 'voiceid-gitops:';
export const OWNER_STACK_TAG = 'voiceid-gitops:stack';
export const OWNER_KEY_TAG = 'voiceid-gitops:key';
/** What apply last made live, one digest per managed attribute (src/plan/PLAN.md §11). */
export const APPLIED_RECORD_TAG = 'voiceid-gitops:applied';
/** Every tag voiceid-gitops writes on a managed domain itself: they count against the 50 tags a domain takes (R4.2). */
export const MANAGED_TAG_KEYS: readonly string[] = [OWNER_KEY_TAG, OWNER_STACK_TAG, APPLIED_RECORD_TAG];
/** In job definitions, this watchlist name refers to the domain's default watchlist. */
export const DEFAULT_WATCHLIST_NAME = 'default';

export type ExistingEnrollmentAction = 'SKIP' | 'OVERWRITE';
export type FraudDetectionAction = 'FAIL' | 'IGNORE';
export type DuplicateRegistrationAction = 'SKIP' | 'REGISTER_AS_NEW';

export interface DesiredState {
  readonly version: typeof FORMAT_VERSION;
  readonly stack: string;
  readonly region?: string;
  readonly prune: boolean;
  /** Sorted by key. */
  readonly domains: readonly DesiredDomain[];
}

export interface DesiredDomain {
  /** Logical key: `[a-zA-Z0-9][a-zA-Z0-9_-]*`, stable across renames, recorded in the `voiceid-gitops:key` tag. */
  readonly key: string;
  /** Defaults to the key. */
  readonly name: string;
  /** Absent means "no description" (UpdateDomain removes one that is live). */
  readonly description?: string;
  readonly kmsKeyId: string;
  /** User tags only (never the reserved prefix), keys sorted. */
  readonly tags: Readonly<Record<string, string>>;
  /** Union of `optedOutSpeakers` and `optedOutSpeakersFile`, duplicates removed, sorted. */
  readonly optedOutSpeakers: readonly string[];
  /** Existing unmanaged DomainId to take over. */
  readonly adopt?: string;
  /** Custom watchlists, sorted by name. The default watchlist is implicit and never listed. */
  readonly watchlists: readonly DesiredWatchlist[];
  /** Sorted by jobName. */
  readonly enrollmentJobs: readonly DesiredEnrollmentJob[];
  /** Sorted by jobName. */
  readonly fraudsterRegistrationJobs: readonly DesiredFraudsterRegistrationJob[];
  /** Where the domain's key is written (for messages); not part of the state's identity. */
  readonly source?: SourceLocation;
}

export interface DesiredWatchlist {
  readonly name: string;
  readonly description?: string;
}

export interface DesiredFraudDetection {
  readonly action?: FraudDetectionAction;
  readonly riskThreshold?: number;
  /** Exactly one watchlist name: a declared watchlist or `default`. */
  readonly watchlists?: readonly string[];
}

interface DesiredJobBase {
  readonly jobName: string;
  readonly dataAccessRoleArn: string;
  readonly inputS3Uri: string;
  readonly outputS3Uri: string;
  readonly outputKmsKeyId?: string;
}

export interface DesiredEnrollmentJob extends DesiredJobBase {
  readonly existingEnrollmentAction?: ExistingEnrollmentAction;
  readonly fraudDetection?: DesiredFraudDetection;
}

export interface DesiredFraudsterRegistrationJob extends DesiredJobBase {
  readonly duplicateRegistrationAction?: DuplicateRegistrationAction;
  readonly fraudsterSimilarityThreshold?: number;
  /** Exactly one watchlist name: a declared watchlist or `default`. */
  readonly watchlists?: readonly string[];
}
