/**
 * `--target ADDRESS` (PLAN.md R12.4, R12.5), like Terraform's -target: only the selected changes and what they need
 * are planned. An address selects the change at it and every change below it (`domain.<key>` is the whole domain).
 */
import type { DesiredState } from '../model/desired.js';
import { DEFAULT_WATCHLIST_NAME, OWNER_KEY_TAG, OWNER_STACK_TAG } from '../model/desired.js';
import type { LiveDomain, LiveState } from '../model/live.js';
import type { Change, PlanMessage, ResourceKind } from '../model/plan.js';
import { resourceAddress } from '../model/plan.js';
import { jobWatchlistAddresses } from '../kinds/jobs.js';
import { compareStrings } from '../model/collections.js';
import { message } from './findings.js';

/** The shape of a target (the addresses the plan prints, the applied record excepted: it follows its domain). */
const TARGET = /^domain\.[a-zA-Z0-9][a-zA-Z0-9_-]*(?:\.(?:tags|opt-outs)|\.(?:watchlist|enrollment-job|fraudster-registration-job)\.[^\s]+)?$/;

export const TARGET_FORMS = 'domain.KEY, domain.KEY.tags, domain.KEY.opt-outs, domain.KEY.watchlist.NAME, domain.KEY.enrollment-job.NAME or domain.KEY.fraudster-registration-job.NAME';

export const isTargetAddress = (s: string): boolean => TARGET.test(s);

/** Sorted, unique: the form a plan records and apply compares (A1.7a). */
export const normalizeTargets = (targets: readonly string[]): string[] => [...new Set(targets)].sort(compareStrings);

/** The domain key of an address (`domain.<key>...`); keys hold no dot. */
export const domainKeyOf = (address: string): string | undefined => (address.startsWith('domain.') ? address.split('.')[1] : undefined);

const covers = (target: string, address: string): boolean => address === target || address.startsWith(`${target}.`);

/** R12.5: every address a target may name: the declared resources and the managed (or adopted) live ones. */
export function targetAddresses(desired: DesiredState, live: LiveState): string[] {
  const out = new Set<string>();
  const present = live.domains.filter((l) => l.status !== 'SUSPENDED');
  const liveWatchlists = (key: string, l: LiveDomain | undefined): string[] =>
    (l?.details?.watchlists ?? []).filter((w) => !w.isDefault && w.name !== DEFAULT_WATCHLIST_NAME).map((w) => resourceAddress(key, 'watchlist', w.name));
  for (const d of desired.domains) {
    const l = present.find((x) => x.domainId === d.adopt || (x.tags[OWNER_STACK_TAG] === desired.stack && x.tags[OWNER_KEY_TAG] === d.key));
    [
      resourceAddress(d.key),
      resourceAddress(d.key, 'tags'),
      resourceAddress(d.key, 'opt-outs'),
      ...(d.erasedSpeakers ? [resourceAddress(d.key, 'erased-speakers')] : []),
      ...(d.deletedFraudsters ? [resourceAddress(d.key, 'deleted-fraudsters')] : []),
      ...d.watchlists.map((w) => resourceAddress(d.key, 'watchlist', w.name)),
      ...liveWatchlists(d.key, l),
      ...d.enrollmentJobs.map((j) => resourceAddress(d.key, 'enrollment-job', j.jobName)),
      ...d.fraudsterRegistrationJobs.map((j) => resourceAddress(d.key, 'fraudster-registration-job', j.jobName)),
    ].forEach((a) => out.add(a));
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
 * R12.4: keeps, of `changes[from..]` (the changes of one domain), the selected ones and what they need, in place.
 * Returns the kinds of the changes left out, so the applied record keeps their recorded fields.
 */
export function selectTargets(changes: Change[], from: number, targets: readonly string[]): Set<ResourceKind> {
  const mine = changes.slice(from);
  const keep = new Set(mine.filter((c) => targets.some((t) => covers(t, c.address))));
  const key = mine[0]?.domainKey;
  const domainNamed = key !== undefined && targets.some((t) => covers(resourceAddress(key), t));
  for (const c of mine) {
    // Everything of a new or adopted domain needs its domain change: the id and the ownership come from it.
    if (domainNamed && c.kind === 'domain' && (c.action === 'create' || c.action === 'adopt')) keep.add(c);
  }
  for (const job of [...keep]) {
    for (const a of jobWatchlistAddresses(job)) mine.filter((c) => c.address === a).forEach((c) => keep.add(c));
  }
  changes.splice(from, mine.length, ...mine.filter((c) => keep.has(c)));
  return new Set(mine.filter((c) => !keep.has(c)).map((c) => c.kind));
}

/** R12.4: messages about domains no target names are not this plan's; messages without an address stay. */
export function targetedMessages(list: readonly PlanMessage[], targets: readonly string[]): PlanMessage[] {
  const keys = new Set(targets.map(domainKeyOf));
  return list.filter((m) => m.address === undefined || keys.has(domainKeyOf(m.address)));
}

export function targetingWarning(targets: readonly string[]): PlanMessage {
  return message(
    'W_TARGETED',
    `resource targeting is in effect (--target ${targets.join(' --target ')}): this plan may not hold every change the YAML asks for`,
    { hint: '--target is for exceptional use, such as recovering from an error; plan without --target to see every change' },
  );
}
