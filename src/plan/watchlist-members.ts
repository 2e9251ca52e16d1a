/**
 * Watchlist members (PLAN.md §16): who is in each watchlist once the plan ran. A pure function of the declared
 * domain and the live read, computed for the watchlist kind (may a watchlist to delete be emptied first?) and for
 * the membership change itself (src/kinds/watchlist-members.ts).
 */
import { DEFAULT_WATCHLIST_NAME, type DesiredDomain } from '../model/desired.js';
import type { LiveDomain, LiveMemberships, LiveWatchlist } from '../model/live.js';
import { membersOf } from '../model/live.js';
import { RESOURCE_QUOTAS } from '../model/quotas.js';
import type { DomainIdValue } from '../model/plan.js';
import { resourceAddress } from '../model/plan.js';
import { compareStrings } from '../model/collections.js';

/** One watchlist whose members the plan knows: declared with members, created, or to be deleted. */
export interface MemberEntry {
  /** Its name; `default` for the default watchlist. */
  readonly name: string;
  /** The live WatchlistId; absent when this plan creates it. */
  readonly watchlistId?: string;
  /** Its members now (sorted), when read; [] for a watchlist this plan creates. */
  readonly live?: readonly string[];
  /** Its members once the plan ran (sorted): the declared ones, or [] for a watchlist to delete that is emptied. */
  readonly final?: readonly string[];
  /** An undeclared custom watchlist of an existing domain: the watchlist kind deletes it. */
  readonly deleting: boolean;
}

/** What becomes of a watchlist to delete (R16.4). */
export type DeleteStatus =
  | { readonly kind: 'empty' }
  | { readonly kind: 'emptied'; readonly count: number }
  | { readonly kind: 'blocked'; readonly onlyHere: readonly string[] };

export interface Move {
  readonly watchlist: string;
  readonly watchlistId: string | { readonly ref: string };
  readonly fraudsterIds: readonly string[];
}

export interface MembershipPlan {
  readonly entries: readonly MemberEntry[];
  /** R16.3: disassociations of fraudsters that keep another of their watchlists (they make room). */
  readonly early: readonly Move[];
  readonly associate: readonly Move[];
  /** The other disassociations, after every association. */
  readonly late: readonly Move[];
  readonly deletes: ReadonlyMap<string, DeleteStatus>;
  readonly problems: readonly MemberProblem[];
}

export interface MemberProblem {
  readonly code: 'E_FRAUDSTER_NO_WATCHLIST' | 'E_FRAUDSTER_NOT_FOUND' | 'E_WATCHLIST_FULL' | 'E_WATCHLIST_NO_ROOM';
  readonly message: string;
  readonly hint: string;
}

const MAX = RESOURCE_QUOTAS.fraudstersPerWatchlist;
const MAX_CUSTOM = RESOURCE_QUOTAS.watchlistsPerDomain - 1;
const sorted = (ids: Iterable<string>): string[] => [...new Set(ids)].sort(compareStrings);

/**
 * `exempt`: fraudsters this plan deletes (DeleteFraudster removes a fraudster from every watchlist): never
 * disassociated, never left in no watchlist.
 */
export function planMembership(d: DesiredDomain, l: LiveDomain | undefined, domainId: DomainIdValue, exempt: ReadonlySet<string> = new Set()): MembershipPlan {
  const memberships = l?.details?.memberships;
  const entries = memberEntries(d, l, typeof domainId === 'string', memberships);
  const problems: MemberProblem[] = [];
  if (typeof domainId !== 'string') {
    notFound(d, entries, new Set(), problems, 'the domain is created by this plan');
    return { entries, early: [], associate: [], late: [], deletes: new Map(), problems };
  }
  const known = memberships?.fraudsters ?? {};
  notFound(d, entries, new Set(Object.keys(known)), problems, `it is not in domain ${JSON.stringify(d.key)}`);
  const blocked = blockedDeletes(entries, known, exempt, problems);
  const effective = entries.map((e) => (blocked.has(e.name) ? { ...e, final: undefined } : e));
  const { early, associate, late } = moves(d.key, effective, known, exempt);
  checkPeaks(effective, early, associate, problems);
  checkRoom(d, l, entries, problems);
  const deletes = new Map<string, DeleteStatus>();
  for (const e of entries.filter((x) => x.deleting)) {
    const onlyHere = blocked.get(e.name);
    // Members it keeps that this plan deletes (exempt) still make it wait until they are gone.
    const count = (e.live ?? []).filter((f) => !exempt.has(f)).length;
    deletes.set(e.name, onlyHere ? { kind: 'blocked', onlyHere } : (e.live ?? []).length === 0 ? { kind: 'empty' } : { kind: 'emptied', count });
  }
  return { entries: effective, early, associate, late, deletes, problems };
}

