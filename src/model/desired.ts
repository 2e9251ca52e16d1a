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
/** Present (value `true`) on a domain declared `protect: true`: it is never deleted (src/plan/PLAN.md R12.1, R12.2). */
export const PROTECT_TAG = 'voiceid-gitops:protect';
export const PROTECT_TAG_VALUE = 'true';
/** Every tag voiceid-gitops writes on every managed domain: they count against the 50 tags a domain takes (R4.2). */
export const MANAGED_TAG_KEYS: readonly string[] = [OWNER_KEY_TAG, OWNER_STACK_TAG, APPLIED_RECORD_TAG];

/** The voiceid-gitops tags a domain carries as declared: MANAGED_TAG_KEYS, plus the protection tag when protected. */
export function toolTagCount(d: { readonly protect?: boolean }): number {
  return MANAGED_TAG_KEYS.length + (d.protect === true ? 1 : 0);
}

/** The attributes `ignoreChanges` may name (PLAN.md R12.3), besides `tags.KEY`. */
export const IGNORABLE_ATTRIBUTES = ['name', 'description', 'kmsKeyId', 'tags'] as const;
export type IgnorableAttribute = (typeof IGNORABLE_ATTRIBUTES)[number];
/** `name` | `description` | `kmsKeyId` | `tags` | `tags.KEY` (one user tag). */
export type IgnoreChange = IgnorableAttribute | `tags.${string}`;
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
export interface DesiredDomain extends Immutable<Pick<DomainDocument, 'description' | 'kmsKeyId' | 'adopt' | 'protect'>> {
  /** Logical key: `[a-zA-Z0-9][a-zA-Z0-9_-]*`, stable across renames, recorded in the `voiceid-gitops:key` tag. */
  readonly key: string;
  /** Defaults to the key. */
  readonly name: string;
  /** User tags only (never the reserved prefix), keys sorted. */
  readonly tags: Readonly<Record<string, string>>;
  /** Union of `optedOutSpeakers` and `optedOutSpeakersFile`, duplicates removed, sorted. */
  readonly optedOutSpeakers: readonly string[];
  /**
   * The files the opt-out ids come from (the YAML file for an inline list, then the optedOutSpeakersFile), paths as
   * the loader was given them; for the plan's review lines (PLAN.md R5.3), not part of the state's identity.
   */
  readonly optOutSources?: readonly string[];
  /**
   * Union of `erasedSpeakers` and `erasedSpeakersFile`, duplicates removed, sorted; absent when none is declared
   * (PLAN.md §15: DeleteSpeaker, destructive). Personal data, masked like opted-out ids.
   */
  readonly erasedSpeakers?: readonly string[];
  /** The files the erased ids come from (like `optOutSources`); for the plan's review lines only. */
  readonly erasureSources?: readonly string[];
  /** `deletedFraudsters`, sorted, unique; absent when not declared (PLAN.md §15: DeleteFraudster, destructive). */
  readonly deletedFraudsters?: readonly string[];
  /** Custom watchlists, sorted by name. The default watchlist is implicit and never listed here. */
  readonly watchlists: readonly DesiredWatchlist[];
  /** `watchlists.default`: the default watchlist's declared members; absent when not declared (left as they are). */
  readonly defaultWatchlist?: DesiredMembers;
  /** Sorted by jobName. */
  readonly enrollmentJobs: readonly DesiredEnrollmentJob[];
  /** Sorted by jobName. */
  readonly fraudsterRegistrationJobs: readonly DesiredFraudsterRegistrationJob[];
  /**
   * Attributes kept at their live value once the domain exists (R12.3), sorted, unique; absent when not declared.
   * Narrower than the document's strings (the IgnoreChange pattern), which check-domain.ts checks. `protect`: absent
   * when not declared (= false); true is recorded as PROTECT_TAG and the domain is never deleted (R12.1).
   */
  readonly ignoreChanges?: readonly IgnoreChange[];
  /** Where the domain's key is written (for messages); not part of the state's identity. */
  readonly source?: SourceLocation;
}

/**
 * A watchlist's declared members (PLAN.md §16): the union of `fraudsters` and `fraudstersFile`, unique, sorted; a
 * watchlist that declares neither key has no `fraudsters` and keeps its live members.
 */
export interface DesiredMembers {
  readonly fraudsters: readonly string[];
}

/** A custom watchlist as declared (`null` in YAML for an empty one), named by its key. */
export interface DesiredWatchlist extends Immutable<Pick<NonNullable<WatchlistDocument>, 'description'>>, Partial<DesiredMembers> {
  readonly name: string;
}

/** `watchlists`: exactly one name, a declared watchlist or `default`. */
export type DesiredFraudDetection = Immutable<FraudDetectionDocument>;

/** A job's YAML value named by its key. */
export type DesiredEnrollmentJob = { readonly jobName: string } & Immutable<EnrollmentJobDocument>;

/** `watchlists`: exactly one name, a declared watchlist or `default`. */
export type DesiredFraudsterRegistrationJob = { readonly jobName: string } & Immutable<FraudsterRegistrationJobDocument>;
