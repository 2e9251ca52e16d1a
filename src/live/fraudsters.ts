/**
 * Which declared `deletedFraudsters` exist live (PLAN.md §15), at the least quota cost. Cost model (the one of
 * speaker-strategy.ts): D declared ids, DescribeFraudster at d TPS costs D / d seconds; ListFraudsters of the whole
 * domain (no WatchlistId) at l TPS costs ceil(N / 100) / l, where N is bounded by the fraudsters a domain can hold
 * (every fraudster is in a watchlist: 3 watchlists x 500). At the documented rates (10 and an assumed 2 TPS) a
 * listing wins only beyond 75 ids; an absent id is only known absent at the last page, so the listing is full.
 */
import type { VoiceIdApi } from '../aws/api.js';
import { RESOURCE_QUOTAS } from '../model/quotas.js';
import { compareStrings } from '../model/collections.js';
import { pages, tokenArg } from '../aws/paginate.js';
import { isNotFound } from './discover.js';

export type FraudsterReadKind = 'none' | 'describe' | 'list';

/** How plan reads the declared deletedFraudsters of one domain (chosen by read-live-state.ts for all domains). */
export interface FraudsterReadOptions {
  readonly kind: FraudsterReadKind;
  /** DescribeFraudster calls in flight (the pacer paces them). */
  readonly workers: number;
}

/** Fraudsters a domain can hold at most: every one belongs to at least one watchlist. */
export const MAX_FRAUDSTERS_PER_DOMAIN = RESOURCE_QUOTAS.watchlistsPerDomain * RESOURCE_QUOTAS.fraudstersPerWatchlist;

export function chooseFraudsterRead(ids: number, describeTps: number, listTps: number, concurrentDomains = 1): FraudsterReadKind {
  if (ids === 0) return 'none';
  const share = Math.max(1, concurrentDomains);
  const describe = ids / (describeTps / share);
  const list = Math.ceil(MAX_FRAUDSTERS_PER_DOMAIN / 100) / (listTps / share);
  return list < describe ? 'list' : 'describe';
}

/** The declared ids that exist live, sorted. `workers`: DescribeFraudster calls in flight (the pacer paces them). */
export async function readFraudsters(voiceId: VoiceIdApi, domainId: string, ids: readonly string[], kind: FraudsterReadKind, workers: number): Promise<string[]> {
  if (ids.length === 0 || kind === 'none') return [];
  if (kind === 'list') {
    const wanted = new Set(ids);
    const found: string[] = [];
    for await (const page of pages((t) => voiceId.listFraudsters({ DomainId: domainId, MaxResults: 100, ...tokenArg(t) }))) {
      for (const f of page.FraudsterSummaries ?? []) if (f.GeneratedFraudsterId && wanted.has(f.GeneratedFraudsterId)) found.push(f.GeneratedFraudsterId);
    }
    return [...new Set(found)].sort(compareStrings);
  }
  const queue = [...ids];
  const found: string[] = [];
  const worker = async (): Promise<void> => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      try {
        await voiceId.describeFraudster({ DomainId: domainId, FraudsterId: id });
        found.push(id);
      } catch (e) {
        if (!isNotFound(e)) {
          queue.length = 0;
          throw e;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, ids.length)) }, worker));
  return found.sort(compareStrings);
}