function memberEntries(d: DesiredDomain, l: LiveDomain | undefined, exists: boolean, m: LiveMemberships | undefined): MemberEntry[] {
  const live = liveByName(l);
  const entries: MemberEntry[] = [];
  const known = (w: LiveWatchlist | undefined) => (w ? { watchlistId: w.watchlistId, ...withLive(membersOf(m, w.watchlistId)) } : { live: [] });
  if (d.defaultWatchlist) entries.push({ name: DEFAULT_WATCHLIST_NAME, ...known(live.get(DEFAULT_WATCHLIST_NAME)), final: d.defaultWatchlist.fraudsters, deleting: false });
  const declared = new Set(d.watchlists.map((w) => w.name));
  for (const w of d.watchlists) {
    const lw = live.get(w.name);
    if (w.fraudsters) entries.push({ name: w.name, ...known(lw), final: w.fraudsters, deleting: false });
  }
  if (exists) {
    for (const [name, w] of live) if (name !== DEFAULT_WATCHLIST_NAME && !declared.has(name)) entries.push({ name, ...known(w), final: [], deleting: true });
  }
  return entries.sort((a, b) => compareStrings(a.name, b.name));
}

const withLive = (members: string[] | undefined) => (members === undefined ? {} : { live: members });

/** Live watchlists by name, `default` for the default one; a repeated custom name: the lowest id (as R6 does). */
function liveByName(l: LiveDomain | undefined): Map<string, LiveWatchlist> {
  const out = new Map<string, LiveWatchlist>();
  const list = [...(l?.details?.watchlists ?? [])].sort((a, b) => compareStrings(a.watchlistId, b.watchlistId));
  for (const w of list) {
    const name = w.isDefault ? DEFAULT_WATCHLIST_NAME : w.name;
    if (!out.has(name)) out.set(name, w);
  }
  return out;
}

/** R16.6: a declared id that is no fraudster of the domain (AssociateFraudster would answer ResourceNotFound). */
function notFound(d: DesiredDomain, entries: readonly MemberEntry[], known: ReadonlySet<string>, out: MemberProblem[], why: string): void {
  for (const e of entries) {
    if (e.deleting) continue;
    for (const f of e.final ?? []) {
      if (known.has(f)) continue;
      out.push({
        code: 'E_FRAUDSTER_NOT_FOUND',
        message: `fraudster ${f} declared in watchlist ${JSON.stringify(e.name)} of domain ${JSON.stringify(d.key)} does not exist: ${why}`,
        hint: 'fraudsters are created by fraudster registration jobs; declare the id Voice ID generated for one (`export` writes them)',
      });
    }
  }
}

/**
 * R16.2, R16.4: the fraudsters the plan would leave in no watchlist. A watchlist to delete that is the only one of
 * such a fraudster is not emptied (its delete is blocked, naming them); any other such fraudster is an error.
 * Returns the blocked deletes by name, with the fraudsters only they hold.
 */
function blockedDeletes(entries: readonly MemberEntry[], known: Readonly<Record<string, readonly string[]>>, exempt: ReadonlySet<string>, out: MemberProblem[]): Map<string, string[]> {
  const blocked = new Map<string, string[]>();
  for (;;) {
    const orphans = orphansOf(entries.map((e) => (blocked.has(e.name) ? { ...e, final: undefined } : e)), known, exempt);
    const more = entries.filter((e) => e.deleting && !blocked.has(e.name) && orphans.some((f) => e.live?.includes(f)));
    if (more.length === 0) {
      for (const f of orphans) {
        out.push({
          code: 'E_FRAUDSTER_NO_WATCHLIST',
          message: `fraudster ${f} would be in no watchlist: Voice ID keeps every fraudster in at least one`,
          hint: "declare it in another watchlist's fraudsters (or the default watchlist's), or delete the fraudster",
        });
      }
      return blocked;
    }
    for (const e of more) blocked.set(e.name, orphans.filter((f) => e.live?.includes(f)));
  }
}

