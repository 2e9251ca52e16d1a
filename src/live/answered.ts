/**
 * A6.3: the live state after an apply, from the live state the plan was made from and the answers of apply's calls
 * (src/aws/answers.ts): a domain as its last answer shows it, each opted-out speaker as OptOutSpeaker answered, watchlists
 * and jobs as their create, update, delete and start calls answered. The one thing no answer covers is read again:
 * the tags of a domain whose tags a call changed or created (ListTagsForResource, one call per such domain). The CLI
 * re-plans the same desired state against this state; what still differs is reported.
 */
import type { FraudsterRegistrationJobShape, SpeakerEnrollmentJobShape, VoiceIdApi, WatchlistShape } from '../aws/api.js';
import { DEFAULT_WATCHLIST_NAME } from '../model/desired.js';
import type { LiveDomain, LiveDomainDetails, LiveState, LiveWatchlist } from '../model/live.js';
import { compareStrings as cmp, dropUndefined as compact } from '../model/collections.js';
import { enrollmentJobOf, liveDomainOf, registrationJobOf, tagsOf } from './map.js';
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
    // Created in this run: its default watchlist is in the CreateDomain answer, the rest in the answers.
    const fresh = liveDomainOf(a.domain, tags.get(id) ?? {});
    const defaultWatchlist: LiveWatchlist[] = fresh.defaultWatchlistId ? [{ watchlistId: fresh.defaultWatchlistId, name: DEFAULT_WATCHLIST_NAME, isDefault: true }] : [];
    const empty: LiveDomainDetails = { speakers: {}, watchlists: defaultWatchlist, enrollmentJobs: [], fraudsterRegistrationJobs: [] };
    domains.push(patchDomain({ ...fresh, details: empty }, a, tags.get(id)));
  }
  return { ...before, domains: domains.sort((x, y) => cmp(x.domainId, y.domainId)) };
}

function patchDomain(d: LiveDomain, a: DomainAnswers, tags: Record<string, string> | undefined): LiveDomain {
  const base = a.domain ? { ...liveDomainOf(a.domain, tags ?? d.tags), ...(d.details ? { details: d.details } : {}) } : { ...d, ...(tags ? { tags } : {}) };
  const status = a.deleted ? { status: 'SUSPENDED' as const } : {};
  return { ...base, ...status, ...(base.details ? { details: patchDetails(base.details, a, base.defaultWatchlistId) } : {}) };
}

function patchDetails(details: LiveDomainDetails, a: DomainAnswers, defaultId: string | undefined): LiveDomainDetails {
  const speakers = a.speakers.size === 0 ? details.speakers : { ...details.speakers, ...Object.fromEntries(a.speakers) };
  const watchlists = patchWatchlists(details.watchlists, a.watchlists);
  if (a.jobs.size === 0) return { ...details, speakers, watchlists };
  const byId = new Map(watchlists.map((w) => [w.watchlistId, w.isDefault ? DEFAULT_WATCHLIST_NAME : w.name]));
  if (defaultId) byId.set(defaultId, DEFAULT_WATCHLIST_NAME);
  const names = (ids: readonly string[] | undefined): string[] | undefined => ids?.map((id) => byId.get(id) ?? id);
  const enrollment = [...details.enrollmentJobs];
  const registration = [...details.fraudsterRegistrationJobs];
  for (const { kind, job } of a.jobs.values()) {
    if (kind === 'enrollment') upsert(enrollment, enrollmentJobOf(job, job as SpeakerEnrollmentJobShape, names));
    else upsert(registration, registrationJobOf(job, job as FraudsterRegistrationJobShape, names));
  }
  const order = (x: { jobName: string; createdAt?: string }, y: { jobName: string; createdAt?: string }): number =>
    cmp(x.jobName, y.jobName) || cmp(x.createdAt ?? '', y.createdAt ?? '');
  return { speakers, watchlists, enrollmentJobs: enrollment.sort(order), fraudsterRegistrationJobs: registration.sort(order) };
}

function patchWatchlists(live: readonly LiveWatchlist[], answered: ReadonlyMap<string, WatchlistShape | null>): LiveWatchlist[] {
  if (answered.size === 0) return [...live];
  const out = new Map(live.map((w) => [w.watchlistId, w]));
  for (const [id, w] of answered) {
    if (w === null) out.delete(id);
    else out.set(id, compact({ watchlistId: id, name: w.Name ?? '', description: w.Description, isDefault: w.DefaultWatchlist === true, hasFraudsters: out.get(id)?.hasFraudsters }));
  }
  return [...out.values()].sort((x, y) => cmp(x.name, y.name) || cmp(x.watchlistId, y.watchlistId));
}

function upsert<T extends { readonly jobId: string }>(list: T[], job: T): void {
  const i = list.findIndex((j) => j.jobId === job.jobId);
  if (i >= 0) list[i] = job;
  else list.push(job);
}
