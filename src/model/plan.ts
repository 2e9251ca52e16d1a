/**
 * The plan: what `plan(desired, live)` (src/plan) proposes and what apply (src/apply) executes. Plain, versioned,
 * JSON-serialisable data described by specs/plan.schema.json; src/plan/PLAN.md states the rules that produce it.
 * A saved plan holds full values (speaker ids included): renderers mask them, the saved file does not.
 */

import { assertNever } from './assert-never.js';

export const PLAN_FORMAT_VERSION = 1 as const;

/** The resource kinds a domain is made of; each change is about exactly one of them. */
export type ResourceKind =
  | 'domain'
  | 'tags'
  | 'watchlist'
  | 'opt-outs'
  | 'enrollment-job'
  | 'fraudster-registration-job'
  /** The `voiceid-gitops:applied` tag: what apply last made live (src/plan/PLAN.md §11). */
  | 'applied-record';

/**
 * A change's address, the one place it is spelled: `domain.<key>`, `domain.<key>.tags`, `domain.<key>.opt-outs`,
 * `domain.<key>.watchlist.<name>`, `domain.<key>.enrollment-job.<jobName>`, ... (`name` only for named kinds).
 */
export function resourceAddress(domainKey: string, kind: ResourceKind = 'domain', name?: string): string {
  const domain = `domain.${domainKey}`;
  switch (kind) {
    case 'domain':
      return domain;
    case 'tags':
    case 'opt-outs':
    case 'applied-record':
      return `${domain}.${kind}`;
    case 'watchlist':
    case 'enrollment-job':
    case 'fraudster-registration-job':
      return `${domain}.${kind}.${name ?? ''}`;
    default:
      return assertNever(kind, 'resource kind');
  }
}

/**
 * What will happen to a resource. `deferred` changes are accepted by Voice ID only later (one active job per kind
 * and domain; no key change during a re-encryption): they keep their operations and run on a later apply (or with
 * `apply --wait`), see `Change.deferred`. `blocked` changes are shown but never executed (see `Change.blocked`).
 */
export type ChangeAction = 'create' | 'update' | 'delete' | 'adopt' | 'opt-out' | 'start' | 'deferred' | 'blocked';

/** The actions a change can have when it runs now. */
export type RunnableAction = Exclude<ChangeAction, 'deferred' | 'blocked'>;

/**
 * How dangerous a change is, ranked from harmless to worst (like aws-cdk cloudformation-diff `ResourceImpact`),
 * so the danger of a whole plan is one reduce (`worstImpact`). `one-way` changes cannot be undone by the tool
 * (an opt-out erases voiceprints); `destroy` deletes data.
 */
export const IMPACTS = ['none', 'import', 'update', 'create', 'one-way', 'destroy'] as const;
export type Impact = (typeof IMPACTS)[number];

export function impactRank(i: Impact): number {
  return IMPACTS.indexOf(i);
}

/** The worse of two impacts (use as a reducer: `changes.map(c => c.impact).reduce(worstImpact, 'none')`). */
export function worstImpact(a: Impact, b: Impact): Impact {
  return impactRank(a) >= impactRank(b) ? a : b;
}

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [k: string]: JsonValue };
export type Attributes = Readonly<Record<string, JsonValue>>;

/** The id of a domain this same plan creates; apply substitutes it once CreateDomain has answered. */
export interface DomainRef {
  readonly ref: string;
}
export type DomainIdValue = string | DomainRef;

export interface ApiTag {
  readonly Key: string;
  readonly Value: string;
}

export interface CreateDomainOp {
  readonly kind: 'CreateDomain';
  readonly input: {
    readonly Name: string;
    readonly Description?: string;
    readonly ServerSideEncryptionConfiguration: { readonly KmsKeyId: string };
    /** Ownership tags included: a new domain is owned from its first instant. */
    readonly Tags: readonly ApiTag[];
    readonly ClientToken: string;
  };
}

export interface UpdateDomainOp {
  readonly kind: 'UpdateDomain';
  /** The full desired triple: UpdateDomain clobbers every attribute it is not given. */
  readonly input: {
    readonly DomainId: string;
    readonly Name: string;
    readonly Description?: string;
    readonly ServerSideEncryptionConfiguration: { readonly KmsKeyId: string };
  };
}

export interface DeleteDomainOp {
  readonly kind: 'DeleteDomain';
  readonly input: { readonly DomainId: string };
}

export interface TagResourceOp {
  readonly kind: 'TagResource';
  /** `{ ref }`: the ARN CreateDomain answers for a domain this plan creates (only the applied record, R11.4). */
  readonly input: { readonly ResourceArn: string | DomainRef; readonly Tags: readonly ApiTag[] };
}

