/**
 * Several files -> one desired state: `stack`, `region` and `prune` must agree where given, a domain key and
 * an adopted domain id may appear once, and each domain's opt-out file is joined to its inline list (an id in
 * both is a duplicate), as is each watchlist's fraudstersFile (merge-members.ts). Problems are reported at the later place, naming the earlier one.
 */
import { DEFAULT_STACK, FORMAT_VERSION, type DesiredDomain, type DesiredState } from '../model/desired.js';
import { RESOURCE_QUOTAS } from '../model/quotas.js';
import { maskSpeakerId } from '../model/sensitive.js';
import type { DeclaredDomain, FileModel, Located } from './file-model.js';
import type { ReadCode } from './contained-read.js';
import type { OptOutFile } from './opt-out-file.js';
import { refKey } from './read-files.js';
import { compareStrings } from '../model/collections.js';
import { withMembers } from './merge-members.js';

/** Keyed by refKey (the path and the root of the YAML file naming it). */
export type OptOutRead = { readonly kind: 'ok'; readonly parsed: OptOutFile } | { readonly kind: 'error'; readonly code: ReadCode; readonly message: string };

const place = (l: Located<unknown>): string => `${l.file}:${l.line}:${l.col}`;

function agree<T>(models: readonly FileModel[], field: 'stack' | 'region' | 'prune'): Located<T> | undefined {
  let first: Located<T> | undefined;
  for (const m of models) {
    const here = m[field] as Located<T> | undefined;
    if (!here) continue;
    if (!first) first = here;
    else if (here.value !== first.value) {
      const msg = `${field} ${JSON.stringify(here.value)} differs from ${field} ${JSON.stringify(first.value)} set at ${place(first)}: files of one desired state must agree`;
      m.report.report('E_CONFLICT', msg, here.path);
    }
  }
  return first;
}

export function mergeModels(models: readonly FileModel[], optOuts: ReadonlyMap<string, OptOutRead>, fraudsterFiles: ReadonlyMap<string, OptOutRead> = new Map()): DesiredState {
  const stack = agree<string>(models, 'stack');
  const region = agree<string>(models, 'region');
  const prune = agree<boolean>(models, 'prune');
  const byKey = new Map<string, DeclaredDomain>();
  const byAdopt = new Map<string, DeclaredDomain>();
  const domains: DesiredDomain[] = [];
  for (const m of models) {
    for (const d of m.domains) {
      const first = byKey.get(d.key);
      if (first) {
        m.report.report('E_DUPLICATE_DOMAIN', `domain key ${JSON.stringify(d.key)} is already defined at ${place(first.at)}`, d.at.path, 'key');
        continue;
      }
      byKey.set(d.key, d);
      const adopt = d.declared.domain.adopt;
      const adopter = adopt === undefined ? undefined : byAdopt.get(adopt);
      if (adopter) {
        m.report.report('E_DUPLICATE_ADOPT', `domain id ${adopt} is already adopted by domain ${JSON.stringify(adopter.key)} at ${place(adopter.at)}`, [...d.at.path, 'adopt']);
      } else if (adopt !== undefined) byAdopt.set(adopt, d);
      domains.push(withErasures(m, d, withMembers(m, d, withOptOuts(m, d, optOuts), fraudsterFiles), optOuts));
    }
  }
  return {
    version: FORMAT_VERSION,
    stack: stack?.value ?? DEFAULT_STACK,
    ...(region ? { region: region.value } : {}),
    prune: prune?.value ?? false,
    domains: domains.sort((a, b) => compareStrings(a.key, b.key)),
  };
}

function withOptOuts(m: FileModel, d: DeclaredDomain, optOuts: ReadonlyMap<string, OptOutRead>): DesiredDomain {
  const domain = { ...d.declared.domain, source: { file: d.at.file, line: d.at.line, col: d.at.col } };
  const filePath = [...d.at.path, 'optedOutSpeakersFile'];
  const read = d.optOutFile === undefined ? undefined : optOuts.get(refKey({ path: d.optOutFile, ...(m.root === undefined ? {} : { root: m.root }) }));
  if (read?.kind === 'error') {
    m.report.report(read.code, `cannot read optedOutSpeakersFile ${d.optOutFile ?? ''}: ${read.message}`, filePath);
  }
  const fromFile = read?.kind === 'ok' ? read.parsed : undefined;
  let ids = domain.optedOutSpeakers;
  if (fromFile) {
    for (const s of d.declared.inlineSpeakers) {
      const line = fromFile.lineOf(s.id);
      if (line !== undefined) {
        m.report.report('E_DUPLICATE_SPEAKER', `speaker id ${maskSpeakerId(s.id)} is also listed in ${d.optOutFile ?? ''} on line ${line}`, s.path);
      }
    }
    ids = ids.length === 0 ? fromFile.ids : [...new Set([...fromFile.ids, ...ids])].sort(compareStrings);
  }
  const quota = RESOURCE_QUOTAS.speakersPerDomain;
  if (ids.length > quota) {
    const where = fromFile ? filePath : [...d.at.path, 'optedOutSpeakers'];
    m.report.report('W_SPEAKER_QUOTA', `${ids.length} speakers to opt out: Voice ID's default quota is ${quota} speakers per domain, so OptOutSpeaker will fail beyond it`, where, 'value', 'warning');
  }
  const sources = [...(d.declared.inlineSpeakers.length > 0 ? [d.at.file] : []), ...(fromFile && fromFile.ids.length > 0 && d.optOutFile ? [d.optOutFile] : [])];
  return { ...domain, optedOutSpeakers: ids, ...(sources.length > 0 ? { optOutSources: sources } : {}) };
}

/**
 * PLAN.md §15: the erasedSpeakersFile joined to the inline erasedSpeakers (read and parsed as an opt-out file), then
 * R15.3: an id both erased and opted out is an error at the erased id's place (masked).
 */
function withErasures(m: FileModel, d: DeclaredDomain, domain: DesiredDomain, files: ReadonlyMap<string, OptOutRead>): DesiredDomain {
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
    m.diagnostics.push({ file: d.erasureFile!, line: fromFile!.lineOf(id) ?? 1, col: 1, severity: 'error', code: 'E_ERASED_AND_OPTED_OUT', message: conflict(id) });
  }
  if (ids.length === 0) return domain;
  const sources = [...(inline.length > 0 ? [d.at.file] : []), ...(fromFile && fromFile.ids.length > 0 && d.erasureFile ? [d.erasureFile] : [])];
  return { ...domain, erasedSpeakers: ids, erasureSources: sources };
}
