/**
 * Pure: what `export` read -> a format-1 desired state, its YAML text (src/config's writer) and the opt-out
 * files it references. The result is built so that `plan` on it shows no changes for managed domains (and only
 * the adoption for `adopt:` entries): every attribute is copied as Voice ID holds it, jobs are declared under
 * their existing JobName (run-once: never started again), and watchlists keep their descriptions.
 */
import { parseDocument } from 'yaml';
import { toYaml } from '../config/index.js';
import type {
  DesiredDomain, DesiredEnrollmentJob, DesiredFraudsterRegistrationJob, DesiredState,
} from '../model/desired.js';
import { DEFAULT_WATCHLIST_NAME, FORMAT_VERSION, OWNER_KEY_TAG, RESERVED_TAG_PREFIX } from '../model/desired.js';
import type { LiveEnrollmentJob, LiveFraudsterRegistrationJob } from '../model/live.js';
import type { ExportedDomain, ExportRead } from './export-read.js';
import { compareStrings } from '../model/collections.js';

/** Where opted-out speaker ids go: files next to the YAML, inline lists, or nowhere (a comment says so). */
export type OptOutPlacement = { readonly kind: 'files'; readonly dir: string } | { readonly kind: 'inline' } | { readonly kind: 'omit' };

export interface ExportInput {
  readonly stack: string;
  readonly region: string;
  readonly optOuts: OptOutPlacement;
  /** Comment lines for the top of the file (without `# `). */
  readonly header: readonly string[];
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

function desiredDomain(d: ExportedDomain, key: string, notes: string[]): DesiredDomain {
  const live = d.live;
  const tags: Record<string, string> = {};
  for (const k of Object.keys(live.tags).sort()) if (!k.startsWith(RESERVED_TAG_PREFIX)) tags[k] = live.tags[k]!;
  const watchlistNames = new Set([DEFAULT_WATCHLIST_NAME, ...d.watchlists.map((w) => w.name)]);
  const jobOk = (kind: string, j: LiveEnrollmentJob | LiveFraudsterRegistrationJob, watchlists: readonly string[] | undefined): boolean => {
    const why = !j.dataAccessRoleArn || !j.inputS3Uri || !j.outputS3Uri
      ? 'its definition could not be read'
      : (watchlists ?? []).some((w) => !watchlistNames.has(w)) ? 'it refers to a watchlist that no longer exists' : undefined;
    if (why) notes.push(`domain ${key}: ${kind} ${j.jobName} left out: ${why}`);
    return why === undefined;
  };
  if (d.unnamedJobs > 0) notes.push(`domain ${key}: ${d.unnamedJobs} job(s) without a JobName left out (YAML declares jobs by name)`);
  return {
    key,
    name: live.name,
    ...(live.description !== undefined ? { description: live.description } : {}),
    kmsKeyId: live.kmsKeyId,
    tags,
    optedOutSpeakers: d.optedOut,
    ...(d.managed ? {} : { adopt: live.domainId }),
    watchlists: d.watchlists.map((w) => ({ name: w.name, ...(w.description !== undefined ? { description: w.description } : {}) })),
    enrollmentJobs: d.enrollmentJobs.filter((j) => jobOk('enrollment job', j, j.fraudDetection?.watchlists)).map(enrollmentJob),
    fraudsterRegistrationJobs: d.fraudsterRegistrationJobs.filter((j) => jobOk('fraudster registration job', j, j.watchlists)).map(registrationJob),
  };
}

function jobBase(j: LiveEnrollmentJob | LiveFraudsterRegistrationJob) {
  return {
    jobName: j.jobName,
    dataAccessRoleArn: j.dataAccessRoleArn!,
    inputS3Uri: j.inputS3Uri!,
    outputS3Uri: j.outputS3Uri!,
    ...(j.outputKmsKeyId !== undefined ? { outputKmsKeyId: j.outputKmsKeyId } : {}),
  };
}

function enrollmentJob(j: LiveEnrollmentJob): DesiredEnrollmentJob {
  const fd = j.fraudDetection;
  return {
    ...jobBase(j),
    ...(j.existingEnrollmentAction !== undefined ? { existingEnrollmentAction: j.existingEnrollmentAction } : {}),
    ...(fd !== undefined
      ? { fraudDetection: { ...(fd.action !== undefined ? { action: fd.action } : {}), ...(fd.riskThreshold !== undefined ? { riskThreshold: fd.riskThreshold } : {}), ...(fd.watchlists ? { watchlists: fd.watchlists } : {}) } }
      : {}),
  };
}

function registrationJob(j: LiveFraudsterRegistrationJob): DesiredFraudsterRegistrationJob {
  return {
    ...jobBase(j),
    ...(j.duplicateRegistrationAction !== undefined ? { duplicateRegistrationAction: j.duplicateRegistrationAction } : {}),
    ...(j.fraudsterSimilarityThreshold !== undefined ? { fraudsterSimilarityThreshold: j.fraudsterSimilarityThreshold } : {}),
    ...(j.watchlists ? { watchlists: j.watchlists } : {}),
  };
}

