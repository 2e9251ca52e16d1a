/**
 * What the resource planners produce: changes and messages. One mutable collector per `plan()` call keeps the
 * planners short; nothing escapes the call, so `plan` stays pure.
 */
import type {
  Attributes,
  Blocked,
  Change,
  ChangeAction,
  DomainIdValue,
  Impact,
  Operation,
  PlanMessage,
  ResourceKind,
} from '../model/plan.js';

export interface Findings {
  readonly changes: Change[];
  readonly errors: PlanMessage[];
  readonly warnings: PlanMessage[];
  readonly notes: PlanMessage[];
}

export function newFindings(): Findings {
  return { changes: [], errors: [], warnings: [], notes: [] };
}

export interface ChangeSpec {
  readonly address: string;
  readonly kind: ResourceKind;
  readonly action: Exclude<ChangeAction, 'blocked'>;
  readonly domainKey: string;
  readonly domainId: DomainIdValue;
  readonly before?: Attributes;
  readonly after?: Attributes;
  readonly operations: readonly Operation[];
  readonly reasons?: readonly string[];
  readonly speakerIds?: readonly string[];
  /** When set the change is shown as blocked; its operations are kept only when it is deferred. */
  readonly blocked?: Omit<Blocked, 'wouldBe'>;
}

const IMPACT_OF: Readonly<Record<Exclude<ChangeAction, 'blocked'>, Impact>> = {
  adopt: 'import',
  update: 'update',
  create: 'create',
  start: 'create',
  'opt-out': 'one-way',
  delete: 'destroy',
};

/** Builds a Change: impact and destructiveness follow from action and kind, never from the caller. */
export function makeChange(spec: ChangeSpec): Change {
  const blocked = spec.blocked ? { wouldBe: spec.action, ...spec.blocked } : undefined;
  // A blocked change that will not run later cannot hurt; a deferred one will run (apply --wait), so it ranks.
  const impact: Impact = blocked && !blocked.deferred ? 'none' : IMPACT_OF[spec.action];
  return {
    address: spec.address,
    kind: spec.kind,
    action: blocked ? 'blocked' : spec.action,
    domainKey: spec.domainKey,
    ...(typeof spec.domainId === 'string' ? { domainId: spec.domainId } : {}),
    impact,
    destructive: !blocked && spec.action === 'delete' && spec.kind === 'domain',
    ...(spec.before ? { before: spec.before } : {}),
    ...(spec.after ? { after: spec.after } : {}),
    // A deferred change keeps its calls so `apply --wait` can run them once the obstacle is gone.
    operations: blocked && !blocked.deferred ? [] : spec.operations,
    reasons: spec.reasons ?? [],
    ...(blocked ? { blocked } : {}),
    ...(spec.speakerIds ? { speakerIds: spec.speakerIds } : {}),
  };
}

export function message(
  code: string,
  text: string,
  extra: { address?: string; hint?: string; speakerIds?: readonly string[] } = {},
): PlanMessage {
  return { code, message: text, ...extra };
}

/** Drops undefined members so attribute objects stay JSON-clean and comparable. */
export function attrs(record: Readonly<Record<string, unknown>>): Attributes {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (v !== undefined) out[k] = v;
  return out as Attributes;
}

/** A copy with keys sorted, so attribute objects never carry the input's key order into the plan (R0.2). */
export function sortedRecord(r: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.keys(r).sort().map((k) => [k, r[k] as string]));
}

export const domainAddress = (key: string): string => `domain.${key}`;
