/** Custom watchlists (PLAN.md §6). The default watchlist is implicit and never changed. */
import type { DesiredDomain } from '../model/desired.js';
import { DEFAULT_WATCHLIST_NAME } from '../model/desired.js';
import type { LiveDomain, LiveWatchlist } from '../model/live.js';
import type { DomainIdValue } from '../model/plan.js';
import { clientToken } from './canonical.js';
import type { Findings } from './findings.js';
import { attrs, domainAddress, makeChange, message } from './findings.js';

export function planWatchlists(
  stack: string,
  d: DesiredDomain,
  l: LiveDomain | undefined,
  domainId: DomainIdValue,
  out: Findings,
): void {
  const live = liveCustom(l);
  const declared = [...d.watchlists]
    .filter((w) => w.name !== DEFAULT_WATCHLIST_NAME)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const declaredNames = new Set(declared.map((w) => w.name));
  const address = (name: string) => `${domainAddress(d.key)}.watchlist.${name}`;

  // Deletes first: at most 3 watchlists per domain (default included), so a replacement needs the room.
  for (const w of live.values()) {
    if (declaredNames.has(w.name) || typeof domainId !== 'string') continue;
    out.changes.push(
      makeChange({
        address: address(w.name),
        kind: 'watchlist',
        action: 'delete',
        domainKey: d.key,
        domainId,
        before: attrs({ name: w.name, description: w.description, watchlistId: w.watchlistId }),
        operations: [{ kind: 'DeleteWatchlist', input: { DomainId: domainId, WatchlistId: w.watchlistId } }],
        reasons: ['no longer declared'],
        ...(w.hasFraudsters
          ? {
              blocked: {
                reason: 'the watchlist still has fraudsters and Voice ID deletes only empty watchlists: delete or disassociate its fraudsters first',
                deferred: false,
              },
            }
          : {}),
      }),
    );
  }
  for (const w of declared) {
    const existing = live.get(w.name);
    if (!existing) {
      out.changes.push(
        makeChange({
          address: address(w.name),
          kind: 'watchlist',
          action: 'create',
          domainKey: d.key,
          domainId,
          after: attrs({ name: w.name, description: w.description }),
          operations: [
            {
              kind: 'CreateWatchlist',
              input: {
                DomainId: domainId,
                Name: w.name,
                ...(w.description === undefined ? {} : { Description: w.description }),
                ClientToken: clientToken(stack, address(w.name), { name: w.name, description: w.description }),
              },
            },
          ],
        }),
      );
    } else if (w.description === undefined && existing.description !== undefined) {
      out.warnings.push(
        message('W_WATCHLIST_DESCRIPTION', `watchlist "${w.name}" has a live description but none is declared; UpdateWatchlist cannot clear it, so it is kept`, { address: address(w.name) }),
      );
    } else if (w.description !== undefined && w.description !== existing.description && typeof domainId === 'string') {
      out.changes.push(
        makeChange({
          address: address(w.name),
          kind: 'watchlist',
          action: 'update',
          domainKey: d.key,
          domainId,
          before: attrs({ name: w.name, description: existing.description }),
          after: attrs({ name: w.name, description: w.description }),
          operations: [
            { kind: 'UpdateWatchlist', input: { DomainId: domainId, WatchlistId: existing.watchlistId, Description: w.description } },
          ],
        }),
      );
    }
  }
}

/** Live custom watchlists by name; if a name repeats, the lowest id wins (names are not unique in Voice ID). */
function liveCustom(l: LiveDomain | undefined): Map<string, LiveWatchlist> {
  const list = [...(l?.details?.watchlists ?? [])]
    .filter((w) => !w.isDefault)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.watchlistId < b.watchlistId ? -1 : 1));
  const map = new Map<string, LiveWatchlist>();
  for (const w of list) if (!map.has(w.name)) map.set(w.name, w);
  return map;
}
