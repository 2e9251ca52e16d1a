/**
 * Custom watchlists (PLAN.md §6): declared under `domains.<key>.watchlists`, read with ListWatchlists, created,
 * updated, deleted (one that holds fraudsters after its domain's watchlist-members change empties it, R16.4).
 */
import type { VoiceIdApi, WatchlistShape } from '../aws/api.js';
import { DEFAULT_WATCHLIST_NAME } from '../model/desired.js';
import type { LiveDomain, LiveWatchlist } from '../model/live.js';
import { membersOf } from '../model/live.js';
import { compareStrings, dropUndefined } from '../model/collections.js';
import { collect, tokenArg } from '../aws/paginate.js';
import { GitopsError } from '../model/errors.js';
import { clientToken } from '../plan/canonical.js';
import { planWatchlists } from '../plan/watchlists.js';
import { tokenFor } from '../apply/resolve.js';
import { RESOURCE_QUOTAS } from '../model/quotas.js';
import type { DesiredDomain, DesiredWatchlist } from '../model/desired.js';
import type { WatchlistDocument } from '../model/schema/desired-state.js';
import { checkConstraint } from '../config/constraint-check.js';
import { entries, isObj, str, unchecked } from '../config/unchecked.js';
import { checkMembers, inlineIds, type DeclaredMembers } from '../config/check-members.js';
import type { SchemaKit, VocabularyTypes } from '../model/schema/kit.js';
import type { ResourceKindModule, TargetScope, YamlCheckInput, YamlPart } from './types.js';
import type { Change } from '../model/plan.js';
import { resourceAddress } from '../model/plan.js';

export const watchlistKind: ResourceKindModule<'watchlist', 'CreateWatchlist' | 'UpdateWatchlist' | 'DeleteWatchlist', 'watchlists'> = {
  kind: 'watchlist',
  description: 'a custom watchlist of a domain (the default one is never managed)',
  // R12.5: the declared watchlists and the live custom ones (which a plan may delete). R12.4: a delete brings what
  // empties it.
  address: { shape: 'named', target: { addresses: watchlistAddresses, needs: emptyingChanges } },
  destroys: false,
  yamlMembers: ['watchlists'],
  yaml: { schema: watchlistsYaml, check: checkWatchlistsYaml, write: writeWatchlists },
  plan: ({ desired, live, domainId, ctx }) => {
    planWatchlists(ctx.stack, desired, live, domainId, ctx.out);
    return 'continue';
  },
  read: {
    members: ['watchlists'],
    details: async ({ api, live }) => ({ watchlists: await readWatchlists(api, live) }),
    // Created in this run: its default watchlist is in the CreateDomain answer, the rest in the answers.
    created: (live) => ({ watchlists: live.defaultWatchlistId ? [{ watchlistId: live.defaultWatchlistId, name: DEFAULT_WATCHLIST_NAME, isDefault: true }] : [] }),
    answered: (current, a) => ({ watchlists: answeredWatchlists(current.watchlists, a.watchlists) }),
    whole: async ({ api, live }) => {
      const listed = await collect((t) => api.listWatchlists({ DomainId: live.domainId, MaxResults: 100, ...tokenArg(t) }), (p) => p.WatchlistSummaries);
      const watchlistNames: Record<string, string> = {};
      for (const w of listed) if (w.WatchlistId) watchlistNames[w.WatchlistId] = isDefault(w, live) ? DEFAULT_WATCHLIST_NAME : w.Name ?? w.WatchlistId;
      const custom = listed
        .filter((w) => w.WatchlistId !== undefined && !isDefault(w, live))
        .map((w): LiveWatchlist => ({ watchlistId: w.WatchlistId!, name: w.Name ?? '', isDefault: false, ...(w.Description ? { description: w.Description } : {}) }))
        .sort((a, b) => compareStrings(a.name, b.name));
      return { watchlists: custom, watchlistNames };
    },
  },
  apply: {
    operations: {
      CreateWatchlist: {
        run: async (op, { api, state }) => {
          const domainId = state.domainId(op.input.DomainId);
          // A domain created in this run cannot hold a replayed watchlist: only existing domains are checked.
          const input = { ...op.input, DomainId: domainId, ClientToken: tokenFor(op.input, domainId) };
          const id = await createWatchlist(input, typeof op.input.DomainId === 'string', api);
          state.rememberWatchlist(domainId, op.input.Name, id);
          return undefined;
        },
      },
      UpdateWatchlist: {
        run: async (op, { api }) => {
          await api.updateWatchlist(op.input);
          return undefined;
        },
      },
      DeleteWatchlist: {
        run: async (op, { api, state }) => {
          await api.deleteWatchlist(op.input);
          state.forgetWatchlist(op.input.DomainId, op.input.WatchlistId);
          return undefined;
        },
      },
    },
    after: ['domain'],
    // R16.4: a watchlist emptied by its domain's watchlist-members change (or by its fraudster deletions) is deleted
    // after them, once they applied.
    last: (change, plan) => emptiedBy(change, plan ?? []).length > 0,
    skipReason: (change, done) => {
      const failed = emptiedBy(change, done.changes).find((c) => done.outcome(c.address)?.status !== 'applied');
      return failed ? `its fraudsters were not all removed: ${failed.address} ${done.outcome(failed.address)?.status ?? 'did not run'}` : undefined;
    },
  },
  render: {},
  export: ({ watchlists }) => ({ watchlists: watchlists.map((w) => ({ name: w.name, ...(w.description !== undefined ? { description: w.description } : {}) })) }),
  iam: [
    { action: 'voiceid:ListWatchlists', role: 'plan', resource: 'voiceid-domain', why: 'custom watchlists' },
    { action: 'voiceid:CreateWatchlist', role: 'apply', resource: 'voiceid-domain', why: 'declared watchlists' },
    { action: 'voiceid:UpdateWatchlist', role: 'apply', resource: 'voiceid-domain', why: 'watchlist descriptions' },
    { action: 'voiceid:DeleteWatchlist', role: 'apply', resource: 'voiceid-domain', why: 'undeclared watchlists of managed domains' },
  ],
};

