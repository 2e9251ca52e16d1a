/**
 * The body of a watchlist-members change (src/kinds/watchlist-members.ts): the counts per watchlist, then each
 * move in the order apply makes it. Fraudster ids are generated, not personal data: shown in clear; a list longer
 * than LIST_SUMMARY_THRESHOLD is summarised as its count and digest (the saved plan holds every id).
 */
import { createHash } from 'node:crypto';
import type { Change } from '../model/plan.js';
import { LIST_SUMMARY_THRESHOLD } from './opt-out-lines.js';
import type { Style } from './style.js';

/** sha256 of the ids sorted by byte, each followed by a newline: `LC_ALL=C sort -u <ids> | sha256sum`. */
export function idsDigest(ids: readonly string[]): string {
  const h = createHash('sha256');
  for (const id of [...ids].sort()) h.update(`${id}\n`);
  return h.digest('hex');
}

const plural = (n: number): string => `${n} ${n === 1 ? 'fraudster' : 'fraudsters'}`;

export function memberLines(c: Change, o: { readonly style: Style }): string[] {
  if (c.kind !== 'watchlist-members') return [];
  const before = c.before ?? {};
  const after = c.after ?? {};
  const counts = Object.keys(after).map((w) => `${w} ${before[w] ?? 0} -> ${after[w] ?? 0}`);
  const lines = [`fraudsters per watchlist: ${counts.join(', ')}`];
  for (const op of c.operations) {
    const add = op.kind === 'AssociateFraudster';
    const paint = add ? o.style.add : o.style.remove;
    const sign = add ? '+' : '-';
    const ids = op.fraudsterIds;
    lines.push(paint(`${sign} ${add ? 'associate' : 'disassociate'} ${plural(ids.length)} ${add ? 'to' : 'from'} ${op.watchlist}`));
    if (ids.length <= LIST_SUMMARY_THRESHOLD) for (const id of ids) lines.push(paint(`${sign}   ${id}`));
    // A long list: its digest (= LC_ALL=C sort -u <ids> | sha256sum); the saved plan lists the ids.
    else lines.push(paint(`${sign}   list sha256:${idsDigest(ids).slice(0, 12)} (the saved plan lists them)`));
  }
  return lines;
}
