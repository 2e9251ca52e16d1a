/**
 * What a resource kind is made of (like a Terraform provider's resource: schema, read, diff and CRUD in one place).
 * Each kind is one module under src/kinds/ implementing `ResourceKindModule`; src/kinds/registry.ts lists them, and
 * the engines (plan, apply, render, iam-policy, export) loop over that registry instead of naming kinds. The types
 * make a missing part a compile error: the registry must have a module for every `ResourceKind`, and the modules
 * together must handle every `Operation` (ARCHITECTURE.md "Adding a resource kind").
 */
import type { IamActionSpec } from '../model/iam-actions.js';
import type { AppliedRecord, RecordedAttribute } from '../plan/applied-record.js';
import type { PlanEvidence } from '../plan/trust.js';
import type { Change, DomainIdValue, Operation, OperationName, ResourceKind } from '../model/plan.js';
import type { DesiredDomain } from '../model/desired.js';
import type { LiveDomain, LiveDomainDetails, LiveEnrollmentJob, LiveFraudsterRegistrationJob, LiveWatchlist } from '../model/live.js';
import type { DomainAnswers, VoiceIdApi } from '../aws/index.js';
import type { SpeakerReadOptions } from '../live/speakers.js';
import type { Reporter } from '../config/constraint-check.js';
import type { Path } from '../config/locate.js';
import type { Unchecked } from '../config/unchecked.js';
import type { DeclaredMembers } from '../config/check-members.js';
import type { DomainDocument } from '../model/schema/desired-state.js';
import type { FraudsterReadOptions } from '../live/fraudsters.js';
import type { SchemaKit } from '../model/schema/kit.js';
import type { TSchema } from 'typebox';
import type { Redactor } from '../model/sensitive.js';
import type { DomainPlanContext } from '../plan/domain.js';
import type { Findings } from '../plan/findings.js';
import type { Match } from '../plan/identity.js';
import type { Followable, OperationContext } from '../apply/operations.js';
import type { ChangeOutcome } from '../apply/types.js';
import type { RunState } from '../apply/resolve.js';
import type { WaitContext } from '../apply/wait.js';
import type { WaitOutcome } from '../apply/types.js';
import type { Style } from '../render/style.js';
import type { Risk } from '../render/risks.js';

export type OperationOf<N extends OperationName> = Extract<Operation, { readonly kind: N }>;

/** How apply executes one Operation (APPLY.md §3): its API call(s), and how many calls it counts for progress. */
export interface OperationHandler<O extends Operation> {
  /**
   * Calls the operation makes, when not one (OptOutSpeaker: one per speaker id); such a handler calls
   * `ctx.onCall()` itself after each call. Without it the engine counts the one call when `run` returns.
   */
  readonly calls?: (op: O) => number;
  /** Makes the call(s). Returns what `--wait` may follow. */
  readonly run: (op: O, ctx: OperationContext) => Promise<Followable | undefined>;
}

/** One handler for each operation name in N: a module that lists an operation without its handler does not compile. */
export type OperationHandlers<N extends OperationName> = { readonly [P in N]: OperationHandler<OperationOf<P>> };

/** What one kind's planner gets for one declared domain (src/plan/plan.ts builds it once per domain). */
export interface KindPlanInput {
  /** How the declared domain matched live state: `new`, `adopt` or `managed` (PLAN.md §2). */
  readonly match: Match;
  readonly desired: DesiredDomain;
  /** The live domain, with its details; absent when this plan creates it. */
  readonly live?: LiveDomain;
  /** The live id, or `{ ref }` to the CreateDomain of this plan. */
  readonly domainId: DomainIdValue;
  /** What apply last made live (PLAN.md §11); only for domains this stack already manages. */
  readonly record?: AppliedRecord;
  readonly ctx: DomainPlanContext;
  readonly maxTagsPerDomain?: number;
  /** Bookkeeping kinds only: kinds of this domain's changes a targeted plan left out (PLAN.md R12.4). */
  readonly unselected?: ReadonlySet<ResourceKind>;
  /** What the last-applied record change writes as evidence (PLAN.md R13.2); absent: none. */
  readonly evidence?: PlanEvidence;
}

/** `stop`: the rest of the domain cannot be planned (R1.6: its details were not read). */
export type PlanStep = 'continue' | 'stop';

/** What one change waits for before it runs, when deferred (A5.2, A5.3): awaited only with `apply --wait`. */
export interface DeferredRun {
  readonly await: (ctx: WaitContext) => Promise<WaitOutcome>;
  /** The operations to run once the obstacle is gone. */
  readonly operations: readonly Operation[];
  /** Said when the wait ends badly: "deferred KMS change not made". */
  readonly notDone: string;
}

