/**
 * Watchlist members (PLAN.md §16; APPLY.md A3.5): declared under `domains.<key>.watchlists.<name>.fraudsters` (or
 * a fraudstersFile; `default` for the default watchlist), read with ListFraudsters per watchlist that needs it (and
 * DescribeFraudster for a declared id not seen there), changed with AssociateFraudster / DisassociateFraudster.
 */
import type { FraudsterSummaryShape, VoiceIdApi } from '../aws/api.js';
import { collect, tokenArg } from '../aws/paginate.js';
import type { DomainAnswers } from '../aws/answers.js';
import { DEFAULT_WATCHLIST_NAME, type DesiredDomain } from '../model/desired.js';
import type { LiveDomain, LiveMemberships, LiveWatchlist } from '../model/live.js';
import type { AssociateFraudsterOp, Change, DisassociateFraudsterOp } from '../model/plan.js';
import { compareStrings } from '../model/collections.js';
import { isNotFound } from '../live/discover.js';
import { planMembers, exemptFraudsters } from '../plan/members-change.js';
import { memberLines } from '../render/member-lines.js';
import type { OperationContext } from '../apply/operations.js';
import type { ResourceKindModule } from './types.js';
import { watchlistKind } from './watchlist.js';
import { resourceAddress } from '../model/plan.js';

export const watchlistMembersKind: ResourceKindModule<'watchlist-members', 'AssociateFraudster' | 'DisassociateFraudster', 'memberships'> = {
  kind: 'watchlist-members',
  description: "the fraudsters of a domain's watchlists, the default one included (every fraudster stays in at least one)",
  // R12.4: targetable for every declared domain, as tags and opt-outs are (a domain that declares no members may still
  // have a change here: the fraudsters of a removed watchlist move to the default one); brings the watchlists it
  // associates to that this plan creates.
  address: { shape: 'one', target: { addresses: (d) => [resourceAddress(d.key, 'watchlist-members')], needs: createdWatchlists } },
  destroys: false,
  // Declared inside `watchlists` (`fraudsters`, `fraudstersFile`): the watchlist kind's section checks them.
  yamlMembers: [],
  plan: ({ desired, live, domainId, ctx }) => {
    planMembers(desired, live, domainId, ctx.out, exemptFraudsters(desired));
    return 'continue';
  },
  read: {
    members: ['memberships'],
    details: async ({ api, live, desired, earlier }) => {
      const { watchlists = [] } = await earlier('watchlist');
      return { memberships: await readMemberships(api, live, desired, watchlists) };
    },
    // A domain this apply created holds no fraudster: its default watchlist is known to be empty.
    created: (live) => ({ memberships: { read: live.defaultWatchlistId ? [live.defaultWatchlistId] : [], fraudsters: {} } }),
    answered: (current, a, live) => ({ memberships: answeredMemberships(current.memberships, a, live) }),
    // Every fraudster of the domain with all its watchlists: one listing instead of one per watchlist.
    whole: async ({ api, live, earlier }) => {
      const fraudsters = await collect((t) => api.listFraudsters({ DomainId: live.domainId, MaxResults: 100, ...tokenArg(t) }), (p) => p.FraudsterSummaries);
      const names = (await earlier('watchlist')).watchlistNames ?? {};
      const members: Record<string, string[]> = {};
      for (const f of fraudsters) {
        for (const id of f.WatchlistIds ?? []) {
          const name = names[id];
          if (name !== undefined && f.GeneratedFraudsterId) (members[name] ??= []).push(f.GeneratedFraudsterId);
        }
      }
      for (const list of Object.values(members)) list.sort(compareStrings);
      return { members };
    },
  },
  apply: {
    operations: {
      AssociateFraudster: { calls: (op) => op.fraudsterIds.length, run: async (op, ctx) => move(op, ctx) },
      DisassociateFraudster: { calls: (op) => op.fraudsterIds.length, run: async (op, ctx) => move(op, ctx) },
    },
    // After the watchlists it associates to are created; before the deletes of the ones it empties (those run last).
    after: ['domain', 'watchlist'],
  },
  render: { body: memberLines },
  // Watchlists with members declare them exactly (the watchlist kind's entries, with `fraudsters`); empty ones keep
  // no key, which plans nothing either.
  export: (read, ctx) => {
    const has = (name: string): readonly string[] | undefined => (read.members[name]?.length ? read.members[name] : undefined);
    const def = has(DEFAULT_WATCHLIST_NAME);
    return {
      watchlists: (watchlistKind.export(read, ctx).watchlists ?? []).map((w) => (has(w.name) ? { ...w, fraudsters: has(w.name)! } : w)),
      ...(def ? { defaultWatchlist: { fraudsters: def } } : {}),
    };
  },
  iam: [
    { action: 'voiceid:ListFraudsters', role: 'plan', resource: 'voiceid-domain', why: 'the members of watchlists that declare them or are to be deleted' },
    { action: 'voiceid:DescribeFraudster', role: 'plan', resource: 'voiceid-domain', why: 'whether a declared fraudster not yet in the watchlist exists' },
    { action: 'voiceid:AssociateFraudster', role: 'apply', resource: 'voiceid-domain', why: 'add declared fraudsters to a watchlist' },
    { action: 'voiceid:DisassociateFraudster', role: 'apply', resource: 'voiceid-domain', why: 'remove undeclared fraudsters from a watchlist, and empty one to delete' },
  ],
};

