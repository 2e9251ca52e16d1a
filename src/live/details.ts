/**
 * The inside of a domain the desired state manages or adopts: opted-out speakers (speakers.ts), watchlists,
 * and the run-once jobs. Jobs whose JobName is desired are described in full so the plan can compare their
 * definitions; their watchlist ids are mapped back to names (`default` for the default watchlist).
 */
import type { JobSummaryShape, VoiceIdApi } from '../aws/api.js';
import { DEFAULT_WATCHLIST_NAME } from '../model/desired.js';
import type { DesiredDomain } from '../model/desired.js';
import type { LiveDomain, LiveDomainDetails, LiveWatchlist } from '../model/live.js';
import { compareStrings, dropUndefined } from '../model/collections.js';
import { enrollmentJobOf, registrationJobOf } from './map.js';
import { collect, tokenArg } from '../aws/paginate.js';
import { readSpeakers } from './speakers.js';
import type { SpeakerReadOptions } from './speakers.js';

/** `speakerIds`: the declared opt-out ids to read (all of them, or the untrusted ones: PLAN.md R12.4). */
export async function readDetails(voiceId: VoiceIdApi, live: LiveDomain, desired: DesiredDomain, speakerIds: readonly string[], speakers: SpeakerReadOptions): Promise<LiveDomainDetails> {
  const domainId = live.domainId;
  const [speakerStatus, watchlists, enrollmentSummaries, registrationSummaries] = await Promise.all([
    readSpeakers(voiceId, domainId, speakerIds, speakers),
    readWatchlists(voiceId, live, desired),
    collect((t) => voiceId.listSpeakerEnrollmentJobs({ DomainId: domainId, MaxResults: 100, ...tokenArg(t) }), (p) => p.JobSummaries),
    collect((t) => voiceId.listFraudsterRegistrationJobs({ DomainId: domainId, MaxResults: 100, ...tokenArg(t) }), (p) => p.JobSummaries),
  ]);
  const names = watchlistNamer(watchlists, live.defaultWatchlistId);
  const enrollNames = new Set(desired.enrollmentJobs.map((j) => j.jobName));
  const registerNames = new Set(desired.fraudsterRegistrationJobs.map((j) => j.jobName));
  const [enrollmentJobs, fraudsterRegistrationJobs] = await Promise.all([
    Promise.all(enrollmentSummaries.map(async (s) => {
      const job = wanted(s, enrollNames) ? (await voiceId.describeSpeakerEnrollmentJob({ DomainId: domainId, JobId: s.JobId! })).Job : undefined;
      return enrollmentJobOf(s, job, names);
    })),
    Promise.all(registrationSummaries.map(async (s) => {
      const job = wanted(s, registerNames) ? (await voiceId.describeFraudsterRegistrationJob({ DomainId: domainId, JobId: s.JobId! })).Job : undefined;
      return registrationJobOf(s, job, names);
    })),
  ]);
  const byNameThenCreated = (a: { jobName: string; createdAt?: string }, b: { jobName: string; createdAt?: string }): number =>
    compareStrings(a.jobName, b.jobName) || compareStrings(a.createdAt ?? '', b.createdAt ?? '');
  return {
    speakers: speakerStatus,
    watchlists,
    enrollmentJobs: enrollmentJobs.sort(byNameThenCreated),
    fraudsterRegistrationJobs: fraudsterRegistrationJobs.sort(byNameThenCreated),
  };
}

function wanted(s: JobSummaryShape, names: ReadonlySet<string>): boolean {
  return s.JobId !== undefined && s.JobName !== undefined && names.has(s.JobName);
}

async function readWatchlists(voiceId: VoiceIdApi, live: LiveDomain, desired: DesiredDomain): Promise<LiveWatchlist[]> {
  const summaries = await collect((t) => voiceId.listWatchlists({ DomainId: live.domainId, MaxResults: 100, ...tokenArg(t) }), (p) => p.WatchlistSummaries);
  const declared = new Set(desired.watchlists.map((w) => w.name));
  const out = await Promise.all(summaries.map(async (w): Promise<LiveWatchlist> => {
    const isDefault = w.DefaultWatchlist === true || (w.WatchlistId !== undefined && w.WatchlistId === live.defaultWatchlistId);
    const name = w.Name ?? '';
    // Deleting a watchlist that still holds fraudsters fails, so the plan needs to know for undeclared ones.
    const hasFraudsters = !isDefault && !declared.has(name) ? await anyFraudster(voiceId, live.domainId, w.WatchlistId ?? '') : undefined;
    return dropUndefined({ watchlistId: w.WatchlistId ?? '', name, description: w.Description, isDefault, hasFraudsters });
  }));
  return out.sort((a, b) => compareStrings(a.name, b.name) || compareStrings(a.watchlistId, b.watchlistId));
}

async function anyFraudster(voiceId: VoiceIdApi, domainId: string, watchlistId: string): Promise<boolean> {
  const page = await voiceId.listFraudsters({ DomainId: domainId, WatchlistId: watchlistId, MaxResults: 1 });
  return (page.FraudsterSummaries?.length ?? 0) > 0;
}

function watchlistNamer(watchlists: readonly LiveWatchlist[], defaultId: string | undefined) {
  const byId = new Map(watchlists.map((w) => [w.watchlistId, w.isDefault ? DEFAULT_WATCHLIST_NAME : w.name]));
  if (defaultId) byId.set(defaultId, DEFAULT_WATCHLIST_NAME);
  return (ids: readonly string[] | undefined): string[] | undefined => ids?.map((id) => byId.get(id) ?? id);
}