/** How apply schedules and runs the changes of one kind within a domain (APPLY.md §2). */
export interface KindApply<N extends OperationName> {
  /** Handlers of the operations this kind owns (each Operation is owned by exactly one kind). */
  readonly operations: OperationHandlers<N>;
  /** Kinds whose changes of the same domain finish before this kind's start (the dependency lanes, A2.2). */
  readonly after: readonly ResourceKind[];
  /**
   * Why a change of this kind cannot run given what ran before it in its domain (a failed dependency), if it
   * cannot: it is then reported skipped with this reason and makes no call.
   */
  readonly skipReason?: (change: Change, done: DomainOutcomes) => string | undefined;
  /** Set when a change of this kind must stop the rest of its domain when it did not apply (a failed create). */
  readonly prerequisite?: (change: Change, outcome: ChangeOutcome) => string | undefined;
  /** A deferred change of this kind: what it waits for with --wait; undefined when it cannot wait here. */
  readonly deferred?: (change: Change, state: RunState) => DeferredRun | undefined;
  /**
   * Changes that run after every domain's other changes, one at a time (A2.1: domain deletes; a watchlist delete
   * that its domain's watchlist-members change empties first). `plan`: every change of the plan.
   */
  readonly last?: (change: Change, plan?: readonly Change[]) => boolean;
}

/** The outcomes known so far in one domain, and that domain's changes. */
export interface DomainOutcomes {
  readonly changes: readonly Change[];
  readonly outcome: (address: string) => ChangeOutcome | undefined;
}

export interface RenderOptions {
  readonly redactor: Redactor;
  readonly style: Style;
  readonly maxSpeakerIds: number;
}

/** How a change of this kind is shown (render/change-lines.ts); `undefined` parts use the generic lines. */
export interface KindRender {
  /** The whole rendering, when the kind replaces the generic lines (bookkeeping). */
  readonly whole?: (c: Change, o: RenderOptions) => string[];
  /** The body under the title, when the generic attribute lines do not fit (opt-outs list speaker ids). */
  readonly body?: (c: Change, o: RenderOptions) => string[];
  /** What a change of this kind does that a reviewer must see first (render/risks.ts); none: nothing of the kind's. */
  readonly risks?: (c: Change) => Risk[];
}

/** What `export` read of one whole domain (src/cli/export-read.ts): every opted-out speaker, every named job. */
export interface ExportedDomain {
  readonly live: LiveDomain;
  /** True when the domain carries this stack's ownership tags (its key comes from them). */
  readonly managed: boolean;
  /** Custom watchlists only, sorted by name. */
  readonly watchlists: readonly LiveWatchlist[];
  /** Every watchlist's fraudsters by watchlist name (`default`: the default watchlist), sorted; empty ones absent. */
  readonly members: Readonly<Record<string, readonly string[]>>;
  /** CustomerSpeakerIds whose status is OPTED_OUT, sorted. */
  readonly optedOut: readonly string[];
  /** The latest job of each JobName, described (definition included); watchlists by name. */
  readonly enrollmentJobs: readonly LiveEnrollmentJob[];
  readonly fraudsterRegistrationJobs: readonly LiveFraudsterRegistrationJob[];
  /** Jobs without a JobName, summed over the job kinds: they cannot be keyed in YAML (nor started again by name). */
  readonly unnamedJobs: number;
  /** Every watchlist id of the domain -> the name jobs refer to it by (`default` for the default watchlist). */
  readonly watchlistNames?: Readonly<Record<string, string>>;
}

/** What one kind's part of export's read gets for one whole domain (src/cli/export-read.ts). */
export interface WholeReadInput {
  readonly api: VoiceIdApi;
  readonly live: LiveDomain;
  /** What a kind listed before this one in the registry read of this domain (jobs name watchlists by id). */
  readonly earlier: (kind: ResourceKind) => Promise<Partial<ExportedDomain>>;
}

export interface ExportContext {
  /** The domain's key in the exported YAML. */
  readonly key: string;
  /** Lines for the user about what was left out, and why. */
  readonly notes: string[];
}

/** One domain's mapping in one YAML file, as a kind's YAML check reads it (src/config/check-domain.ts). */
export interface YamlCheckInput {
  readonly r: Reporter;
  /** The domain's key. */
  readonly key: string;
  readonly doc: Unchecked<DomainDocument>;
  /** Where the mapping is (`domains.<key>`). */
  readonly path: Path;
}

