/**
 * Pure: what `export` read -> a format-1 desired state, its YAML text (src/config's writer) and the opt-out
 * files it references. The result is built so that `plan` on it shows no changes for managed domains (and only
 * the adoption for `adopt:` entries): every attribute is copied as Voice ID holds it, jobs are declared under
 * their existing JobName (run-once: never started again), and watchlists keep their descriptions.
 */
import { parseDocument } from 'yaml';
import { toYaml } from '../config/index.js';
import type { DesiredDomain, DesiredState } from '../model/desired.js';
import { FORMAT_VERSION, OWNER_KEY_TAG } from '../model/desired.js';
import { KIND_ORDER, KINDS } from '../kinds/registry.js';
import type { ExportedDomain, ExportRead } from './export-read.js';
import { compareStrings } from '../model/collections.js';
import { placeMemberFiles } from './export-members.js';

/** Where opted-out speaker ids go: files next to the YAML, inline lists, or nowhere (a comment says so). */
export type OptOutPlacement = { readonly kind: 'files'; readonly dir: string } | { readonly kind: 'inline' } | { readonly kind: 'omit' };

export interface ExportInput {
  readonly stack: string;
  readonly region: string;
  readonly optOuts: OptOutPlacement;
  /** Comment lines for the top of the file (without `# `). */
  readonly header: readonly string[];
  /** Where long watchlist member lists go (files beside the YAML); absent: inline. */
  readonly fraudsterDir?: string;
}

export interface OptOutFileOut {
  /** Relative to the YAML file, `/`-separated (as written in `optedOutSpeakersFile`). */
  readonly path: string;
  readonly text: string;
  readonly count: number;
}

export interface ExportDocument {
  readonly state: DesiredState;
  readonly yaml: string;
  /** Every file the YAML references (opt-out files, then fraudstersFiles): written before the YAML. */
  readonly optOutFiles: readonly OptOutFileOut[];
  readonly notes: readonly string[];
}

export function buildExport(read: ExportRead, input: ExportInput): ExportDocument {
  const notes: string[] = [];
  const keys = assignKeys(read.domains);
  for (const d of read.domains) {
    if (!keys.has(d.live.domainId)) notes.push(`skipped ${d.live.domainId}: another domain of this stack carries the same key ${d.live.tags[OWNER_KEY_TAG]} (plan reports E_DUPLICATE_OWNERSHIP)`);
    else if (d.live.encryptionUpdate?.status === 'FAILED') notes.push(`domain ${keys.get(d.live.domainId)}: its last KMS re-encryption FAILED, so plan proposes re-applying the key`);
  }
  const domains = read.domains
    .filter((d) => keys.has(d.live.domainId))
    .map((d) => desiredDomain(d, keys.get(d.live.domainId)!, notes))
    .sort((a, b) => compareStrings(a.key, b.key));
  const state: DesiredState = { version: FORMAT_VERSION, stack: input.stack, region: input.region, prune: false, domains };
  const optOutIds = new Map(domains.map((d) => [d.key, d.optedOutSpeakers] as const));
  const written = input.optOuts.kind === 'inline' ? state : { ...state, domains: domains.map((d) => ({ ...d, optedOutSpeakers: [] })) };
  const doc = parseDocument(toYaml(written));
  const optOutFiles: OptOutFileOut[] = [];
  for (const [key, ids] of optOutIds) {
    if (ids.length === 0 || input.optOuts.kind === 'inline') continue;
    if (input.optOuts.kind === 'omit') {
      notes.push(`domain ${key}: ${ids.length} opted-out speaker id(s) left out (personal data; use --out FILE or --show-sensitive)`);
      const node = doc.getIn(['domains', key], true) as { comment?: string | null } | undefined;
      if (node) node.comment = ` ${ids.length} opted-out speaker id(s) not shown: export with --out FILE to keep them`;
      continue;
    }
    const path = `${input.optOuts.dir}/${key}.txt`;
    doc.setIn(['domains', key, 'optedOutSpeakersFile'], path);
    optOutFiles.push({ path, count: ids.length, text: optOutText(key, ids) });
  }
  optOutFiles.push(...placeMemberFiles(doc, domains, input.fraudsterDir));
  const header = input.header.map((l) => `# ${l}\n`).join('');
  return { state, yaml: header + doc.toString({ lineWidth: 0, indentSeq: true }), optOutFiles, notes: [...read.skipped.map((s) => `skipped ${s}`), ...notes] };
}

function optOutText(key: string, ids: readonly string[]): string {
  return `# Opted-out customer speaker ids of domain ${key} (personal data: keep this file private)\n${ids.join('\n')}\n`;
}

/**
 * Keys: the ownership tag for managed domains; otherwise the domain name (Voice ID names already match the key
 * pattern), with `-2`, `-3`... when names repeat (names are not unique in Voice ID). A managed domain whose key
 * another managed domain already holds gets none: any other key would make plan create a twin.
 */
export function assignKeys(domains: readonly ExportedDomain[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const d of [...domains].sort((a, b) => compareStrings(a.live.domainId, b.live.domainId))) {
    const key = d.managed ? d.live.tags[OWNER_KEY_TAG] : undefined;
    if (key !== undefined && !used.has(key)) {
      out.set(d.live.domainId, key);
      used.add(key);
    }
  }
  const rest = domains.filter((d) => !d.managed).sort((a, b) => compareStrings(a.live.name, b.live.name) || compareStrings(a.live.domainId, b.live.domainId));
  for (const d of rest) {
    const base = sanitizeKey(d.live.name);
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
    out.set(d.live.domainId, key);
    used.add(key);
  }
  return out;
}

export function sanitizeKey(name: string): string {
  const cleaned = name.replace(/[^a-zA-Z0-9_-]/g, '-').replace(/^[^a-zA-Z0-9]+/, '').slice(0, 200);
  return cleaned === '' ? 'domain' : cleaned;
}

/** Every kind's module writes its members from what export read (src/kinds registry order). */
function desiredDomain(d: ExportedDomain, key: string, notes: string[]): DesiredDomain {
  if (d.unnamedJobs > 0) notes.push(`domain ${key}: ${d.unnamedJobs} job(s) without a JobName left out (YAML declares jobs by name)`);
  const ctx = { key, notes };
  const parts = KIND_ORDER.map((kind) => KINDS[kind].export(d, ctx));
  const domain = Object.assign({ key }, ...parts) as DesiredDomain;
  // Each member is some module's: one no module wrote is an engine bug, refused rather than exported half.
  const missing = REQUIRED_MEMBERS.filter((m) => domain[m] === undefined);
  if (missing.length > 0) throw new Error(`INTERNAL: no resource kind exports ${missing.join(', ')}`);
  return domain;
}

const REQUIRED_MEMBERS = ['name', 'kmsKeyId', 'tags', 'optedOutSpeakers', 'watchlists', 'enrollmentJobs', 'fraudsterRegistrationJobs'] as const satisfies readonly (keyof DesiredDomain)[];
