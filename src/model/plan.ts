/**
 * The plan: what `plan(desired, live)` (src/plan) proposes and what apply (src/apply) executes. Plain, versioned,
 * JSON-serialisable data whose types derive from the format's one definition (src/model/schema/plan.ts, which
 * also gives specs/plan.schema.json); src/plan/PLAN.md states the rules that produce it.
 * A saved plan holds full values (speaker ids included): renderers mask them, the saved file does not.
 */

import type { Immutable } from './schema/definitions.js';
import type {
  ChangeDocument, DomainRefDocument, ImpactValue, MessageDocument, OperationDocument, PlanDocument, ResourceKindValue, RunnableActionValue,
} from './schema/plan.js';

export const PLAN_FORMAT_VERSION = 1 as const satisfies PlanDocument['formatVersion'];

/** The resource kinds a domain is made of; each change is about exactly one of them. */
export type ResourceKind = ResourceKindValue;

/**
 * A change's address, the one place it is spelled: `domain.<key>` (no kind: the domain itself), `domain.<key>.<kind>`
 * or `domain.<key>.<kind>.<name>`. Which of the three a kind's changes have is its module's `address.shape`
 * (src/kinds/types.ts); its planner passes a name exactly when that shape is `named` (test/kinds checks the goldens).
 */
export function resourceAddress(domainKey: string, kind?: Exclude<ResourceKind, 'domain'>, name?: string): string {
  const domain = `domain.${domainKey}`;
  if (kind === undefined) return domain;
  return name === undefined ? `${domain}.${kind}` : `${domain}.${kind}.${name}`;
}

/** The domain key of an address (`domain.<key>...`, resourceAddress's inverse for the key; keys hold no dot). */
export function addressDomainKey(address: string): string | undefined {
  return address.startsWith('domain.') ? address.split('.')[1] : undefined;
}

/**
 * What a change does when it runs. A change that does not run now says so beside it: `deferred` (Voice ID accepts
 * it only later: it keeps its operations and runs on a later apply, or with `apply --wait`) or `blocked` (shown,
 * never executed, until the YAML or live state changes).
 */
export type ChangeAction = RunnableActionValue;
/** Kept for readers of older code: every action is runnable; `deferred` and `blocked` are beside it. */
export type RunnableAction = ChangeAction;

/**
 * How dangerous a change is, ranked from harmless to worst (like aws-cdk cloudformation-diff `ResourceImpact`),
 * so the danger of a whole plan is one reduce (`worstImpact`). `one-way` changes cannot be undone by the tool
 * (an opt-out erases voiceprints); `destroy` deletes data.
 */
export const IMPACTS = ['none', 'import', 'update', 'create', 'one-way', 'destroy'] as const satisfies readonly ImpactValue[];
export type Impact = ImpactValue;

export function impactRank(i: Impact): number {
  return IMPACTS.indexOf(i);
}

/** The worse of two impacts (use as a reducer: `changes.map(c => c.impact).reduce(worstImpact, 'none')`). */
export function worstImpact(a: Impact, b: Impact): Impact {
  return impactRank(a) >= impactRank(b) ? a : b;
}

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [k: string]: JsonValue };
/** Any kind's `before`/`after`, for code that shows attributes whatever the kind (optional members may be absent). */
export type Attributes = Readonly<Record<string, JsonValue | undefined>>;

/** The id of a domain this same plan creates; apply substitutes it once CreateDomain has answered. */
export type DomainRef = Immutable<DomainRefDocument>;
export type DomainIdValue = string | DomainRef;

/** An API call apply makes, with full input values (src/model/schema/plan.ts defines each). */
export type Operation = Immutable<OperationDocument>;
export type OperationName = Operation['kind'];
export type OperationOf<N extends OperationName> = Extract<Operation, { readonly kind: N }>;
export type CreateDomainOp = OperationOf<'CreateDomain'>;
/** The full desired triple: UpdateDomain clobbers every attribute it is not given. */
export type UpdateDomainOp = OperationOf<'UpdateDomain'>;
export type DeleteDomainOp = OperationOf<'DeleteDomain'>;
/** `{ ref }`: the ARN CreateDomain answers for a domain this plan creates (only the applied record, R11.4). */
export type TagResourceOp = OperationOf<'TagResource'>;
export type UntagResourceOp = OperationOf<'UntagResource'>;
/** One OptOutSpeaker call per id: `{ ...input, SpeakerId }` for each of `speakerIds` (sorted). */
export type OptOutSpeakerOp = OperationOf<'OptOutSpeaker'>;
/** One DeleteSpeaker call per id (PLAN.md §15): `{ ...input, SpeakerId }` for each of `speakerIds` (sorted). */
export type DeleteSpeakerOp = OperationOf<'DeleteSpeaker'>;
/** One DeleteFraudster call per id (PLAN.md §15): `{ ...input, FraudsterId }` for each of `fraudsterIds` (sorted). */
export type DeleteFraudsterOp = OperationOf<'DeleteFraudster'>;
export type CreateWatchlistOp = OperationOf<'CreateWatchlist'>;
export type UpdateWatchlistOp = OperationOf<'UpdateWatchlist'>;
export type DeleteWatchlistOp = OperationOf<'DeleteWatchlist'>;
/** One call per fraudster id; `WatchlistId` is `{ ref }` for a watchlist this plan creates (PLAN.md R16.7). */
export type AssociateFraudsterOp = OperationOf<'AssociateFraudster'>;
export type DisassociateFraudsterOp = OperationOf<'DisassociateFraudster'>;
/**
 * Watchlists of jobs are NAMES here (`WatchlistNames`, `default` = the default watchlist): their ids may not
 * exist before apply creates them. Apply replaces `WatchlistNames` with `WatchlistIds` just before the call.
 */