export interface UntagResourceOp {
  readonly kind: 'UntagResource';
  readonly input: { readonly ResourceArn: string; readonly TagKeys: readonly string[] };
}

/** One OptOutSpeaker call per id: `{ ...input, SpeakerId }` for each of `speakerIds` (sorted). */
export interface OptOutSpeakerOp {
  readonly kind: 'OptOutSpeaker';
  readonly input: { readonly DomainId: DomainIdValue };
  readonly speakerIds: readonly string[];
}

export interface CreateWatchlistOp {
  readonly kind: 'CreateWatchlist';
  readonly input: {
    readonly DomainId: DomainIdValue;
    readonly Name: string;
    readonly Description?: string;
    readonly ClientToken: string;
  };
}

export interface UpdateWatchlistOp {
  readonly kind: 'UpdateWatchlist';
  readonly input: {
    readonly DomainId: string;
    readonly WatchlistId: string;
    readonly Description: string;
  };
}

export interface DeleteWatchlistOp {
  readonly kind: 'DeleteWatchlist';
  readonly input: { readonly DomainId: string; readonly WatchlistId: string };
}

interface JobDataConfig {
  readonly DataAccessRoleArn: string;
  readonly InputDataConfig: { readonly S3Uri: string };
  readonly OutputDataConfig: { readonly S3Uri: string; readonly KmsKeyId?: string };
}

/**
 * Watchlists of jobs are NAMES here (`WatchlistNames`, `default` = the default watchlist): their ids may not
 * exist before apply creates them. Apply replaces `WatchlistNames` with `WatchlistIds` just before the call.
 */
export interface StartSpeakerEnrollmentJobOp {
  readonly kind: 'StartSpeakerEnrollmentJob';
  readonly input: JobDataConfig & {
    readonly DomainId: DomainIdValue;
    readonly JobName: string;
    readonly ClientToken: string;
    readonly EnrollmentConfig?: {
      readonly ExistingEnrollmentAction?: string;
      readonly FraudDetectionConfig?: {
        readonly FraudDetectionAction?: string;
        readonly RiskThreshold?: number;
        readonly WatchlistNames?: readonly string[];
      };
    };
  };
}

export interface StartFraudsterRegistrationJobOp {
  readonly kind: 'StartFraudsterRegistrationJob';
  readonly input: JobDataConfig & {
    readonly DomainId: DomainIdValue;
    readonly JobName: string;
    readonly ClientToken: string;
    readonly RegistrationConfig?: {
      readonly DuplicateRegistrationAction?: string;
      readonly FraudsterSimilarityThreshold?: number;
      readonly WatchlistNames?: readonly string[];
    };
  };
}

export type Operation =
  | CreateDomainOp
  | UpdateDomainOp
  | DeleteDomainOp
  | TagResourceOp
  | UntagResourceOp
  | OptOutSpeakerOp
  | CreateWatchlistOp
  | UpdateWatchlistOp
  | DeleteWatchlistOp
  | StartSpeakerEnrollmentJobOp
  | StartFraudsterRegistrationJobOp;

export type OperationName = Operation['kind'];

/** Why a change cannot run at all until the YAML or live state changes (e.g. a watchlist that holds fraudsters). */
export interface Blocked {
  readonly wouldBe: RunnableAction;
  readonly reason: string;
}

/**
 * A change Voice ID accepts only once something running has ended: it is planned in full (operations kept, in
 * execution order) and runs unchanged on the next apply after that, or within this one with `apply --wait`.
 * Like Terraform's deferred changes it is its own state, not a failure: apply exits 0 when only these remain.
 */
export interface Deferred {
  /** What the change does when it runs. */
  readonly action: 'update' | 'start';
  /** What it waits for and how it continues (one line, no speaker ids). */
  readonly reason: string;
}

export interface Change {
  /** `domain.<key>`, `domain.<key>.tags`, `domain.<key>.watchlist.<name>`, `domain.<key>.opt-outs`, ... */
  readonly address: string;
  readonly kind: ResourceKind;
  readonly action: ChangeAction;
  readonly domainKey: string;
  /** Absent when the domain is created by this plan. */
  readonly domainId?: string;
  readonly impact: Impact;
  /** Deletes data that cannot be recovered by the tool (a domain and all its voiceprints). */
  readonly destructive: boolean;
  /** Attributes as they are live (absent for creates) and as they will be (absent for deletes). */
  readonly before?: Attributes;
  readonly after?: Attributes;
  /**
   * The API calls apply makes for this change, in order, with full input values. Empty when blocked; a deferred
   * change keeps them for a later apply (or `apply --wait`, which runs them only after the obstacle is gone).
   */
  readonly operations: readonly Operation[];
  /** Human reasons and consequences (one line each, no speaker ids). */
  readonly reasons: readonly string[];
  readonly blocked?: Blocked;
  /** Set exactly when `action` is `deferred`. */
  readonly deferred?: Deferred;
  /**
   * The managed attributes whose live value is not what voiceid-gitops last set (PLAN.md §11): the change also
   * undoes a change made outside voiceid-gitops. Absent when none, or when no last-applied record says.
   */
  readonly changedOutside?: readonly string[];
  /** Speaker ids this change is about (opt-outs): renderers mask them. */
  readonly speakerIds?: readonly string[];
  /** Opt-outs: what a reviewer checks a long list by (PLAN.md R5.3). */
  readonly optOutList?: OptOutList;
}

