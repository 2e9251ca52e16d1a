/**
 * What the resource planners produce: changes and messages. One mutable collector per `plan()` call keeps the
 * planners short; nothing escapes the call, so `plan` stays pure.
 */
import { dropUndefined, sortedEntries } from '../model/collections.js';
import type {
  Change,
  ChangeOf,
  DomainIdValue,
  DeleteList,
  Impact,
  OptOutList,
  PlanMessage,
  SpeakerCount,
  ResourceKind,
  RunnableAction,
} from '../model/plan.js';
import { resourceAddress } from '../model/plan.js';
import { kindModule } from '../kinds/registry.js';

export interface Findings {
  readonly changes: Change[];
  readonly errors: PlanMessage[];
  readonly warnings: PlanMessage[];
  readonly notes: PlanMessage[];
}

export function newFindings(): Findings {
  return { changes: [], errors: [], warnings: [], notes: [] };
}

/** What a planner says about one change of kind K; makeChange adds what follows from it. */
export interface ChangeSpec<K extends ResourceKind = ResourceKind> {
  readonly address: string;
  readonly kind: K;
  readonly action: ChangeOf<K>['action'];
  readonly domainKey: string;
  readonly domainId: DomainIdValue;
  readonly before?: ChangeOf<K>['before'];
  readonly after?: ChangeOf<K>['after'];
  readonly operations: ChangeOf<K>['operations'];
  readonly reasons?: readonly string[];
  readonly speakerIds?: readonly string[];
  readonly optOutList?: OptOutList;
  /** A domain delete: the speakers the reader counted (PLAN.md R8.3). */
  readonly speakerCount?: SpeakerCount;
  readonly deleteList?: DeleteList;
  /** When set the change is shown as blocked and carries no operations. */
  readonly blocked?: { readonly reason: string };
  /** When set the change is deferred (its action must be `update` or `start`) and keeps its operations. */
  readonly deferred?: { readonly reason: string };
  /** Managed attributes changed outside voiceid-gitops (PLAN.md §11). */
  readonly changedOutside?: readonly string[];
}

const IMPACT_OF: Readonly<Record<RunnableAction, Impact>> = {
  adopt: 'import',
  update: 'update',
  create: 'create',
  start: 'create',
  'opt-out': 'one-way',
  delete: 'destroy',
};

/** Builds a Change: impact and destructiveness follow from action and kind, never from the caller. */
export function makeChange<K extends ResourceKind>(spec: ChangeSpec<K>): ChangeOf<K> {
  const blocked = spec.blocked ? { reason: spec.blocked.reason } : undefined;
  if (!blocked && spec.deferred) deferrable(spec.action);
  const deferred = !blocked && spec.deferred ? { reason: spec.deferred.reason } : undefined;
  // A blocked change cannot hurt; a deferred one will run (next apply or apply --wait), so it ranks as its action.
  // Bookkeeping (the applied record, PLAN.md R11.4) changes nothing a reviewer weighs.
  const module = kindModule(spec.kind);
  const impact: Impact = blocked || module.bookkeeping === true ? 'none' : IMPACT_OF[spec.action];
  const change = {
    address: spec.address,
    kind: spec.kind,
    action: spec.action,
    domainKey: spec.domainKey,
    ...(typeof spec.domainId === 'string' ? { domainId: spec.domainId } : {}),
    impact,
    // The kind's module says whether its delete destroys data (apply then needs --allow-delete).
    destructive: !blocked && !deferred && spec.action === 'delete' && module.destroys,
    ...(spec.before ? { before: spec.before } : {}),
    ...(spec.after ? { after: spec.after } : {}),
    // A deferred change keeps its calls: a later apply (or apply --wait once the obstacle is gone) runs them.
    operations: blocked ? [] : spec.operations,
    reasons: spec.reasons ?? [],
    ...(blocked ? { blocked } : {}),
    ...(deferred ? { deferred } : {}),
    ...(spec.changedOutside && spec.changedOutside.length > 0 ? { changedOutside: spec.changedOutside } : {}),
    ...(spec.speakerIds ? { speakerIds: spec.speakerIds } : {}),
    ...(spec.optOutList ? { optOutList: spec.optOutList } : {}),
    ...(spec.speakerCount ? { speakerCount: spec.speakerCount } : {}),
    ...(spec.deleteList ? { deleteList: spec.deleteList } : {}),
  };
  // The members are those of ChangeOf<K> (the spec is typed by K); TypeScript cannot follow K through the spread.
  return change as unknown as ChangeOf<K>;
}

/** The one change a plan keeps of this kind, typed by it (`Change` narrowed by its `kind`). */
export function isChangeOf<K extends ResourceKind>(c: Change, kind: K): c is ChangeOf<K> {
  return c.kind === kind;
}

function deferrable(action: RunnableAction): 'update' | 'start' {
  if (action === 'update' || action === 'start') return action;
  throw new Error(`internal: only updates and job starts can be deferred, not ${action}`);
}

export function message(
  code: string,
  text: string,
  extra: { address?: string; hint?: string; speakerIds?: readonly string[]; settled?: true } = {},
): PlanMessage {
  return { code, message: text, ...extra };
}

/** Drops undefined members so attribute objects stay JSON-clean and comparable. */
export function attrs<T extends object>(record: T): T {
  return dropUndefined(record);
}

/** A copy with keys sorted, so attribute objects never carry the input's key order into the plan (R0.2). */
export function sortedRecord(r: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(sortedEntries(r));
}

export const domainAddress = (key: string): string => resourceAddress(key);
