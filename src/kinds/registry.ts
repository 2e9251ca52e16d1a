/**
 * The resource kinds, in the order a domain's changes are planned and listed (ARCHITECTURE.md "Adding a resource
 * kind"). The engines loop over this registry: plan (src/plan/plan.ts), apply (src/apply/executor.ts and
 * operations.ts), render (src/render/change-lines.ts), the IAM policy (iamActions below). Adding a kind is one
 * module and one line here; the types refuse a registry that misses a kind or an operation without its handler.
 */
import { assertNever } from '../model/assert-never.js';
import type { IamActionSpec, IamRole } from '../model/iam-actions.js';
import type { OperationName, ResourceKind } from '../model/plan.js';
import { appliedRecordKind } from './applied-record.js';
import { deletedFraudstersKind } from './deleted-fraudsters.js';
import { domainKind } from './domain.js';
import { enrollmentJobKind } from './enrollment-job.js';
import { erasedSpeakersKind } from './erased-speakers.js';
import { fraudsterRegistrationJobKind } from './fraudster-registration-job.js';
import { optOutsKind } from './opt-outs.js';
import { tagsKind } from './tags.js';
import type { AnyKindModule, KindRead, OperationHandlers, ResourceKindModule } from './types.js';
import type { LiveDomainDetails } from '../model/live.js';
import { watchlistKind } from './watchlist.js';
import { watchlistMembersKind } from './watchlist-members.js';

/**
 * Exactly one module per ResourceKind (a missing or extra key does not compile). `never`: any operations; which
 * ones each module owns is checked below.
 */
export type KindRegistry = { readonly [K in ResourceKind]: ResourceKindModule<K, never> };

export const KINDS = {
  domain: domainKind,
  tags: tagsKind,
  watchlist: watchlistKind,
  'watchlist-members': watchlistMembersKind,
  'opt-outs': optOutsKind,
  'erased-speakers': erasedSpeakersKind,
  'deleted-fraudsters': deletedFraudstersKind,
  'enrollment-job': enrollmentJobKind,
  'fraudster-registration-job': fraudsterRegistrationJobKind,
  'applied-record': appliedRecordKind,
} as const satisfies KindRegistry;

/** The kinds in registry order (a domain's changes are planned, listed and scheduled in this order). */
export const KIND_ORDER = Object.keys(KINDS) as readonly ResourceKind[];

/** The operations the registered modules handle, and those of the Operation union none does. */
export type OwnedOperation<R extends KindRegistry = typeof KINDS> = { [K in ResourceKind]: keyof R[K]['apply']['operations'] }[ResourceKind];
export type UnhandledOperation<R extends KindRegistry = typeof KINDS, Names extends string = OperationName> = Exclude<Names, OwnedOperation<R>>;

/** Compiles only when every Operation variant has a handler in some module; otherwise the error names the missing. */
export const EVERY_OPERATION_HANDLED: [UnhandledOperation] extends [never] ? true : { readonly unhandled: UnhandledOperation } = true;

/** The members of LiveDomainDetails the registered modules read, and those (not optional) none does. */
type ReadMember<M> = M extends { readonly read?: KindRead<infer D> } ? D : never;
export type ReadDetail<R extends KindRegistry = typeof KINDS> = { [K in ResourceKind]: ReadMember<R[K]> }[ResourceKind];
type RequiredDetail = { [P in keyof LiveDomainDetails]-?: undefined extends LiveDomainDetails[P] ? never : P }[keyof LiveDomainDetails];
export type UnreadDetail<R extends KindRegistry = typeof KINDS> = Exclude<RequiredDetail, ReadDetail<R>>;

/** Compiles only when every member of a domain's live details is some module's part of the read. */
export const EVERY_DETAIL_READ: [UnreadDetail] extends [never] ? true : { readonly unread: UnreadDetail } = true;

/** Every Operation's handler, from the one module that owns it (two owners fail at load, and in test/kinds). */
export const OPERATION_HANDLERS: OperationHandlers<OperationName> = collectHandlers();

function collectHandlers(): OperationHandlers<OperationName> {
  const out = new Map<string, unknown>();
  for (const kind of KIND_ORDER) {
    for (const [name, handler] of Object.entries(KINDS[kind].apply.operations)) {
      if (out.has(name)) throw new Error(`INTERNAL: operation ${name} is handled by two resource kinds`);
      out.set(name, handler);
    }
  }
  return Object.fromEntries(out) as OperationHandlers<OperationName>;
}

/**
 * The module of a kind. A kind this version does not know (a hand-edited plan) fails loudly, never silently: the
 * plan schema refuses it before this, and the engines call this before any work.
 */
export function kindModule(kind: ResourceKind): AnyKindModule {
  const m = (KINDS as Readonly<Record<string, AnyKindModule | undefined>>)[kind];
  return m ?? assertNever(kind as never, 'resource kind');
}

/**
 * The IAM actions the tool calls, from every kind's module, each action once per resource kind (iam-policy,
 * test/integration): voiceid:TagResource is the apply role's on domains, and the plan role's on one tag key.
 */
export function iamActions(): readonly IamActionSpec[] {
  const seen = new Map<string, IamActionSpec>();
  for (const kind of KIND_ORDER) for (const a of KINDS[kind].iam) if (!seen.has(`${a.action} ${a.resource}`)) seen.set(`${a.action} ${a.resource}`, a);
  return [...seen.values()];
}

/** The actions a role needs: the apply role can also plan (apply re-reads live state). */
export function iamActionsFor(role: IamRole): readonly IamActionSpec[] {
  return iamActions().filter((a) => role === 'apply' || a.role === 'plan');
}

/**
 * Starts each kind's part of a read (`start`, undefined for a kind without one) in registry order, concurrently; a
 * part may await the part of a kind before it (`earlier`), so the parts cannot wait on each other in a cycle.
 */
export function readInRegistryOrder<P>(start: (m: AnyKindModule, earlier: (kind: ResourceKind) => Promise<P>) => Promise<P> | undefined): Promise<P[]> {
  const parts = new Map<ResourceKind, Promise<P>>();
  const earlier = (kind: ResourceKind): Promise<P> => parts.get(kind) ?? Promise.reject(new Error(`INTERNAL: the read of ${kind} is not started before it is awaited`));
  for (const kind of KIND_ORDER) {
    const part = start(kindModule(kind), earlier);
    if (part) parts.set(kind, part);
  }
  // Every part is awaited (no rejection left unhandled).
  return Promise.all(parts.values());
}
