/**
 * Speaker counts of the domains a plan will delete (issue 9: "domains deleted, with their speaker counts when
 * known"). A reviewer weighs a delete by what it destroys, but counting a domain of 100,000 speakers costs 1,000
 * ListSpeakers pages (200 s at the 5 TPS quota), so at most COUNT_PAGES pages are read per domain: an exact count
 * for a small domain, "more than N" for a larger one. The calls go through the paced API like every other read.
 */
import type { VoiceIdApi } from '../aws/api.js';
import { tokenArg } from '../aws/paginate.js';
import { OWNER_KEY_TAG, OWNER_STACK_TAG, PROTECT_TAG } from '../model/desired.js';
import type { DesiredState } from '../model/desired.js';
import type { LiveDomain, SpeakerCount } from '../model/live.js';

/** ListSpeakers pages read per domain to delete, 100 speakers each: exact up to 200. */
export const COUNT_PAGES = 2;
const PAGE_SIZE = 100;

export async function countSpeakers(voiceId: VoiceIdApi, domainId: string, maxPages = COUNT_PAGES): Promise<SpeakerCount> {
  let listed = 0;
  let token: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const answer = await voiceId.listSpeakers({ DomainId: domainId, MaxResults: PAGE_SIZE, ...tokenArg(token) });
    listed += answer.SpeakerSummaries?.length ?? 0;
    token = answer.NextToken || undefined;
    if (token === undefined) return { listed, complete: true };
  }
  return { listed, complete: false };
}

/**
 * The live domains a plan of `desired` deletes (PLAN.md R8.2, R12.2): prune is on, the domain is ACTIVE, carries
 * this stack's ownership tags under a key no declared domain has, is the only one with that key (two are an
 * E_DUPLICATE_OWNERSHIP error, not a delete) and is not protected: the orphans of src/plan/identity.ts.
 */
export function domainsToDelete(desired: DesiredState, domains: readonly LiveDomain[]): LiveDomain[] {
  if (!desired.prune) return [];
  const declared = new Set(desired.domains.map((d) => d.key));
  const mine = domains.filter((l) => l.status !== 'SUSPENDED' && l.tags[OWNER_STACK_TAG] === desired.stack && l.tags[OWNER_KEY_TAG] !== undefined);
  const perKey = new Map<string, number>();
  for (const l of mine) perKey.set(l.tags[OWNER_KEY_TAG]!, (perKey.get(l.tags[OWNER_KEY_TAG]!) ?? 0) + 1);
  return mine.filter((l) => {
    const key = l.tags[OWNER_KEY_TAG]!;
    return l.status === 'ACTIVE' && !declared.has(key) && perKey.get(key) === 1 && !Object.hasOwn(l.tags, PROTECT_TAG);
  });
}
