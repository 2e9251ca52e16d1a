/** Fraudsters (S11): created by registration jobs or seeding only; always in at least one watchlist. */
import { notFound, quotaExceeded, validationError } from '../errors.js';
import { paginate } from '../pagination.js';
import { generatedId } from '../random.js';
import type { DomainRec, FraudsterRec } from '../store.js';
import { activeDomain, findWatchlist, fraudsterOut, pageOptions, str, type Handler, type OpContext } from './context.js';

function fraudstersIn(domain: DomainRec, watchlistId: string): number {
  let n = 0;
  for (const f of domain.fraudsters.values()) if (f.watchlistIds.includes(watchlistId)) n++;
  return n;
}

export function newFraudster(domain: DomainRec, ctx: OpContext, watchlistIds: readonly string[]): FraudsterRec {
  const f: FraudsterRec = {
    seq: ctx.store.nextSeq(),
    generatedFraudsterId: generatedId(ctx.random),
    createdAt: ctx.now(),
    watchlistIds: [...watchlistIds],
  };
  domain.fraudsters.set(f.generatedFraudsterId, f);
  ctx.store.changed();
  return f;
}

function findFraudster(domain: DomainRec, fraudsterId: string): FraudsterRec {
  const f = domain.fraudsters.get(fraudsterId);
  if (!f) throw notFound('FRAUDSTER', `The fraudster does not exist in domain ${domain.domainId}.`);
  return f;
}

const associate: Handler = (input, ctx) => {
  const domain = activeDomain(ctx, str(input, 'DomainId'));
  const w = findWatchlist(domain, str(input, 'WatchlistId'));
  const f = findFraudster(domain, str(input, 'FraudsterId'));
  if (!f.watchlistIds.includes(w.watchlistId)) {
    if (fraudstersIn(domain, w.watchlistId) >= ctx.limits.maxFraudstersPerWatchlist) {
      throw quotaExceeded(`The watchlist already has the maximum of ${ctx.limits.maxFraudstersPerWatchlist} fraudsters.`);
    }
    f.watchlistIds.push(w.watchlistId);
    ctx.store.changed();
  }
  return { Fraudster: fraudsterOut(domain.domainId, f) };
};

const disassociate: Handler = (input, ctx) => {
  const domain = activeDomain(ctx, str(input, 'DomainId'));
  const w = findWatchlist(domain, str(input, 'WatchlistId'));
  const f = findFraudster(domain, str(input, 'FraudsterId'));
  if (!f.watchlistIds.includes(w.watchlistId)) {
    throw notFound('FRAUDSTER', `The fraudster is not associated with watchlist ${w.watchlistId}.`);
  }
  // The DisassociateFraudster model doc says ValidationException for a fraudster's only watchlist (S11).
  if (f.watchlistIds.length === 1) {
    throw validationError('A fraudster must belong to at least one watchlist; it cannot be disassociated from its only watchlist.');
  }
  f.watchlistIds = f.watchlistIds.filter((id) => id !== w.watchlistId);
  ctx.store.changed();
  return { Fraudster: fraudsterOut(domain.domainId, f) };
};

const describe: Handler = (input, ctx) => {
  const domain = activeDomain(ctx, str(input, 'DomainId'));
  return { Fraudster: fraudsterOut(domain.domainId, findFraudster(domain, str(input, 'FraudsterId'))) };
};

const remove: Handler = (input, ctx) => {
  const domain = activeDomain(ctx, str(input, 'DomainId'));
  const f = findFraudster(domain, str(input, 'FraudsterId'));
  domain.fraudsters.delete(f.generatedFraudsterId);
  ctx.store.changed();
  return {};
};

const list: Handler = (input, ctx) => {
  const domain = activeDomain(ctx, str(input, 'DomainId'));
  const watchlistId = typeof input.WatchlistId === 'string' ? input.WatchlistId : undefined;
  if (watchlistId !== undefined) findWatchlist(domain, watchlistId);
  const all = [...domain.fraudsters.values()].filter((f) => watchlistId === undefined || f.watchlistIds.includes(watchlistId));
  const page = paginate(all, input, pageOptions(ctx, 'ListFraudsters'));
  return { FraudsterSummaries: page.items.map((f) => fraudsterOut(domain.domainId, f)), NextToken: page.nextToken };
};

export const fraudsterHandlers: Readonly<Record<string, Handler>> = {
  AssociateFraudster: associate,
  DisassociateFraudster: disassociate,
  DescribeFraudster: describe,
  DeleteFraudster: remove,
  ListFraudsters: list,
};