/** The declared opt-out list of a domain, summarised (PLAN.md R5.3): counts, where it is written, its digest. */
export interface OptOutList {
  /** Declared ids, duplicates removed. */
  readonly declared: number;
  /** Declared ids already OPTED_OUT live. */
  readonly alreadyOptedOut: number;
  /** The files the ids come from (YAML file for an inline list, the optedOutSpeakersFile). */
  readonly sources: readonly string[];
  /** sha256 (hex) of the unique declared ids sorted by byte, each followed by a newline (`LC_ALL=C sort -u | sha256sum`). */
  readonly sha256: string;
}

/** A message: plan-level error (stop, exit 1), warning, or note. Never contains a speaker id in `message`. */
export interface PlanMessage {
  readonly code: string;
  readonly message: string;
  readonly address?: string;
  readonly hint?: string;
  /** Speaker ids the message is about; renderers show them masked. */
  readonly speakerIds?: readonly string[];
  /** Old news (a job that ended and asks for nothing): renderers fold it into a count, the saved plan keeps it. */
  readonly settled?: true;
}

export interface PlanSummary {
  readonly add: number;
  readonly change: number;
  readonly delete: number;
  readonly adopt: number;
  /** Speakers, not changes. */
  readonly optOut: number;
  readonly jobsToStart: number;
  /** Changes Voice ID accepts only later; they run on a later apply. */
  readonly deferred: number;
  readonly blocked: number;
  /** Changes that also undo a change made outside voiceid-gitops (`Change.changedOutside`). */
  readonly outside: number;
}

/** The YAML PATHs a plan was made from, relative to the repository root, with `/` separators (src/cli/plan-source.ts). */
export interface PlanSource {
  readonly paths: readonly string[];
}

/**
 * How the declared opt-out ids of one managed domain were learnt (src/plan/PLAN.md R13.5): `trusted` of them taken
 * as OPTED_OUT on the evidence of the last apply, `read` read live. Nothing trusted is hidden: renderers print it.
 */
export interface DomainTrust {
  readonly domainKey: string;
  readonly declared: number;
  readonly trusted: number;
  readonly read: number;
  /** The evidence trusted (when `trusted` > 0): short commit, ISO times. */
  readonly commit?: string;
  readonly appliedAt?: string;
  readonly fullCheckAt?: string;
  /** Why every id was read (when nothing was trusted). */
  readonly reason?: string;
}

export interface Plan {
  readonly formatVersion: typeof PLAN_FORMAT_VERSION;
  readonly stack: string;
  readonly region: string;
  readonly prune: boolean;
  /**
   * `--target` addresses (PLAN.md R12.4), sorted and unique: only their changes (and what they need) were planned.
   * Absent for a plan of the whole desired state.
   */
  readonly targets?: readonly string[];
  /** What the plan was made from (set by the CLI, not by `plan()`): `apply --plan FILE` without PATHs reads it. */
  readonly source?: PlanSource;
  /** Set only in rendered JSON whose speaker ids are masked: such a document cannot be applied. */
  readonly redacted?: boolean;
  readonly summary: PlanSummary;
  /** The worst impact over all changes (`none` when there are none). */
  readonly impact: Impact;
  /** In execution order. No-op resources are not listed: empty means nothing to do. */
  readonly changes: readonly Change[];
  readonly errors: readonly PlanMessage[];
  readonly warnings: readonly PlanMessage[];
  readonly notes: readonly PlanMessage[];
  /** Per managed domain with declared opt-outs read by a trusting reader (R13.5); absent otherwise. */
  readonly trust?: readonly DomainTrust[];
  /** sha256 (hex) of the canonical plan without this member; set on saved plans (src/plan/integrity.ts). */
  readonly integrity?: string;
}

/**
 * Whether live differs from desired (`plan --detailed-exitcode` exits 2); deferred and blocked changes count: work
 * or drift remains.
 */
export function hasChanges(plan: Plan): boolean {
  return plan.changes.length > 0;
}

/** Only deferred changes are left: nothing failed, the next apply starts them. */
export function onlyDeferred(plan: Plan): boolean {
  return plan.changes.length > 0 && plan.changes.every((c) => c.action === 'deferred');
}