/** What one kind's members of a domain's mapping declare. */
export interface YamlPart {
  readonly domain: Partial<DesiredDomain>;
  /** Opt-outs only: the inline ids in order with their paths (for cross-file duplicates), and the opt-out file. */
  readonly inlineSpeakers?: ReadonlyArray<{ readonly id: string; readonly path: Path }>;
  readonly optOutFile?: string;
  /** Watchlists only: those that declare their members (`default` included), with their fraudstersFile as written. */
  readonly members?: readonly DeclaredMembers[];
  /** Erased speakers only (PLAN.md §15): the inline ids in order with their paths, and the erasedSpeakersFile. */
  readonly inlineErased?: ReadonlyArray<{ readonly id: string; readonly path: Path }>;
  readonly erasureFile?: string;
  /** Deleted fraudsters only: the declared ids in order with their paths. */
  readonly deletedFraudsters?: ReadonlyArray<{ readonly id: string; readonly path: Path }>;
}

/** A kind's section of the YAML format (its `yamlMembers` of a domain's mapping). */
export interface KindYaml {
  /** Its members of a domain's mapping, as TypeBox types written with the kit (desired-state.ts composes them). */
  readonly schema: (kit: SchemaKit) => Readonly<Record<string, TSchema>>;
  /**
   * Every Voice ID constraint and rule of the format on those members, reported through `r` (all problems in one
   * run: the mapping may be one the schema refused), and what they declare, defaults applied, sorted.
   */
  readonly check: (input: YamlCheckInput) => YamlPart;
  /**
   * The inverse, for the YAML writer (src/config/to-yaml.ts, which `export` uses): its members of the declared
   * domain as plain YAML values; undefined or empty ones are left out of the file.
   */
  readonly write: (d: DesiredDomain) => Readonly<Record<string, unknown>>;
}

/** What one kind's part of plan's live read gets for one declared (managed or adopted) domain (src/live/details.ts). */
export interface DetailsReadInput {
  readonly api: VoiceIdApi;
  readonly live: LiveDomain;
  readonly desired: DesiredDomain;
  /** The declared opt-out ids to read (all of them, or the untrusted ones: PLAN.md R13.4) and the erased ids (R15.5). */
  readonly speakerIds: readonly string[];
  readonly speakers: SpeakerReadOptions;
  /** How the declared deletedFraudsters are read (PLAN.md R15.5); absent: DescribeFraudster per id. */
  readonly fraudsters?: FraudsterReadOptions;
  /** What a kind listed before this one in the registry read of this domain (jobs name watchlists by id). */
  readonly earlier: (kind: ResourceKind) => Promise<Partial<LiveDomainDetails>>;
}

/** A kind's part of the live read: the members of LiveDomainDetails it reads, and keeps current after apply. */
export interface KindRead<D extends keyof LiveDomainDetails> {
  /** The members it fills, D (test/kinds checks them against what `details` returns; the types, that all are read). */
  readonly members: readonly (keyof LiveDomainDetails)[];
  /** plan's read of one declared domain, concurrently with the other kinds'. */
  readonly details: (input: DetailsReadInput) => Promise<Pick<LiveDomainDetails, D>>;
  /** Those members of a domain this apply created (before the answers are folded in). */
  readonly created: (live: LiveDomain) => Pick<LiveDomainDetails, D>;
  /**
   * A6.3 (src/live/answered.ts): those members after apply, from the answers of its calls; `current` holds the
   * kinds before this one already folded (in registry order).
   */
  readonly answered: (current: LiveDomainDetails, answers: DomainAnswers, live: LiveDomain) => Pick<LiveDomainDetails, D>;
  /**
   * export's read of a whole domain, not only what a desired state names (every opted-out speaker, every named
   * job); none when export writes nothing of this kind from the live domain.
   */
  readonly whole?: (input: WholeReadInput) => Promise<Partial<ExportedDomain>>;
}

/**
 * How a kind's changes are addressed (`domain.<key>[.<kind>[.<name>]]`, model/plan.ts resourceAddress): `domain` is
 * the domain itself (`domain.<key>`), `one` one change per domain (`domain.<key>.<kind>`), `named` one per name
 * (`domain.<key>.<kind>.<name>`).
 */
export type AddressShape = 'domain' | 'one' | 'named';

/** What `needs` may look at: the domain's changes, and the declared and live domain they were planned from. */
export interface TargetScope {
  readonly changes: readonly Change[];
  /** Absent for a live domain no declared key claims (prune). */
  readonly desired?: DesiredDomain;
  /** Absent for a domain this plan creates. */
  readonly live?: LiveDomain;
}

