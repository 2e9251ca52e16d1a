/**
 * Each watchlist's fraudstersFile joined to its inline `fraudsters` (PLAN.md §16): an id in both is a duplicate,
 * and the union counts against the 500 fraudsters a watchlist takes.
 */
import { DEFAULT_WATCHLIST_NAME, type DesiredDomain } from '../model/desired.js';
import { compareStrings } from '../model/collections.js';
import { checkCount, MAX_FRAUDSTERS_PER_WATCHLIST, type DeclaredMembers } from './check-members.js';
import type { DeclaredDomain, FileModel } from './file-model.js';
import type { OptOutRead } from './merge.js';
import { refKey } from './read-files.js';

export function withMembers(m: FileModel, d: DeclaredDomain, domain: DesiredDomain, files: ReadonlyMap<string, OptOutRead>): DesiredDomain {
  if (d.declared.members.length === 0) return domain;
  const merged = new Map(d.declared.members.map((dm) => [dm.watchlist, membersOf(m, dm, d.fraudsterFiles.get(dm.watchlist), files)]));
  const def = merged.get(DEFAULT_WATCHLIST_NAME);
  return {
    ...domain,
    watchlists: domain.watchlists.map((w) => {
      const fraudsters = merged.get(w.name);
      return fraudsters === undefined ? w : { ...w, fraudsters };
    }),
    ...(def === undefined ? {} : { defaultWatchlist: { fraudsters: def } }),
  };
}

function membersOf(m: FileModel, dm: DeclaredMembers, path: string | undefined, files: ReadonlyMap<string, OptOutRead>): string[] {
  const inline = [...new Set(dm.inline.map((s) => s.id))].sort(compareStrings);
  if (path === undefined) return inline;
  const read = files.get(refKey({ path, ...(m.root === undefined ? {} : { root: m.root }) }));
  if (read === undefined) return inline;
  if (read.kind === 'error') {
    m.report.report(read.code, `cannot read fraudstersFile ${dm.file ?? path}: ${read.message}`, dm.filePath);
    return inline;
  }
  const fromFile = read.parsed;
  for (const s of dm.inline) {
    const line = fromFile.lineOf(s.id);
    if (line !== undefined) m.report.report('E_DUPLICATE_FRAUDSTER', `fraudster id ${s.id} is also listed in ${dm.file ?? path} on line ${line}`, s.path);
  }
  const ids = inline.length === 0 ? [...fromFile.ids] : [...new Set([...fromFile.ids, ...inline])].sort(compareStrings);
  // The inline list alone was counted by check-members.ts; the union is counted here, at the file.
  if (dm.inline.length <= MAX_FRAUDSTERS_PER_WATCHLIST) checkCount(m.report, dm.watchlist, ids.length, dm.filePath);
  return ids;
}
