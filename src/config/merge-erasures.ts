/**
 * PLAN.md §15 across a domain's lists, once its files are read: the erasedSpeakersFile joined to the inline
 * erasedSpeakers, and the conflicts R15.3 names (an id erased and opted out; a fraudster deleted and declared a
 * watchlist member), each at the erased or deleted id's place.
 */
import { DEFAULT_WATCHLIST_NAME, type DesiredDomain } from '../model/desired.js';
import { maskSpeakerId } from '../model/sensitive.js';
import { compareStrings } from '../model/collections.js';
import type { DeclaredDomain, FileModel } from './file-model.js';
import type { OptOutRead } from './merge.js';
import { refKey } from './read-files.js';
import { caretLines } from './source-text.js';

/**
 * PLAN.md §15: the erasedSpeakersFile joined to the inline erasedSpeakers (read and parsed as an opt-out file), then
 * R15.3: an id both erased and opted out is an error at the erased id's place (masked).
 */
export function withErasures(m: FileModel, d: DeclaredDomain, domain: DesiredDomain, files: ReadonlyMap<string, OptOutRead>): DesiredDomain {
  const filePath = [...d.at.path, 'erasedSpeakersFile'];
  const read = d.erasureFile === undefined ? undefined : files.get(refKey({ path: d.erasureFile, ...(m.root === undefined ? {} : { root: m.root }) }));
  if (read?.kind === 'error') m.report.report(read.code, `cannot read erasedSpeakersFile ${d.erasureFile ?? ''}: ${read.message}`, filePath);
  const fromFile = read?.kind === 'ok' ? read.parsed : undefined;
  const inline = d.declared.inlineErased;
  if (fromFile) {
    for (const s of inline) {
      const line = fromFile.lineOf(s.id);
      if (line !== undefined) m.report.report('E_DUPLICATE_SPEAKER', `speaker id ${maskSpeakerId(s.id)} is also listed in ${d.erasureFile ?? ''} on line ${line}`, s.path);
    }
  }
  const ids = [...new Set([...(fromFile?.ids ?? []), ...inline.map((s) => s.id)])].sort(compareStrings);
  const optedOut = new Set(domain.optedOutSpeakers);
  const conflict = (id: string): string => `speaker id ${maskSpeakerId(id)} is both erased and opted out in domain ${JSON.stringify(d.key)}: erasing deletes the speaker, opting out keeps it OPTED_OUT; declare it in one of the two lists`;
  for (const s of inline) if (optedOut.has(s.id)) m.report.report('E_ERASED_AND_OPTED_OUT', conflict(s.id), s.path);
  const inlineIds = new Set(inline.map((s) => s.id));
  for (const id of fromFile && d.erasureFile ? fromFile.ids : []) {
    if (!optedOut.has(id) || inlineIds.has(id)) continue;
    // At the id's line in the erasure file (the file's own place, like its parse errors).
    const line = fromFile!.lineOf(id) ?? 1;
    const mask = maskSpeakerId(id);
    m.diagnostics.push({ file: d.erasureFile!, line, col: 1, severity: 'error', code: 'E_ERASED_AND_OPTED_OUT', message: conflict(id), excerpt: caretLines(line, mask, 0, mask.length) });
  }
  if (ids.length === 0) return domain;
  const sources = [...(inline.length > 0 ? [d.at.file] : []), ...(fromFile && fromFile.ids.length > 0 && d.erasureFile ? [d.erasureFile] : [])];
  return { ...domain, erasedSpeakers: ids, erasureSources: sources };
}

/** R15.3: a deleted fraudster leaves every watchlist, so declaring it a member too is a contradiction. */
export function checkDeletedMembers(m: FileModel, d: DeclaredDomain, domain: DesiredDomain): DesiredDomain {
  if (d.declared.deletedFraudsters.length === 0) return domain;
  const memberOf = new Map<string, string[]>();
  const add = (watchlist: string, ids: readonly string[] | undefined): void => {
    for (const id of ids ?? []) memberOf.set(id, [...(memberOf.get(id) ?? []), watchlist]);
  };
  for (const w of domain.watchlists) add(w.name, w.fraudsters);
  add(DEFAULT_WATCHLIST_NAME, domain.defaultWatchlist?.fraudsters);
  for (const f of d.declared.deletedFraudsters) {
    const lists = memberOf.get(f.id);
    if (!lists) continue;
    const names = lists.map((n) => JSON.stringify(n)).join(', ');
    m.report.report('E_DELETED_AND_MEMBER', `fraudster id ${f.id} is deleted (deletedFraudsters) and declared a member of watchlist ${names}: a deleted fraudster leaves every watchlist; remove it from one of the two`, f.path);
  }
  return domain;
}