/**
 * The changes a watchlist delete waits for: its domain's watchlist-members change when it disassociates from this
 * watchlist, and its domain's fraudster deletions (DeleteFraudster removes a fraudster from every watchlist).
 */
function emptiedBy(change: Change, plan: readonly Change[]): Change[] {
  if (change.kind !== 'watchlist' || change.action !== 'delete' || change.blocked) return [];
  const target = change.operations.find((op) => op.kind === 'DeleteWatchlist')?.input.WatchlistId;
  return plan.filter((c) => c.domainKey === change.domainKey && (c.kind === 'deleted-fraudsters' || (c.kind === 'watchlist-members' && c.operations.some((op) => op.kind === 'DisassociateFraudster' && op.input.WatchlistId === target))));
}

/**
 * R12.4: the changes a targeted watchlist delete needs: the members change that disassociates from it, and the
 * deleted-fraudsters change only when it deletes one of its members (apply waits for either, but a destructive
 * change is brought only when it empties this watchlist). Members not read: assumed to be among them.
 */
function emptyingChanges(change: Change, { changes, desired, live }: TargetScope): string[] {
  const id = change.operations.find((op) => op.kind === 'DeleteWatchlist')?.input.WatchlistId;
  const members = id === undefined ? undefined : membersOf(live?.details?.memberships, id);
  const deleted = new Set(desired?.deletedFraudsters ?? []);
  const deletesMember = members === undefined || members.some((f) => deleted.has(f));
  return emptiedBy(change, changes).filter((c) => c.kind !== 'deleted-fraudsters' || deletesMember).map((c) => c.address);
}

/** R12.5: the declared watchlists, and the custom ones of the live domain (a plan may delete them). */
function watchlistAddresses(d: DesiredDomain, live: LiveDomain | undefined): string[] {
  const custom = (live?.details?.watchlists ?? []).filter((w) => !w.isDefault && w.name !== DEFAULT_WATCHLIST_NAME);
  return [...d.watchlists, ...custom].map((w) => resourceAddress(d.key, 'watchlist', w.name));
}

const MAX_REPLAYS = 3;

/**
 * Voice ID remembers a ClientToken for at least 24 h and answers a replay with the original response, even when that
 * watchlist was deleted since (a watchlist removed and declared again, e.g. a reverted PR): the call "succeeds" and
 * nothing exists. A returned id the domain does not list is such a replay; the create is sent again with a token
 * derived from the plan's token and the deleted watchlist's id, deterministic, so a crash-and-rerun replays that
 * retry instead of creating a second watchlist.
 */
async function createWatchlist(input: Parameters<VoiceIdApi['createWatchlist']>[0], checkReplay: boolean, api: VoiceIdApi): Promise<string | undefined> {
  let token = input.ClientToken;
  for (let replays = 0; ; replays++) {
    const id = (await api.createWatchlist({ ...input, ClientToken: token })).Watchlist?.WatchlistId;
    if (id === undefined || !checkReplay || (await watchlistIds(api, input.DomainId)).has(id)) return id;
    if (replays === MAX_REPLAYS) {
      throw new GitopsError('APPLY_TOKEN_REPLAYED', `Voice ID CreateWatchlist kept answering with deleted watchlist ${id}`, 'aws', { rerun: { say: (c) => `Voice ID remembers a ClientToken for 24 hours: run ${c} again tomorrow` } });
    }
    token = clientToken(token, 'replay-of', id);
  }
}

async function watchlistIds(api: VoiceIdApi, domainId: string): Promise<Set<string>> {
  const listed = await collect((t) => api.listWatchlists({ DomainId: domainId, ...tokenArg(t) }), (p) => p.WatchlistSummaries);
  return new Set(listed.flatMap((w) => (w.WatchlistId ? [w.WatchlistId] : [])));
}

const byNameThenId = (x: LiveWatchlist, y: LiveWatchlist): number => compareStrings(x.name, y.name) || compareStrings(x.watchlistId, y.watchlistId);

