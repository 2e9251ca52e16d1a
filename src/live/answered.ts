/**
 * A6.3: the live state after an apply, from the live state the plan was made from and the answers of apply's calls
 * (src/aws/answers.ts): a domain as its last answer shows it, and the inside of each domain as each kind's module
 * folds the answers of its calls (its `read.answered`, in registry order: jobs name the watchlists folded before
 * them). The one thing no answer covers is read again: the tags of a domain whose tags a call changed or created
 * (ListTagsForResource, one call per such domain). The CLI re-plans the same desired state against this state;
 * what still differs is reported.
 */
import type { VoiceIdApi } from '../aws/api.js';
import type { LiveDomain, LiveDomainDetails, LiveState } from '../model/live.js';
import { compareStrings as cmp } from '../model/collections.js';
import { KIND_ORDER, kindModule } from '../kinds/registry.js';
import { liveDomainOf, tagsOf } from './map.js';
import type { Answers, DomainAnswers } from '../aws/index.js';

export async function answeredLive(before: LiveState, answers: Answers, api: VoiceIdApi): Promise<LiveState> {
  const tags = new Map<string, Record<string, string>>();
  await Promise.all([...answers.domains].map(async ([id, a]) => {
    if (a.tagsChanged && !a.deleted) tags.set(id, tagsOf((await api.listTagsForResource({ ResourceArn: a.tagsChanged })).Tags));
  }));
  const known = new Set(before.domains.map((d) => d.domainId));
  const domains = before.domains.map((d) => {
    const a = answers.domains.get(d.domainId);
    return a ? patchDomain(d, a, tags.get(d.domainId)) : d;
  });
  for (const [id, a] of answers.domains) {
    if (known.has(id) || !a.domain) continue;
    // Created in this run: each kind says what a new domain holds, the rest is in the answers.
    const fresh = liveDomainOf(a.domain, tags.get(id) ?? {});
    domains.push(patchDomain({ ...fresh, details: foldKinds((read) => read.created(fresh)) }, a, tags.get(id)));
  }
  return { ...before, domains: domains.sort((x, y) => cmp(x.domainId, y.domainId)) };
}

function patchDomain(d: LiveDomain, a: DomainAnswers, tags: Record<string, string> | undefined): LiveDomain {
  const base = a.domain ? { ...liveDomainOf(a.domain, tags ?? d.tags), ...(d.details ? { details: d.details } : {}) } : { ...d, ...(tags ? { tags } : {}) };
  const status = a.deleted ? { status: 'SUSPENDED' as const } : {};
  const details = base.details;
  return { ...base, ...status, ...(details ? { details: foldKinds((read, current) => read.answered(current, a, base), details) } : {}) };
}

type KindReadPart = NonNullable<ReturnType<typeof kindModule>['read']>;

/** Each kind's members in registry order, each kind seeing those folded before it. */
function foldKinds(part: (read: KindReadPart, current: LiveDomainDetails) => Partial<LiveDomainDetails>, start?: LiveDomainDetails): LiveDomainDetails {
  let current = (start ?? {}) as LiveDomainDetails;
  for (const kind of KIND_ORDER) {
    const read = kindModule(kind).read;
    if (read) current = { ...current, ...part(read, current) };
  }
  return current;
}