function orphansOf(entries: readonly MemberEntry[], known: Readonly<Record<string, readonly string[]>>, exempt: ReadonlySet<string>): string[] {
  const byId = new Map(entries.flatMap((e) => (e.watchlistId ? [[e.watchlistId, e] as const] : [])));
  const out: string[] = [];
  for (const [f, ids] of Object.entries(known)) {
    if (exempt.has(f)) continue;
    const keeps = ids.some((id) => {
      const e = byId.get(id);
      return e?.final === undefined || e.final.includes(f);
    });
    const joins = entries.some((e) => e.final?.includes(f) && !(e.watchlistId && ids.includes(e.watchlistId)));
    if (!keeps && !joins) out.push(f);
  }
  return out.sort(compareStrings);
}

function moves(key: string, entries: readonly MemberEntry[], known: Readonly<Record<string, readonly string[]>>, exempt: ReadonlySet<string>) {
  const byId = new Map(entries.flatMap((e) => (e.watchlistId ? [[e.watchlistId, e] as const] : [])));
  // Keeps f through the whole plan: one of its live watchlists other than `e` that does not lose it.
  const keepsAnother = (f: string, e: MemberEntry): boolean =>
    (known[f] ?? []).some((id) => id !== e.watchlistId && (byId.get(id)?.final === undefined || byId.get(id)!.final!.includes(f)));
  const early: Move[] = [];
  const associate: Move[] = [];
  const late: Move[] = [];
  for (const e of entries) {
    if (e.final === undefined || e.live === undefined) continue;
    const target = e.watchlistId ?? { ref: resourceAddress(key, 'watchlist', e.name) };
    const add = e.final.filter((f) => !e.live!.includes(f) && !exempt.has(f) && f in known);
    const drop = e.live.filter((f) => !e.final!.includes(f) && !exempt.has(f));
    const push = (list: Move[], ids: readonly string[]) => {
      if (ids.length > 0) list.push({ watchlist: e.name, watchlistId: target, fraudsterIds: sorted(ids) });
    };
    push(early, drop.filter((f) => keepsAnother(f, e)));
    push(associate, add);
    push(late, drop.filter((f) => !keepsAnother(f, e)));
  }
  return { early, associate, late };
}

/** R16.5: associations run before the late disassociations, so a watchlist holds more for a while. */
function checkPeaks(entries: readonly MemberEntry[], early: readonly Move[], associate: readonly Move[], out: MemberProblem[]): void {
  const count = (list: readonly Move[], name: string): number => list.find((m) => m.watchlist === name)?.fraudsterIds.length ?? 0;
  for (const e of entries) {
    const peak = (e.live?.length ?? 0) - count(early, e.name) + count(associate, e.name);
    if (peak <= MAX) continue;
    out.push({
      code: 'E_WATCHLIST_FULL',
      message: `watchlist ${JSON.stringify(e.name)} would hold ${peak} fraudsters while members move (the new ones are associated before the others leave): Voice ID takes at most ${MAX} per watchlist`,
      hint: 'apply in two steps: first let the leaving fraudsters join their other watchlist while still listed here (or remove those that keep one), then declare the new members',
    });
  }
}

/** R16.4: a watchlist emptied first is deleted after the others; a watchlist created in the same plan needs its room before. */
function checkRoom(d: DesiredDomain, l: LiveDomain | undefined, entries: readonly MemberEntry[], out: MemberProblem[]): void {
  const live = liveByName(l);
  const late = entries.filter((e) => e.deleting && (e.live ?? []).length > 0);
  const created = d.watchlists.filter((w) => !live.has(w.name));
  const liveCustom = [...live.keys()].filter((n) => n !== DEFAULT_WATCHLIST_NAME).length;
  const earlyDeletes = entries.filter((e) => e.deleting && !late.includes(e)).length;
  if (late.length === 0 || created.length === 0 || liveCustom - earlyDeletes + created.length <= MAX_CUSTOM) return;
  out.push({
    code: 'E_WATCHLIST_NO_ROOM',
    message: `watchlist ${JSON.stringify(created[0]!.name)} cannot be created before watchlist ${JSON.stringify(late[0]!.name)} is deleted, and that one holds fraudsters: it is emptied and deleted only after the new watchlists are filled (Voice ID takes ${MAX_CUSTOM + 1} watchlists per domain, the default one included)`,
    hint: `apply in two steps: first move the fraudsters of "${late[0]!.name}" to a watchlist that exists and remove it, then declare "${created[0]!.name}"`,
  });
}