/** R12.4: the watchlists this plan creates that the change associates to (`WatchlistId: { ref }`, R16.7). */
function createdWatchlists(change: Change): string[] {
  const refs = new Set<string>();
  for (const op of change.operations) if (op.kind === 'AssociateFraudster' && typeof op.input.WatchlistId !== 'string') refs.add(op.input.WatchlistId.ref);
  return [...refs];
}

/**
 * A3.5: one call per fraudster, in order (the watchlist calls share a 2 TPS quota: the pacer spaces them). Each
 * answer is the fraudster with all its watchlists, recorded as apply's verification (A6.3).
 */
async function move(op: AssociateFraudsterOp | DisassociateFraudsterOp, ctx: OperationContext): Promise<undefined> {
  const domainId = op.input.DomainId;
  const watchlistId = typeof op.input.WatchlistId === 'string' ? op.input.WatchlistId : (await ctx.state.watchlistIds(domainId, [op.watchlist]))[0]!;
  for (const fraudsterId of op.fraudsterIds) {
    if (ctx.signal?.aborted) return undefined;
    const input = { DomainId: domainId, WatchlistId: watchlistId, FraudsterId: fraudsterId };
    if (op.kind === 'AssociateFraudster') await ctx.api.associateFraudster(input);
    else await ctx.api.disassociateFraudster(input);
    ctx.onCall();
  }
  return undefined;
}

/**
 * R16.5: the watchlists whose members the plan needs, each listed in full (ListFraudsters, 100 a page): those
 * declaring members, `default` included, and custom ones the plan deletes. Every summary names all of its
 * fraudster's watchlists, so no other watchlist is read. A declared id not seen is described (DescribeFraudster:
 * 10 TPS): its watchlists, or not found.
 */
async function readMemberships(api: VoiceIdApi, live: LiveDomain, desired: DesiredDomain, watchlists: readonly LiveWatchlist[]): Promise<LiveMemberships | undefined> {
  const declared = new Map(desired.watchlists.map((w) => [w.name, w]));
  const wanted = watchlists.filter((w) => (w.isDefault ? desired.defaultWatchlist !== undefined : declared.get(w.name)?.fraudsters !== undefined || !declared.has(w.name)));
  const ids = [...new Set(wanted.map((w) => w.watchlistId))].sort(compareStrings);
  const fraudsters = new Map<string, readonly string[]>();
  const remember = (f: FraudsterSummaryShape | undefined): void => {
    if (f?.GeneratedFraudsterId) fraudsters.set(f.GeneratedFraudsterId, [...(f.WatchlistIds ?? [])].sort(compareStrings));
  };
  for (const id of ids) {
    const page = await collect((t) => api.listFraudsters({ DomainId: live.domainId, WatchlistId: id, MaxResults: 100, ...tokenArg(t) }), (p) => p.FraudsterSummaries);
    page.forEach(remember);
  }
  const declaredIds = [...(desired.defaultWatchlist?.fraudsters ?? []), ...desired.watchlists.flatMap((w) => w.fraudsters ?? [])];
  for (const f of [...new Set(declaredIds)].sort(compareStrings)) {
    if (fraudsters.has(f)) continue;
    try {
      remember((await api.describeFraudster({ DomainId: live.domainId, FraudsterId: f })).Fraudster);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
  if (ids.length === 0 && fraudsters.size === 0) return undefined;
  return { read: ids, fraudsters: Object.fromEntries([...fraudsters].sort((a, b) => compareStrings(a[0], b[0]))) };
}

/** A6.3: memberships as the Associate/Disassociate answers show them; a created watchlist starts empty, a deleted one is gone. */
function answeredMemberships(current: LiveMemberships | undefined, a: DomainAnswers, live: LiveDomain): LiveMemberships | undefined {
  if (a.fraudsters.size === 0 && a.watchlists.size === 0) return current;
  const before = new Set((live.details?.watchlists ?? []).map((w) => w.watchlistId));
  const read = new Set(current?.read ?? []);
  const fraudsters = new Map(Object.entries(current?.fraudsters ?? {}));
  for (const [id, w] of a.watchlists) {
    if (w === null) {
      read.delete(id);
      for (const [f, ids] of fraudsters) fraudsters.set(f, ids.filter((x) => x !== id));
    } else if (!before.has(id)) read.add(id);
  }
  for (const [f, ids] of a.fraudsters) fraudsters.set(f, [...ids].sort(compareStrings));
  if (read.size === 0 && fraudsters.size === 0) return undefined;
  return { read: [...read].sort(compareStrings), fraudsters: Object.fromEntries([...fraudsters].sort((x, y) => compareStrings(x[0], y[0]))) };
}
