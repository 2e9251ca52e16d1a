/**
 * Which Voice ID domains exist that the plan must know about.
 *
 * - `tagging`: Resource Groups Tagging GetResources (`voiceid:domain`, tag `voiceid-gitops:stack=<stack>`) is
 *   the fast path, but AWS does not document Voice ID support there (voice-id-facts.md §3), so every result is
 *   verified with DescribeDomain (a stale index entry is dropped). When some desired domain has no managed
 *   match, ListDomains (names only) finds unmanaged ACTIVE domains of the same name for the plan's twin rule.
 * - `list`: ListDomains, plus ListTagsForResource for every ACTIVE or PENDING domain (SUSPENDED ones are soft
 *   deleted: kept with their status, tags not read).
 * - `auto`: tagging, falling back to list when the tagging API fails or finds nothing.
 * Adopted domains (`adopt:` ids) are described directly in every mode.
 */
import type { VoiceIdApi, TaggingApi, DomainShape } from '../aws/api.js';
import { compareBy } from '../model/collections.js';
import { isGitopsError } from '../model/errors.js';
import { OWNER_KEY_TAG, OWNER_STACK_TAG } from '../model/desired.js';
import type { DesiredState } from '../model/desired.js';
import type { LiveDomain } from '../model/live.js';
import { domainIdOfArn, liveDomainOf, tagsOf } from './map.js';
import { collect, tokenArg } from '../aws/paginate.js';

export type DiscoveryMode = 'auto' | 'tagging' | 'list';

export interface Discovery {
  readonly domains: readonly LiveDomain[];
  /** The mode that produced the result (`auto` resolves to one of the others). */
  readonly used: 'tagging' | 'list';
}

export async function discoverDomains(voiceId: VoiceIdApi, tagging: TaggingApi, desired: DesiredState, mode: DiscoveryMode): Promise<Discovery> {
  let found: Map<string, LiveDomain> | undefined;
  if (mode !== 'list') {
    try {
      found = await viaTagging(voiceId, tagging, desired.stack);
    } catch (e) {
      if (mode === 'tagging') throw e;
    }
    if (mode === 'auto' && found?.size === 0) found = undefined;
  }
  const used = found ? 'tagging' : 'list';
  const domains = found ?? (await viaList(voiceId));
  await addAdopted(voiceId, desired, domains);
  if (used === 'tagging') await addTwins(voiceId, desired, domains);
  return { used, domains: [...domains.values()].sort(compareBy((d) => d.domainId)) };
}

async function viaTagging(voiceId: VoiceIdApi, tagging: TaggingApi, stack: string): Promise<Map<string, LiveDomain>> {
  const mappings: { arn: string; tags: Record<string, string> }[] = [];
  let token: string | undefined;
  do {
    const page = await tagging.getResources({
      ResourceTypeFilters: ['voiceid:domain'],
      TagFilters: [{ Key: OWNER_STACK_TAG, Values: [stack] }],
      ...(token ? { PaginationToken: token } : {}),
    });
    for (const m of page.ResourceTagMappingList ?? []) if (m.ResourceARN) mappings.push({ arn: m.ResourceARN, tags: tagsOf(m.Tags) });
    token = page.PaginationToken || undefined;
  } while (token);
  const out = new Map<string, LiveDomain>();
  await Promise.all(mappings.map(async ({ arn, tags }) => {
    const id = domainIdOfArn(arn);
    const domain = id ? await describeOrUndefined(voiceId, id) : undefined;
    if (domain?.DomainId) out.set(domain.DomainId, liveDomainOf(domain, tags));
  }));
  return out;
}

async function viaList(voiceId: VoiceIdApi): Promise<Map<string, LiveDomain>> {
  const summaries = await listAllDomains(voiceId);
  const out = new Map<string, LiveDomain>();
  await Promise.all(summaries.map(async (d) => {
    if (!d.DomainId) return;
    const tags = d.DomainStatus === 'SUSPENDED' ? {} : await tagsOrEmpty(voiceId, d.Arn);
    out.set(d.DomainId, liveDomainOf(d, tags));
  }));
  return out;
}

async function addAdopted(voiceId: VoiceIdApi, desired: DesiredState, into: Map<string, LiveDomain>): Promise<void> {
  const ids = desired.domains.map((d) => d.adopt).filter((id): id is string => id !== undefined && !into.has(id));
  await Promise.all([...new Set(ids)].map(async (id) => {
    const d = await describeOrUndefined(voiceId, id);
    if (!d?.DomainId) return;
    const tags = d.DomainStatus === 'SUSPENDED' ? {} : await tagsOrEmpty(voiceId, d.Arn);
    into.set(d.DomainId, liveDomainOf(d, tags));
  }));
}

/**
 * The twin-name rule needs unmanaged ACTIVE domains named like a desired domain that has no managed match; the
 * ClientToken of its create needs the SUSPENDED ones of that name (a re-create must not replay the deleted domain's
 * creation). SUSPENDED domains are kept with their status, tags not read (as in `list` mode).
 */
async function addTwins(voiceId: VoiceIdApi, desired: DesiredState, into: Map<string, LiveDomain>): Promise<void> {
  const live = [...into.values()];
  const unmatched = desired.domains.filter((d) => !d.adopt && !live.some((l) => l.status !== 'SUSPENDED' && isManagedBy(l, desired.stack, d.key)));
  if (unmatched.length === 0) return;
  const names = new Set(unmatched.map((d) => d.name));
  const twins = (await listAllDomains(voiceId)).filter((d) => d.DomainId && (d.DomainStatus === 'ACTIVE' || d.DomainStatus === 'SUSPENDED') && names.has(d.Name ?? '') && !into.has(d.DomainId));
  await Promise.all(twins.map(async (d) => into.set(d.DomainId!, liveDomainOf(d, d.DomainStatus === 'SUSPENDED' ? {} : await tagsOrEmpty(voiceId, d.Arn)))));
}

export function isManagedBy(d: LiveDomain, stack: string, key?: string): boolean {
  return d.tags[OWNER_STACK_TAG] === stack && (key === undefined || d.tags[OWNER_KEY_TAG] === key);
}

function listAllDomains(voiceId: VoiceIdApi): Promise<DomainShape[]> {
  // ListDomains allows at most 10 per page (model range 1..10).
  return collect((t) => voiceId.listDomains({ MaxResults: 10, ...tokenArg(t) }), (p) => p.DomainSummaries);
}

async function describeOrUndefined(voiceId: VoiceIdApi, domainId: string): Promise<DomainShape | undefined> {
  try {
    return (await voiceId.describeDomain({ DomainId: domainId })).Domain;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

async function tagsOrEmpty(voiceId: VoiceIdApi, arn: string | undefined): Promise<Record<string, string>> {
  if (!arn) return {};
  try {
    return tagsOf((await voiceId.listTagsForResource({ ResourceArn: arn })).Tags);
  } catch (e) {
    if (isNotFound(e)) return {};
    throw e;
  }
}

export function isNotFound(e: unknown): boolean {
  return isGitopsError(e) && e.code === 'AWS_NOT_FOUND';
}
