/**
 * Watchlist members in an export (PLAN.md R16.8): a short list stays inline (`fraudsters:`), a longer one goes to a
 * fraudstersFile beside the YAML when export writes files (`--out`); fraudster ids are not personal data, so
 * printed YAML keeps them inline.
 */
import type { Document } from 'yaml';
import { DEFAULT_WATCHLIST_NAME, type DesiredDomain } from '../model/desired.js';
import { LIST_SUMMARY_THRESHOLD } from '../render/opt-out-lines.js';

export interface MemberFileOut {
  /** Relative to the YAML file, `/`-separated (as written in `fraudstersFile`). */
  readonly path: string;
  readonly text: string;
  readonly count: number;
}

/** Moves each long member list of `doc` to a file under `dir`; returns the files to write. */
export function placeMemberFiles(doc: Document, domains: readonly DesiredDomain[], dir: string | undefined): MemberFileOut[] {
  if (dir === undefined) return [];
  const out: MemberFileOut[] = [];
  for (const d of domains) {
    const lists: Array<[string, readonly string[]]> = d.watchlists.flatMap((w) => (w.fraudsters ? [[w.name, w.fraudsters] as [string, readonly string[]]] : []));
    if (d.defaultWatchlist) lists.push([DEFAULT_WATCHLIST_NAME, d.defaultWatchlist.fraudsters]);
    for (const [name, ids] of lists) {
      if (ids.length <= LIST_SUMMARY_THRESHOLD) continue;
      const path = `${dir}/${d.key}.${name}.txt`;
      doc.deleteIn(['domains', d.key, 'watchlists', name, 'fraudsters']);
      doc.setIn(['domains', d.key, 'watchlists', name, 'fraudstersFile'], path);
      out.push({ path, count: ids.length, text: `# Fraudsters of watchlist ${name} of domain ${d.key} (generated ids)\n${ids.join('\n')}\n` });
    }
  }
  return out;
}
