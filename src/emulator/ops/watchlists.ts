/** Watchlists (S9, S10, S20): a default one per domain that cannot be updated or deleted, a per-domain quota. */
import { conflict, quotaExceeded, validationError } from '../errors.js';
import { idempotent } from '../idempotency.js';
import { paginate } from '../pagination.js';
import { id22 } from '../random.js';
import type { DomainRec, WatchlistRec } from '../store.js';
import { activeDomain, findWatchlist, optStr, pageOptions, str, watchlistOut, type Handler, type OpContext } from './context.js';

export function newWatchlist(domain: DomainRec, ctx: OpContext, name: string, description?: string): WatchlistRec {
  const now = ctx.now();
  const w: WatchlistRec = {
    seq: ctx.store.nextSeq(),
    watchlistId: id22(ctx.random),
    name,
    description,
    defaultWatchlist: false,
    createdAt: now,
    updatedAt: now,
  };
  domain.watchlists.set(w.watchlistId, w);
  ctx.store.changed();
  return w;
}

const createWatchlist: Handler = (input, ctx) =>
  idempotent('CreateWatchlist', input, ctx, () => {
    const domain = activeDomain(ctx, str(input, 'DomainId'));
    if (domain.watchlists.size >= ctx.limits.maxWatchlistsPerDomain) {
      throw quotaExceeded(`The domain already has the maximum of ${ctx.limits.maxWatchlistsPerDomain} watchlists (the default watchlist included).`);
    }
    const w = newWatchlist(domain, ctx, str(input, 'Name'), optStr(input, 'Description'));
    return { Watchlist: watchlistOut(domain.domainId, w) };
  });

function customWatchlist(domain: DomainRec, watchlistId: string, verb: string): WatchlistRec {
  const w = findWatchlist(domain, watchlistId);
  if (w.defaultWatchlist) throw validationError(`The default watchlist cannot be ${verb}.`);
  return w;
}

const updateWatchlist: Handler = (input, ctx) => {
  const domain = activeDomain(ctx, str(input, 'DomainId'));
  const w = customWatchlist(domain, str(input, 'WatchlistId'), 'updated');
  // INFERRED (S20): a partial update; absent members keep their values.
  const name = optStr(input, 'Name');
  const description = optStr(input, 'Description');
  if (name !== undefined) w.name = name;
  if (description !== undefined) w.description = description;
  w.updatedAt = ctx.now();
  ctx.store.changed();
  return { Watchlist: watchlistOut(domain.domainId, w) };
};

const deleteWatchlist: Handler = (input, ctx) => {
  const domain = activeDomain(ctx, str(input, 'DomainId'));
  const w = customWatchlist(domain, str(input, 'WatchlistId'), 'deleted');
  for (const f of domain.fraudsters.values()) {
    if (f.watchlistIds.includes(w.watchlistId)) {
      throw conflict('The watchlist still has fraudsters; delete or disassociate them first.', 'CANNOT_DELETE_NON_EMPTY_WATCHLIST');
    }
  }
  domain.watchlists.delete(w.watchlistId);
  ctx.store.changed();
  return {};
};

const describeWatchlist: Handler = (input, ctx) => {
  const domain = activeDomain(ctx, str(input, 'DomainId'));
  return { Watchlist: watchlistOut(domain.domainId, findWatchlist(domain, str(input, 'WatchlistId'))) };
};

const listWatchlists: Handler = (input, ctx) => {
  const domain = activeDomain(ctx, str(input, 'DomainId'));
  const page = paginate([...domain.watchlists.values()], input, pageOptions(ctx, 'ListWatchlists'));
  return { WatchlistSummaries: page.items.map((w) => watchlistOut(domain.domainId, w)), NextToken: page.nextToken };
};

export const watchlistHandlers: Readonly<Record<string, Handler>> = {
  CreateWatchlist: createWatchlist,
  UpdateWatchlist: updateWatchlist,
  DeleteWatchlist: deleteWatchlist,
  DescribeWatchlist: describeWatchlist,
  ListWatchlists: listWatchlists,
};