/** How `--target` names a kind's changes (PLAN.md R12.4, R12.5; src/plan/targets.ts). */
export interface KindTarget {
  /**
   * R12.5: the addresses of this kind a target may name in one declared domain: the declared resources, and the
   * live ones of its managed or adopted domain (`live`, absent when it has none).
   */
  readonly addresses: (d: DesiredDomain, live: LiveDomain | undefined) => readonly string[];
  /**
   * R12.4: addresses of the changes a selected change of this kind needs, among `around.changes` (every change its
   * domain plans, before selection): a job the watchlists it names, a watchlist delete the changes that empty it.
   */
  readonly needs?: (c: Change, around: TargetScope) => readonly string[];
  /**
   * R12.4: a change of this kind kept whenever a target names anything of its domain (a domain this plan creates or
   * adopts: every other change needs its id and ownership).
   */
  readonly keptWithDomain?: (c: Change) => boolean;
}

export interface KindAddress {
  readonly shape: AddressShape;
  /** How `--target` names it; absent: not a target of its own (the applied record follows its domain). */
  readonly target?: KindTarget;
}

/** What a kind makes live that the last-applied record holds (PLAN.md §11; src/plan/applied-record.ts planRecord). */
export interface KindRecord {
  /** The record fields (R11.1) this kind owns; every field is exactly one kind's (test/kinds). */
  readonly fields: readonly RecordedAttribute[];
  /** Digests of those fields as the declared domain makes them live; a field left out is not written. */
  readonly value: (d: DesiredDomain, kmsKeys: Readonly<Record<string, string>>) => AppliedRecord;
  /**
   * Whether a change of this kind makes its fields live now, so the record is written (R11.4); absent: every
   * change does. A deferred change never does: its fields keep their recorded value, as an unselected kind's do.
   */
  readonly writes?: (c: Change) => boolean;
}

export interface ResourceKindModule<K extends ResourceKind, N extends OperationName, D extends keyof LiveDomainDetails = never> {
  readonly kind: K;
  /** One line: what this kind is (docs, `explain`). */
  readonly description: string;
  /** Its changes' addresses, and how `--target` names them. */
  readonly address: KindAddress;
  /**
   * Whether its `delete` destroys data the tool cannot recover (a domain and its voiceprints, erased speakers,
   * deleted fraudsters): such a change is `destructive` and apply needs --allow-delete. A watchlist delete is not.
   */
  readonly destroys: boolean;
  /**
   * A destructive change's size, said when apply refuses it without --allow-delete (`3 speakers`); every module
   * whose delete destroys and whose changes are not the domain itself has one (test/kinds checks it).
   */
  readonly erases?: (c: Change) => string;
  /**
   * What of a change of this kind a saved plan must still equal in a fresh plan (APPLY.md A1.7, src/plan/staleness.ts):
   * the change without what moves with time alone (the record's evidence, a deleted domain's speaker count). Absent:
   * the whole change.
   */
  readonly comparable?: (c: Change) => unknown;
  /** The members of a domain's YAML mapping that declare this kind (docs/desired-state.md); none when derived. */
  readonly yamlMembers: readonly string[];
  /** Its section of the YAML format; none when derived (no `yamlMembers`). */
  readonly yaml?: KindYaml;
  /** Plan-time checks of the declared domain that need no live details (run even when details are missing). */
  readonly check?: (input: KindPlanInput, out: Findings) => void;
  /** The diff: desired against live for one domain, pushing this kind's changes and messages to `input.ctx.out`. */
  readonly plan: (input: KindPlanInput) => PlanStep;
  /** A live domain of this stack that no declared key claims (prune, PLAN.md §8). */
  readonly orphan?: (key: string, live: LiveDomain, prune: boolean, ctx: DomainPlanContext) => void;
  /** Its part of the live read of a domain's inside; none when discovery reads it (the domain, its tags). */
  readonly read?: KindRead<D>;
  /** Its fields of the last-applied record; none when the record does not cover its changes (R11.4). */
  readonly record?: KindRecord;
  /** Bookkeeping that comes with other changes of its domain: not counted in the plan's summary. */
  readonly bookkeeping?: boolean;
  readonly apply: KindApply<N>;
  readonly render: KindRender;
  /**
   * Export (src/cli/export-yaml.ts): this kind's members of the declared domain, from what export read, so that
   * `plan` on the exported YAML plans nothing for it.
   */
  readonly export: (read: ExportedDomain, ctx: ExportContext) => Partial<DesiredDomain>;
  /** The IAM actions this kind's live read (`plan` role) and apply (`apply` role) call. */
  readonly iam: readonly IamActionSpec[];
}

/** Any kind's module, as the engines see it. */
export type AnyKindModule = ResourceKindModule<ResourceKind, never>;
