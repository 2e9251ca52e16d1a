/** Custom watchlists (PLAN.md §6). The default watchlist is implicit and never changed. */
import type { DesiredDomain, DesiredWatchlist } from '../model/desired.js';
import { compareBy } from '../model/collections.js';
import { DEFAULT_WATCHLIST_NAME } from '../model/desired.js';
import type { LiveDomain, LiveWatchlist } from '../model/live.js';
import type { DomainIdValue } from '../model/plan.js';
import { clientToken, scopedToExisting } from './canonical.js';
import type { Findings } from './findings.js';
import { attrs, makeChange, message } from './findings.js';
import { resourceAddress } from '../model/plan.js';
import { planMembership, type DeleteStatus } from './watchlist-members.js';
import { exemptFraudsters } from './members-change.js';

interface WatchlistContext {
  readonly stack: string;
  readonly domainKey: string;
  readonly domainId: DomainIdValue;
  readonly out: Findings;
}

const watchlistAddress = (key: string, name: string): string => resourceAddress(key, 'watchlist', name);

export function planWatchlists(
  stack: string,
  d: DesiredDomain,
  l: LiveDomain | undefined,
  domainId: DomainIdValue,
  out: Findings,
): void {
  const ctx: WatchlistContext = { stack, domainKey: d.key, domainId, out };
  const live = liveCustom(l);
  const declared = [...d.watchlists]
    .filter((w) => w.name !== DEFAULT_WATCHLIST_NAME)
    .sort(compareBy((w) => w.name));
  const declaredNames = new Set(declared.map((w) => w.name));
  // Deletes first: at most 3 watchlists per domain (default included), so a replacement needs the room.
  if (typeof domainId === 'string') {
    const members = planMembership(d, l, domainId, exemptFraudsters(d));
    for (const w of live.values()) if (!declaredNames.has(w.name)) planDelete(w, domainId, ctx, members.deletes.get(w.name));
  }
  for (const w of declared) {
    const existing = live.get(w.name);
    if (existing) planUpdate(w, existing, ctx);
    else planCreate(w, ctx);
  }
}

/**
 * R6.2, R16.4: undeclared custom watchlists go; one holding fraudsters is emptied first by the domain's
 * watchlist-members change (and deleted after it), unless it is the only watchlist of some of them.
 */
function planDelete(w: LiveWatchlist, domainId: string, ctx: WatchlistContext, status: DeleteStatus | undefined): void {
  const reasons = ['no longer declared'];
  if (status?.kind === 'emptied') {
    const n = status.count;
    reasons.push(n === 0
      ? `emptied first by ${resourceAddress(ctx.domainKey, 'deleted-fraudsters')} (its fraudsters are deleted), then deleted`
      : `emptied first: ${n} ${n === 1 ? 'fraudster' : 'fraudsters'} disassociated by ${resourceAddress(ctx.domainKey, 'watchlist-members')}, then deleted`);
  }
  ctx.out.changes.push(
    makeChange({
      address: watchlistAddress(ctx.domainKey, w.name),
      kind: 'watchlist',
      action: 'delete',
      domainKey: ctx.domainKey,
      domainId,
      before: attrs({ name: w.name, description: w.description, watchlistId: w.watchlistId }),
      operations: [{ kind: 'DeleteWatchlist', input: { DomainId: domainId, WatchlistId: w.watchlistId } }],
      reasons,
      ...(status?.kind === 'blocked' ? { blocked: { reason: blockedReason(status.onlyHere) } } : {}),
    }),
  );
}

/** Fraudster ids are generated, not personal data: named so the reviewer can act. */
function blockedReason(onlyHere: readonly string[]): string {
  const shown = onlyHere.slice(0, 3).join(', ') + (onlyHere.length > 3 ? ` and ${onlyHere.length - 3} more` : '');
  return `it is the only watchlist of ${onlyHere.length === 1 ? 'fraudster' : 'fraudsters'} ${shown}, and Voice ID deletes only empty watchlists and keeps every fraudster in one: declare ${onlyHere.length === 1 ? 'it' : 'them'} in another watchlist's fraudsters, or delete ${onlyHere.length === 1 ? 'it' : 'them'}`;
}

function planCreate(w: DesiredWatchlist, ctx: WatchlistContext): void {
  const address = watchlistAddress(ctx.domainKey, w.name);
  ctx.out.changes.push(
    makeChange({
      address,
      kind: 'watchlist',
      action: 'create',
      domainKey: ctx.domainKey,
      domainId: ctx.domainId,
      after: attrs({ name: w.name, description: w.description }),
      operations: [
        {
          kind: 'CreateWatchlist',
          input: {
            DomainId: ctx.domainId,
            Name: w.name,
            ...(w.description === undefined ? {} : { Description: w.description }),
            ClientToken: scopedToExisting(clientToken(ctx.stack, address, { name: w.name, description: w.description }), ctx.domainId),
          },
        },
      ],
    }),
  );
}

/** R6.1: UpdateWatchlist is a partial update, so a description can be changed but not cleared. */
function planUpdate(w: DesiredWatchlist, existing: LiveWatchlist, ctx: WatchlistContext): void {
  const address = watchlistAddress(ctx.domainKey, w.name);
  if (w.description === undefined && existing.description !== undefined) {
    ctx.out.warnings.push(
      message('W_WATCHLIST_DESCRIPTION', `watchlist "${w.name}" has a live description but none is declared; UpdateWatchlist cannot clear it, so it is kept`, { address }),
    );
    return;
  }
  if (w.description === undefined || w.description === existing.description || typeof ctx.domainId !== 'string') return;
  ctx.out.changes.push(
    makeChange({
      address,
      kind: 'watchlist',
      action: 'update',
      domainKey: ctx.domainKey,
      domainId: ctx.domainId,
      before: attrs({ name: w.name, description: existing.description }),
      after: attrs({ name: w.name, description: w.description }),
      operations: [
        { kind: 'UpdateWatchlist', input: { DomainId: ctx.domainId, WatchlistId: existing.watchlistId, Description: w.description } },
      ],
    }),
  );
}

/** Live custom watchlists by name; if a name repeats, the lowest id wins (names are not unique in Voice ID). */
function liveCustom(l: LiveDomain | undefined): Map<string, LiveWatchlist> {
  const list = [...(l?.details?.watchlists ?? [])]
    .filter((w) => !w.isDefault)
    .sort(compareBy((w) => w.name, (w) => w.watchlistId));
  const map = new Map<string, LiveWatchlist>();
  for (const w of list) if (!map.has(w.name)) map.set(w.name, w);
  return map;
}
