/**
 * What `export` reads: whole domains, not what a desired state names. The live reader (src/live) reads only the
 * speakers a desired state lists and describes only declared jobs; a backup needs EVERY opted-out speaker and
 * the definition of every named job, so this module lists them through the same paced VoiceIdApi.
 *
 * Which domains: the ACTIVE domains managed by the stack (discovered like `plan` does), or with
 * `includeUnmanaged` every ACTIVE domain that is this stack's or nobody's (ListDomains). Domains owned by
 * another stack are never exported as adoptable: adopting them would take them from that stack.
 */
import type { AwsApis, VoiceIdApi } from '../aws/index.js';
import { discoverDomains, isManagedBy, type DiscoveryMode } from '../live/index.js';
import { FORMAT_VERSION, OWNER_KEY_TAG, OWNER_STACK_TAG } from '../model/desired.js';
import type { LiveDomain } from '../model/live.js';
import { readInRegistryOrder } from '../kinds/registry.js';
import type { ExportedDomain } from '../kinds/types.js';

export interface ExportReadOptions {
  readonly stack: string;
  readonly includeUnmanaged: boolean;
  readonly discovery: DiscoveryMode;
}

/** What export read of one domain: defined with the kinds, each of which writes its part of the YAML from it. */
export type { ExportedDomain } from '../kinds/types.js';

export interface ExportRead {
  readonly domains: readonly ExportedDomain[];
  /** Human notes about domains left out (other stacks, incomplete ownership, not ACTIVE). */
  readonly skipped: readonly string[];
}

export async function readForExport(apis: AwsApis, options: ExportReadOptions): Promise<ExportRead> {
  const nothingDeclared = { version: FORMAT_VERSION, stack: options.stack, prune: false, domains: [] };
  // Unmanaged domains carry no stack tag, so only a full ListDomains finds them.
  const mode = options.includeUnmanaged ? 'list' : options.discovery;
  const found = await discoverDomains(apis.voiceId, apis.tagging, nothingDeclared, mode);
  const skipped: string[] = [];
  const chosen: { live: LiveDomain; managed: boolean }[] = [];
  for (const live of found.domains) {
    const verdict = selection(live, options);
    if (verdict.kind === 'take') chosen.push({ live, managed: verdict.managed });
    else if (verdict.kind === 'skip' && verdict.why) skipped.push(`${live.domainId}: ${verdict.why}`);
  }
  const domains = await Promise.all(chosen.map((c) => readDomain(apis.voiceId, c.live, c.managed)));
  return { domains, skipped };
}

type Verdict = { readonly kind: 'take'; readonly managed: boolean } | { readonly kind: 'skip'; readonly why?: string };

function selection(live: LiveDomain, options: ExportReadOptions): Verdict {
  const stackTag = live.tags[OWNER_STACK_TAG];
  const ours = isManagedBy(live, options.stack);
  if (live.status !== 'ACTIVE') {
    return ours || options.includeUnmanaged ? { kind: 'skip', why: `${live.status} (only ACTIVE domains are exported)` } : { kind: 'skip' };
  }
  if (ours && live.tags[OWNER_KEY_TAG] === undefined) return { kind: 'skip', why: `has the ${OWNER_STACK_TAG} tag but no ${OWNER_KEY_TAG} tag` };
  if (ours) return { kind: 'take', managed: true };
  if (!options.includeUnmanaged) return { kind: 'skip' };
  if (stackTag !== undefined) return { kind: 'skip', why: `managed by stack ${stackTag}` };
  return { kind: 'take', managed: false };
}

/** Each kind reads its part of the whole domain (its `read.whole`), in registry order. */
async function readDomain(voiceId: VoiceIdApi, live: LiveDomain, managed: boolean): Promise<ExportedDomain> {
  const parts = await readInRegistryOrder<Partial<ExportedDomain>>((m, earlier) => m.read?.whole?.({ api: voiceId, live, earlier }));
  const nothing = { watchlists: [], members: {}, optedOut: [], enrollmentJobs: [], fraudsterRegistrationJobs: [], unnamedJobs: 0 };
  // The job kinds each count their own jobs without a JobName.
  return parts.reduce<ExportedDomain>((all, p) => ({ ...all, ...p, unnamedJobs: all.unnamedJobs + (p.unnamedJobs ?? 0) }), { live, managed, ...nothing });
}
