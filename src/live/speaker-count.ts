/**
 * Speaker counts of the domains a plan will delete (issue 9: "domains deleted, with their speaker counts when
 * known"). A reviewer weighs a delete by what it destroys, but counting a domain of 100,000 speakers costs 1,000
 * ListSpeakers pages (200 s at the 5 TPS quota), so at most COUNT_PAGES pages are read per domain: an exact count
 * for a small domain, "more than N" for a larger one. The calls go through the paced API like every other read.
 */
import type { VoiceIdApi } from '../aws/api.js';
import { pages, tokenArg } from '../aws/paginate.js';
import type { DesiredState } from '../model/desired.js';
import { isProtected, orphanDomains, stackDomains } from '../model/ownership.js';
import type { LiveDomain, SpeakerCount } from '../model/live.js';

/** ListSpeakers pages read per domain to delete, 100 speakers each: exact up to 200. */
export const COUNT_PAGES = 2;
const PAGE_SIZE = 100;

export async function countSpeakers(voiceId: VoiceIdApi, domainId: string, maxPages = COUNT_PAGES): Promise<SpeakerCount> {
  let listed = 0;
  let read = 0;
  for await (const page of pages((t) => voiceId.listSpeakers({ DomainId: domainId, MaxResults: PAGE_SIZE, ...tokenArg(t) }))) {
    listed += page.SpeakerSummaries?.length ?? 0;
    if (!page.NextToken) return { listed, complete: true };
    // Leaving the loop here stops the pages: the next one is never asked for.
    if (++read >= maxPages) break;
  }
  return { listed, complete: false };
}

/**
 * The live domains a plan of `desired` deletes (PLAN.md R8.2, R12.2): prune is on, and the domain is one of the
 * stack's orphans (src/model/ownership.ts, the rule src/plan/identity.ts plans from), ACTIVE and not protected.
 */
export function domainsToDelete(desired: DesiredState, domains: readonly LiveDomain[]): LiveDomain[] {
  if (!desired.prune) return [];
  const orphans = orphanDomains(stackDomains(domains, desired.stack), new Set(desired.domains.map((d) => d.key)));
  return orphans.map((o) => o.live).filter((l) => l.status === 'ACTIVE' && !isProtected(l));
}
