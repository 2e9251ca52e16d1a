/**
 * A watchlist's declared members (PLAN.md §16): `fraudsters` (generated fraudster ids, each valid and listed once)
 * and `fraudstersFile` (merged in by merge.ts). Either key makes the membership exact; neither leaves it alone.
 */
import { RESOURCE_QUOTAS } from '../model/quotas.js';
import { compareStrings } from '../model/collections.js';
import type { Reporter } from './constraint-check.js';
import { FRAUDSTER_IDS, checkIdList } from './id-list.js';
import type { Path } from './locate.js';

/** One watchlist's members as one file declares them, before its fraudstersFile is read. */
export interface DeclaredMembers {
  /** The watchlist's name, `default` for the domain's default watchlist. */
  readonly watchlist: string;
  /** Inline ids in order with their paths (for the file's duplicate messages). */
  readonly inline: ReadonlyArray<{ readonly id: string; readonly path: Path }>;
  /** As written in the YAML (relative to it); file-model.ts resolves it. */
  readonly file?: string;
  /** Where `fraudstersFile` is written. */
  readonly filePath: Path;
  /** Where the watchlist is written. */
  readonly path: Path;
}

export const MAX_FRAUDSTERS_PER_WATCHLIST = RESOURCE_QUOTAS.fraudstersPerWatchlist;

/** The declared members of one watchlist mapping, or undefined when it declares neither key. */
export function checkMembers(r: Reporter, watchlist: string, raw: Readonly<Record<string, unknown>>, path: Path): DeclaredMembers | undefined {
  const list = raw['fraudsters'];
  const file = typeof raw['fraudstersFile'] === 'string' ? raw['fraudstersFile'] : undefined;
  if (list === undefined && raw['fraudstersFile'] === undefined) return undefined;
  // Not a list: the schema reports the type.
  const inline = checkIdList(r, list, [...path, 'fraudsters'], FRAUDSTER_IDS);
  checkCount(r, watchlist, inline.length, [...path, 'fraudsters']);
  return { watchlist, inline, ...(file === undefined ? {} : { file }), filePath: [...path, 'fraudstersFile'], path };
}

/** Voice ID takes at most 500 fraudsters per watchlist (ServiceQuotaExceeded beyond). */
export function checkCount(r: Reporter, watchlist: string, n: number, path: Path): boolean {
  if (n <= MAX_FRAUDSTERS_PER_WATCHLIST) return true;
  r.report('E_FRAUDSTER_QUOTA', `watchlist ${JSON.stringify(watchlist)} declares ${n} fraudsters: Voice ID takes at most ${MAX_FRAUDSTERS_PER_WATCHLIST} per watchlist`, path, 'key');
  return false;
}

/** The inline ids, unique and sorted. */
export const inlineIds = (m: DeclaredMembers): string[] => [...new Set(m.inline.map((s) => s.id))].sort(compareStrings);
