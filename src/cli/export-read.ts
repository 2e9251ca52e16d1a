/**
 * What `export` reads: whole domains, not what a desired state names. The live reader (src/live) reads only the
 * speakers a desired state lists and describes only declared jobs; a backup needs EVERY opted-out speaker and
 * the definition of every named job, so this module lists them through the same paced VoiceIdApi.
 *
 * Which domains: the ACTIVE domains managed by the stack (discovered like `plan` does), or with
 * `includeUnmanaged` every ACTIVE domain that is this stack's or nobody's (ListDomains). Domains owned by
 * another stack are never exported as adoptable: adopting them would take them from that stack.
 */
import type { AwsApis, JobSummaryShape, VoiceIdApi } from '../aws/index.js';
import { collect, tokenArg } from '../aws/index.js';
import { discoverDomains, enrollmentJobOf, isManagedBy, registrationJobOf, type DiscoveryMode } from '../live/index.js';
import { DEFAULT_WATCHLIST_NAME, FORMAT_VERSION, OWNER_KEY_TAG, OWNER_STACK_TAG } from '../model/desired.js';
import type { LiveDomain, LiveWatchlist } from '../model/live.js';
import { compareStrings } from '../model/collections.js';
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

async function readDomain(voiceId: VoiceIdApi, live: LiveDomain, managed: boolean): Promise<ExportedDomain> {
  const DomainId = live.domainId;
  const [watchlists, speakers, enrollments, registrations, fraudsters] = await Promise.all([
    collect((t) => voiceId.listWatchlists({ DomainId, MaxResults: 100, ...tokenArg(t) }), (p) => p.WatchlistSummaries),
    collect((t) => voiceId.listSpeakers({ DomainId, MaxResults: 100, ...tokenArg(t) }), (p) => p.SpeakerSummaries),
    collect((t) => voiceId.listSpeakerEnrollmentJobs({ DomainId, MaxResults: 100, ...tokenArg(t) }), (p) => p.JobSummaries),
    collect((t) => voiceId.listFraudsterRegistrationJobs({ DomainId, MaxResults: 100, ...tokenArg(t) }), (p) => p.JobSummaries),
    // Every fraudster of the domain with all its watchlists: one listing instead of one per watchlist.
    collect((t) => voiceId.listFraudsters({ DomainId, MaxResults: 100, ...tokenArg(t) }), (p) => p.FraudsterSummaries),
  ]);
  const names = new Map<string, string>();
  for (const w of watchlists) if (w.WatchlistId) names.set(w.WatchlistId, isDefault(w, live) ? DEFAULT_WATCHLIST_NAME : w.Name ?? w.WatchlistId);
  const namer = (ids: readonly string[] | undefined): string[] | undefined => ids?.map((id) => names.get(id) ?? id);
  const [enrollmentJobs, fraudsterRegistrationJobs] = await Promise.all([
    Promise.all(latestByName(enrollments).map(async (s) =>
      enrollmentJobOf(s, (await voiceId.describeSpeakerEnrollmentJob({ DomainId, JobId: s.JobId! })).Job, namer))),
    Promise.all(latestByName(registrations).map(async (s) =>
      registrationJobOf(s, (await voiceId.describeFraudsterRegistrationJob({ DomainId, JobId: s.JobId! })).Job, namer))),
  ]);
  const custom = watchlists
    .filter((w) => w.WatchlistId !== undefined && !isDefault(w, live))
    .map((w): LiveWatchlist => ({ watchlistId: w.WatchlistId!, name: w.Name ?? '', isDefault: false, ...(w.Description ? { description: w.Description } : {}) }))
    .sort((a, b) => compareStrings(a.name, b.name));
  const optedOut = speakers.filter((s) => s.Status === 'OPTED_OUT' && s.CustomerSpeakerId).map((s) => s.CustomerSpeakerId!);
  const members: Record<string, string[]> = {};
  for (const f of fraudsters) {
    for (const id of f.WatchlistIds ?? []) {
      const name = names.get(id);
      if (name !== undefined && f.GeneratedFraudsterId) (members[name] ??= []).push(f.GeneratedFraudsterId);
    }
  }
  for (const list of Object.values(members)) list.sort(compareStrings);
  return {
    live,
    managed,
    watchlists: custom,
    members,
    optedOut: [...new Set(optedOut)].sort(compareStrings),
    enrollmentJobs,
    fraudsterRegistrationJobs,
    unnamedJobs: [...enrollments, ...registrations].filter((j) => !j.JobName).length,
  };
}

function isDefault(w: { readonly DefaultWatchlist?: boolean; readonly WatchlistId?: string }, live: LiveDomain): boolean {
  return w.DefaultWatchlist === true || (w.WatchlistId !== undefined && w.WatchlistId === live.defaultWatchlistId);
}

/** PLAN.md R7.1 compares a declared job with the latest live job of that name, so that is the one to export. */
function latestByName(summaries: readonly JobSummaryShape[]): JobSummaryShape[] {
  const latest = new Map<string, JobSummaryShape>();
  for (const s of summaries) {
    if (!s.JobName || !s.JobId) continue;
    const seen = latest.get(s.JobName);
    if (!seen || (s.CreatedAt?.getTime() ?? 0) >= (seen.CreatedAt?.getTime() ?? 0)) latest.set(s.JobName, s);
  }
  return [...latest.keys()].sort(compareStrings).map((k) => latest.get(k)!);
}

