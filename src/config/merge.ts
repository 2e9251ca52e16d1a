/**
 * Several files -> one desired state: `stack`, `region` and `prune` must agree where given, a domain key and
 * an adopted domain id may appear once, and each domain's opt-out file is joined to its inline list (an id in
 * both is a duplicate), as is each watchlist's fraudstersFile (merge-members.ts) and the erasedSpeakersFile
 * (merge-erasures.ts). Problems are reported at the later place, naming the earlier one.
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
import { checkDeletedMembers, withErasures } from './merge-erasures.js';

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
      domains.push(checkDeletedMembers(m, d, withErasures(m, d, withMembers(m, d, withOptOuts(m, d, optOuts), fraudsterFiles), optOuts)));
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