/** Every watchlist of the domain, the default one included (`isDefault`), sorted by name. */
/** Whether an undeclared one holds fraudsters is the watchlist-members kind's read (its members). */
async function readWatchlists(voiceId: VoiceIdApi, live: LiveDomain): Promise<LiveWatchlist[]> {
  const summaries = await collect((t) => voiceId.listWatchlists({ DomainId: live.domainId, MaxResults: 100, ...tokenArg(t) }), (p) => p.WatchlistSummaries);
  const out = summaries.map((w): LiveWatchlist => dropUndefined({ watchlistId: w.WatchlistId ?? '', name: w.Name ?? '', description: w.Description, isDefault: isDefault(w, live) }));
  return out.sort(byNameThenId);
}

function isDefault(w: { readonly DefaultWatchlist?: boolean; readonly WatchlistId?: string }, live: LiveDomain): boolean {
  return w.DefaultWatchlist === true || (w.WatchlistId !== undefined && w.WatchlistId === live.defaultWatchlistId);
}

/** A6.3: watchlists as their create, update and delete calls answered (null: deleted). */
function answeredWatchlists(live: readonly LiveWatchlist[], answered: ReadonlyMap<string, WatchlistShape | null>): readonly LiveWatchlist[] {
  if (answered.size === 0) return live;
  const out = new Map(live.map((w) => [w.watchlistId, w]));
  for (const [id, w] of answered) {
    if (w === null) out.delete(id);
    else out.set(id, dropUndefined({ watchlistId: id, name: w.Name ?? '', description: w.Description, isDefault: w.DefaultWatchlist === true }));
  }
  return [...out.values()].sort(byNameThenId);
}

/** The default watchlist counts against the per-domain quota. */
const MAX_CUSTOM_WATCHLISTS = RESOURCE_QUOTAS.watchlistsPerDomain - 1;

/** Custom watchlists, and `default`: the domain's default watchlist, which declares only its members. */
function checkWatchlistsYaml({ r, doc, path: domainPath }: YamlCheckInput): YamlPart {
  const path = [...domainPath, 'watchlists'];
  const out: DesiredWatchlist[] = [];
  const members: DeclaredMembers[] = [];
  let custom = 0;
  entries(doc['watchlists']).forEach(([name, w]) => {
    const p = [...path, name];
    const body = isObj(w) ? w : {};
    const declared = checkMembers(r, name, body, p);
    if (declared) members.push(declared);
    const fraudsters = declared ? { fraudsters: inlineIds(declared) } : {};
    // The schema refuses any other key under `default` (the default watchlist's name and description are Voice ID's).
    if (name === DEFAULT_WATCHLIST_NAME) return;
    checkConstraint(r, 'WatchlistName', name, p, { label: 'watchlist name', at: 'key' });
    if (custom++ === MAX_CUSTOM_WATCHLISTS) {
      r.report('E_WATCHLIST_QUOTA', `more than ${MAX_CUSTOM_WATCHLISTS} custom watchlists: Voice ID allows ${RESOURCE_QUOTAS.watchlistsPerDomain} per domain including the default one`, p, 'key');
    }
    const description = str(unchecked<NonNullable<WatchlistDocument>>(w)['description']);
    checkConstraint(r, 'WatchlistDescription', description, [...p, 'description']);
    out.push({ name, ...(description === undefined ? {} : { description }), ...fraudsters });
  });
  const defaultMembers = members.find((m) => m.watchlist === DEFAULT_WATCHLIST_NAME);
  return {
    domain: { watchlists: out.sort((a, b) => compareStrings(a.name, b.name)), ...(defaultMembers ? { defaultWatchlist: { fraudsters: inlineIds(defaultMembers) } } : {}) },
    members,
  };
}

/** Its section of the YAML format (src/model/schema/desired-state.ts composes the kinds' sections). */
export function watchlistsYaml(k: SchemaKit) {
  return {
    watchlists: k.Type.Optional(k.Type.Unsafe<Record<string, VocabularyTypes['watchlistBody'] | null> & { default?: VocabularyTypes['defaultWatchlistBody'] | null }>({
      description: "Custom watchlists keyed by watchlist name (at most 2: Voice ID allows 3 per domain including the domain's default watchlist), and `default`, the default watchlist, which only declares members.",
      type: 'object',
      propertyNames: k.defs.WatchlistName(),
      properties: { default: k.defs.DefaultWatchlist() },
      additionalProperties: k.defs.Watchlist(),
      maxProperties: 3,
    })),
  };
}

/** Each custom watchlist with its description and declared members, and `default` when its members are declared. */
function writeWatchlists(d: DesiredDomain): Record<string, unknown> {
  const watchlists: Record<string, unknown> = {};
  for (const w of d.watchlists) watchlists[w.name] = { ...(w.description === undefined ? {} : { description: w.description }), ...(w.fraudsters ? { fraudsters: [...w.fraudsters] } : {}) };
  if (d.defaultWatchlist) watchlists[DEFAULT_WATCHLIST_NAME] = { fraudsters: [...d.defaultWatchlist.fraudsters] };
  return { watchlists };
}