export type StartSpeakerEnrollmentJobOp = OperationOf<'StartSpeakerEnrollmentJob'>;
export type StartFraudsterRegistrationJobOp = OperationOf<'StartFraudsterRegistrationJob'>;
export type ApiTag = CreateDomainOp['input']['Tags'][number];

/**
 * One resource that differs from the desired state, discriminated by `kind`: each kind has its own actions,
 * operations and `before`/`after` attributes (`Extract<Change, { kind: K }>`, or `ChangeOf<K>`).
 *
 * - `before`/`after`: attributes as they are live (absent for creates) and as they will be (absent for deletes);
 *   opt-outs count the speakers by status instead (PLAN.md §5).
 * - `operations`: the API calls apply makes, in order. Empty when blocked; a deferred change keeps them.
 * - `deferred`: Voice ID accepts it only once something running has ended; like Terraform's deferred changes it
 *   is its own state, not a failure (apply exits 0 when only these remain).
 * - `blocked`: it cannot run at all until the YAML or live state changes (a watchlist that holds fraudsters).
 * - `changedOutside`: managed attributes whose live value is not what voiceid-gitops last set (PLAN.md §11).
 */
export type Change = Immutable<ChangeDocument>;
export type ChangeOf<K extends ResourceKind> = Extract<Change, { readonly kind: K }>;
export type Deferred = NonNullable<ChangeOf<'domain'>['deferred']>;
export type Blocked = NonNullable<ChangeOf<'watchlist'>['blocked']>;

/** A message: plan-level error (stop, exit 1), warning, or note. Never contains a speaker id in `message`. */
export type PlanMessage = Immutable<MessageDocument>;

/** The declared opt-out list of a domain, summarised (PLAN.md R5.3): counts, where it is written, its digest. */
export type OptOutList = NonNullable<ChangeOf<'opt-outs'>['optOutList']>;

/** A deleted domain's speakers, as far as the reader listed them (PLAN.md R8.3). */
export type SpeakerCount = NonNullable<ChangeOf<'domain'>['speakerCount']>;
/** The declared list of an erasure or fraudster deletion (PLAN.md R15.4): counts, sources, digest. */
export type DeleteList = NonNullable<ChangeOf<'erased-speakers'>['deleteList']>;

/** Counts per action; `optOut` counts speakers, not changes; `outside`: changes with `changedOutside`. */
export type PlanSummary = Plan['summary'];

/** The YAML PATHs a plan was made from, relative to the repository root, with `/` separators (src/cli/plan-source.ts). */
export type PlanSource = NonNullable<Plan['source']>;

/**
 * The plan (specs/plan.schema.json). `redacted`: set only in rendered JSON whose speaker ids are masked (such a
 * document cannot be applied); `changes` in execution order, no-op resources not listed; `integrity`: sha256 of
 * the canonical plan without this member, set on saved plans (src/plan/integrity.ts).
 */
export type Plan = Immutable<PlanDocument>;

/**
 * How the declared opt-out ids of one managed domain were learnt (src/plan/PLAN.md R13.5): `trusted` of them taken
 * as OPTED_OUT on the evidence of the last apply, `read` read live. Nothing trusted is hidden: renderers print it.
 */
export type DomainTrust = NonNullable<Plan['trust']>[number];

/**
 * Whether live differs from desired (`plan --detailed-exitcode` exits 2); deferred and blocked changes count: work
 * or drift remains.
 */
export function hasChanges(plan: Plan): boolean {
  return plan.changes.length > 0;
}

/** Only deferred changes are left: nothing failed, the next apply starts them. */
export function onlyDeferred(plan: Plan): boolean {
  return plan.changes.length > 0 && plan.changes.every((c) => c.deferred !== undefined);
}
