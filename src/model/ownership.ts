/**
 * Which live domains a stack owns (PLAN.md §1, §8), in one place: the plan's identity (src/plan/identity.ts) and the
 * live read's speaker counts of the domains a prune deletes (src/live/speaker-count.ts) both ask here, so they never
 * disagree about which domains those are.
 */
import { OWNER_KEY_TAG, OWNER_STACK_TAG, PROTECT_TAG } from './desired.js';
import type { LiveDomain } from './live.js';
import { compareStrings } from './collections.js';

export interface StackDomains {
  /** R1.2: the present domains carrying the stack's tag, by their key tag, each list in the order given. */
  readonly byKey: ReadonlyMap<string, readonly LiveDomain[]>;
  /** Those with the stack's tag but no key tag (W_OWNERSHIP_INCOMPLETE: left alone), in the order given. */
  readonly keyless: readonly LiveDomain[];
}

/** R1.1, R1.2: the present (not SUSPENDED) live domains of `stack`. */
export function stackDomains(domains: readonly LiveDomain[], stack: string): StackDomains {
  const byKey = new Map<string, LiveDomain[]>();
  const keyless: LiveDomain[] = [];
  for (const d of domains) {
    if (d.status === 'SUSPENDED' || d.tags[OWNER_STACK_TAG] !== stack) continue;
    const key = d.tags[OWNER_KEY_TAG];
    if (key === undefined) keyless.push(d);
    else byKey.set(key, [...(byKey.get(key) ?? []), d]);
  }
  return { byKey, keyless };
}

/**
 * R8.1: the managed domains no declared key claims, by key. A key two live domains claim has none (that is
 * E_DUPLICATE_OWNERSHIP, R1.3, never a delete).
 */
export function orphanDomains(owned: StackDomains, declared: ReadonlySet<string>): { readonly key: string; readonly live: LiveDomain }[] {
  return [...owned.byKey.entries()]
    .filter(([key, list]) => !declared.has(key) && list.length === 1)
    .map(([key, list]) => ({ key, live: list[0]! }))
    .sort((a, b) => compareStrings(a.key, b.key));
}

/** R12.2: a live domain carrying the protection tag, whatever its value (the safe reading of a hand-set tag). */
export function isProtected(l: LiveDomain): boolean {
  return Object.hasOwn(l.tags, PROTECT_TAG);
}
