/**
 * The desired state: what the YAML files (format version 1, CONTRACT §3) say the Voice ID estate must be.
 * Produced by src/config, consumed by src/plan. Plain readonly data; every collection is sorted by its key so
 * that two loads of the same files are deeply equal whatever the file order.
 */
import type { SourceLocation } from './diagnostic.js';
import type { Immutable } from './schema/definitions.js';
import type {
  DomainDocument, EnrollmentJobDocument, FraudDetectionDocument, FraudsterRegistrationJobDocument, WatchlistDocument,
} from './schema/desired-state.js';

export type { DesiredStateFile, DomainDocument, DuplicateRegistrationAction, ExistingEnrollmentAction, FraudDetectionAction } from './schema/desired-state.js';

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

export interface DesiredState {
  readonly version: typeof FORMAT_VERSION;
  readonly stack: string;
  readonly region?: string;
  readonly prune: boolean;
  /** Sorted by key. */
  readonly domains: readonly DesiredDomain[];
}

/**
 * A domain as loaded: the YAML mapping (src/model/schema/desired-state.ts) with its defaults applied, its maps
 * turned into lists sorted by name and its opt-out file merged in.
 */
export interface DesiredDomain extends Immutable<Pick<DomainDocument, 'description' | 'kmsKeyId' | 'adopt'>> {
  /** Logical key: `[a-zA-Z0-9][a-zA-Z0-9_-]*`, stable across renames, recorded in the `voiceid-gitops:key` tag. */
  readonly key: string;
  /** Defaults to the key. */
  readonly name: string;
  /** User tags only (never the reserved prefix), keys sorted. */
  readonly tags: Readonly<Record<string, string>>;
  /** Union of `optedOutSpeakers` and `optedOutSpeakersFile`, duplicates removed, sorted. */
  readonly optedOutSpeakers: readonly string[];
  /** Custom watchlists, sorted by name. The default watchlist is implicit and never listed. */
  readonly watchlists: readonly DesiredWatchlist[];
  /** Sorted by jobName. */
  readonly enrollmentJobs: readonly DesiredEnrollmentJob[];
  /** Sorted by jobName. */
  readonly fraudsterRegistrationJobs: readonly DesiredFraudsterRegistrationJob[];
  /** Where the domain's key is written (for messages); not part of the state's identity. */
  readonly source?: SourceLocation;
}

/** A watchlist's YAML value (`null` for an empty one) named by its key. */
export type DesiredWatchlist = { readonly name: string } & Immutable<NonNullable<WatchlistDocument>>;

/** `watchlists`: exactly one name, a declared watchlist or `default`. */
export type DesiredFraudDetection = Immutable<FraudDetectionDocument>;

/** A job's YAML value named by its key. */
export type DesiredEnrollmentJob = { readonly jobName: string } & Immutable<EnrollmentJobDocument>;

/** `watchlists`: exactly one name, a declared watchlist or `default`. */
export type DesiredFraudsterRegistrationJob = { readonly jobName: string } & Immutable<FraudsterRegistrationJobDocument>;
