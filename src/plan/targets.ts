/**
 * `--target ADDRESS` (PLAN.md R12.4, R12.5), like Terraform's -target: only the selected changes and what they need
 * are planned. An address selects the change at it and every change below it (`domain.<key>` is the whole domain).
 */
import type { DesiredState } from '../model/desired.js';
import { OWNER_KEY_TAG, OWNER_STACK_TAG } from '../model/desired.js';
import type { LiveState } from '../model/live.js';
import type { Change, PlanMessage, ResourceKind } from '../model/plan.js';
import { addressDomainKey, resourceAddress } from '../model/plan.js';
import { KIND_ORDER, kindModule } from '../kinds/registry.js';
import type { AddressShape, AnyKindModule, KindTarget, TargetScope } from '../kinds/types.js';
import { compareStrings } from '../model/collections.js';
import { message } from './findings.js';

/** The kinds `--target` may name, in the order targetForms lists them: the domain, one per domain, then named. */
const SHAPES: readonly AddressShape[] = ['domain', 'one', 'named'];
const targetable = (): AnyKindModule[] =>
  SHAPES.flatMap((shape) => KIND_ORDER.map(kindModule).filter((m) => m.address.target !== undefined && m.address.shape === shape));

const KEY = '[a-zA-Z0-9][a-zA-Z0-9_-]*';
const FORM: Readonly<Record<AddressShape, (kind: string) => string>> = { domain: () => 'domain.KEY', one: (k) => `domain.KEY.${k}`, named: (k) => `domain.KEY.${k}.NAME` };

/** The forms a target takes, for E_TARGET_INVALID: "domain.KEY, domain.KEY.tags, ... or domain.KEY.fraudster-registration-job.NAME". */
export function targetForms(): string {
  const forms = targetable().map((m) => FORM[m.address.shape](m.kind));
  return `${forms.slice(0, -1).join(', ')} or ${forms[forms.length - 1] ?? ''}`;
}

let pattern: RegExp | undefined;
/** The shape of a target: the addresses the plan prints of the kinds that declare a target (R12.4); kinds are kebab-case. */
function targetPattern(): RegExp {
  if (pattern) return pattern;
  const below = targetable().flatMap((m) => (m.address.shape === 'one' ? [`\\.${m.kind}`] : m.address.shape === 'named' ? [`\\.${m.kind}\\.[^\\s]+`] : []));
  return (pattern = new RegExp(`^domain\\.${KEY}(?:${below.join('|')})?$`));
}

export const isTargetAddress = (s: string): boolean => targetPattern().test(s);

/** Sorted, unique: the form a plan records and apply compares (A1.7a). */
export const normalizeTargets = (targets: readonly string[]): string[] => [...new Set(targets)].sort(compareStrings);

const covers = (target: string, address: string): boolean => address === target || address.startsWith(`${target}.`);

/** R12.5: every address a target may name: the declared resources and the managed (or adopted) live ones. */
export function targetAddresses(desired: DesiredState, live: LiveState): string[] {
  const out = new Set<string>();
  const present = live.domains.filter((l) => l.status !== 'SUSPENDED');
  for (const d of desired.domains) {
    const l = present.find((x) => x.domainId === d.adopt || (x.tags[OWNER_STACK_TAG] === desired.stack && x.tags[OWNER_KEY_TAG] === d.key));
    for (const m of targetable()) m.address.target?.addresses(d, l).forEach((a) => out.add(a));
  }
  for (const l of present) {
    const key = l.tags[OWNER_STACK_TAG] === desired.stack ? l.tags[OWNER_KEY_TAG] : undefined;
    if (key !== undefined) out.add(resourceAddress(key));
  }
  return [...out].sort(compareStrings);
}

/** The targets no valid address is covered by (typos): E_TARGET_UNKNOWN. */
export function unknownTargets(targets: readonly string[], valid: readonly string[]): string[] {
  return targets.filter((t) => !valid.some((a) => covers(t, a)));
}

/**
 * R12.4: keeps, of `changes[from..]` (the changes of one domain, planned from `planned`), the selected ones and what
 * they need, in place.
 * Returns the kinds of the changes left out, so the applied record keeps their recorded fields.
 */
export function selectTargets(changes: Change[], from: number, targets: readonly string[], planned: Omit<TargetScope, 'changes'> = {}): Set<ResourceKind> {
  const mine = changes.slice(from);
  const scope: TargetScope = { ...planned, changes: mine };
  const keep = new Set(mine.filter((c) => targets.some((t) => covers(t, c.address))));
  const key = mine[0]?.domainKey;
  const domainNamed = key !== undefined && targets.some((t) => covers(resourceAddress(key), t));
  const target = (c: Change): KindTarget | undefined => kindModule(c.kind).address.target;
  // Everything of a new or adopted domain needs its domain change: the id and the ownership come from it.
  if (domainNamed) for (const c of mine) if (target(c)?.keptWithDomain?.(c) === true) keep.add(c);
  // What a brought change needs is brought too (a watchlist delete, its members change, the watchlist it moves to).
  const queue = [...keep];
  for (let selected = queue.pop(); selected !== undefined; selected = queue.pop()) {
    for (const a of target(selected)?.needs?.(selected, scope) ?? []) {
      for (const c of mine.filter((x) => x.address === a && !keep.has(x))) {
        keep.add(c);
        queue.push(c);
      }
    }
  }
  changes.splice(from, mine.length, ...mine.filter((c) => keep.has(c)));
  return new Set(mine.filter((c) => !keep.has(c)).map((c) => c.kind));
}

/** R12.4: messages about domains no target names are not this plan's; messages without an address stay. */
export function targetedMessages(list: readonly PlanMessage[], targets: readonly string[]): PlanMessage[] {
  const keys = new Set(targets.map(addressDomainKey));
  return list.filter((m) => m.address === undefined || keys.has(addressDomainKey(m.address)));
}

export function targetingWarning(targets: readonly string[]): PlanMessage {
  return message(
    'W_TARGETED',
    `resource targeting is in effect (--target ${targets.join(' --target ')}): this plan may not hold every change the YAML asks for`,
    { hint: '--target is for exceptional use, such as recovering from an error; plan without --target to see every change' },
  );
}
