/**
 * A6.3: what the service answered to apply's calls, recorded by wrapping the VoiceIdApi the run uses, so every
 * write's answer is its verification (OptOutSpeaker returns the speaker, Associate/DisassociateFraudster the fraudster, UpdateDomain the domain, the Create and Start calls
 * the resource) and src/apply's operations and waits need not know. src/live/answered.ts folds these answers into the live state the
 * plan was made from; only what no answer covers (the tags of a domain after TagResource / UntagResource /
 * CreateDomain) is read again.
 */
import type { DomainShape, FraudsterRegistrationJobShape, FraudsterSummaryShape, SpeakerEnrollmentJobShape, VoiceIdApi, WatchlistShape } from './api.js';
import type { SpeakerStatus } from '../model/live.js';
import { isGitopsError } from '../model/errors.js';

/** A delete's answer: done, or ResourceNotFound (already gone, the same end state: PLAN.md R15.1). */
async function deleted(call: () => Promise<unknown>, done: () => void): Promise<unknown> {
  try {
    const res = await call();
    done();
    return res;
  } catch (e) {
    if (isGitopsError(e) && e.code === 'AWS_NOT_FOUND') done();
    throw e;
  }
}

export type JobKind = 'enrollment' | 'registration';

export interface DomainAnswers {
  /** The latest domain answer (CreateDomain, UpdateDomain, or a --wait DescribeDomain). */
  domain?: DomainShape;
  deleted?: true;
  /** The ARN of a domain whose tags a call changed (or created): re-read. */
  tagsChanged?: string;
  readonly speakers: Map<string, SpeakerStatus>;
  /** Speakers DeleteSpeaker erased, and fraudsters DeleteFraudster deleted (or found already gone). */
  readonly erasedSpeakers: Set<string>;
  readonly deletedFraudsters: Set<string>;
  /** WatchlistId -> its answer, or null once deleted. */
  readonly watchlists: Map<string, WatchlistShape | null>;
  /** GeneratedFraudsterId -> every watchlist it is in, as AssociateFraudster / DisassociateFraudster last answered. */
  readonly fraudsters: Map<string, readonly string[]>;
  readonly jobs: Map<string, { readonly kind: JobKind; readonly job: SpeakerEnrollmentJobShape | FraudsterRegistrationJobShape }>;
}

/** Answers by DomainId. */
export class Answers {
  readonly domains = new Map<string, DomainAnswers>();
  /** Watchlist ids of a domain seen in a listing under way (a CreateWatchlist replay check). */
  private readonly listing = new Map<string, { readonly ids: Set<string>; readonly before: Set<string> }>();

  of(domainId: string): DomainAnswers {
    let d = this.domains.get(domainId);
    if (!d) {
      d = { speakers: new Map(), erasedSpeakers: new Set(), deletedFraudsters: new Set(), watchlists: new Map(), fraudsters: new Map(), jobs: new Map() };
      this.domains.set(domainId, d);
    }
    return d;
  }

  domain(shape: DomainShape | undefined): void {
    if (shape?.DomainId) this.of(shape.DomainId).domain = shape;
  }

  watchlist(domainId: string, shape: WatchlistShape | undefined): void {
    if (shape?.WatchlistId) this.of(domainId).watchlists.set(shape.WatchlistId, shape);
  }

  /** No watchlists in the answer is no verification: the fraudster stays as it was read, and the re-plan shows it. */
  fraudster(domainId: string, shape: FraudsterSummaryShape | undefined): void {
    if (shape?.GeneratedFraudsterId && shape.WatchlistIds) this.of(domainId).fraudsters.set(shape.GeneratedFraudsterId, shape.WatchlistIds);
  }

  job(domainId: string, kind: JobKind, job: SpeakerEnrollmentJobShape | FraudsterRegistrationJobShape | undefined): void {
    if (job?.JobId) this.of(domainId).jobs.set(job.JobId, { kind, job });
  }

  /**
   * A full ListWatchlists of a domain, page by page: a watchlist answered before the listing began but not listed
   * was a replayed creation of a since-deleted one (operations.ts A3.2), not a live watchlist.
   */
  listedWatchlists(domainId: string, first: boolean, page: readonly WatchlistShape[], last: boolean): void {
    if (first) this.listing.set(domainId, { ids: new Set(), before: new Set(this.of(domainId).watchlists.keys()) });
    const l = this.listing.get(domainId);
    if (!l) return;
    for (const w of page) if (w.WatchlistId) l.ids.add(w.WatchlistId);
    if (!last) return;
    const answered = this.of(domainId).watchlists;
    for (const id of l.before) if (!l.ids.has(id) && answered.get(id)) answered.delete(id);
    this.listing.delete(domainId);
  }
}

const domainOfArn = (arn: string): string | undefined => arn.match(/:domain\/([^/]+)$/)?.[1];

/** The api, recording every answer into `answers`; calls and their errors pass through unchanged. */
export function recordAnswers(api: VoiceIdApi, answers: Answers): VoiceIdApi {
  const tagged = (arn: string): void => {
    const id = domainOfArn(arn);
    if (id) answers.of(id).tagsChanged = arn;
  };
  return {
    // Read-only calls pass through (bound: the api may be a class instance, whose methods a spread would lose).
    listDomains: (input) => api.listDomains(input),
    listTagsForResource: (input) => api.listTagsForResource(input),
    listSpeakers: (input) => api.listSpeakers(input),
    describeSpeaker: (input) => api.describeSpeaker(input),
    listFraudsters: (input) => api.listFraudsters(input),
    describeFraudster: (input) => api.describeFraudster(input),
    listSpeakerEnrollmentJobs: (input) => api.listSpeakerEnrollmentJobs(input),
    listFraudsterRegistrationJobs: (input) => api.listFraudsterRegistrationJobs(input),
    createDomain: async (input) => {
      const res = await api.createDomain(input);
      answers.domain(res.Domain);
      if (res.Domain?.DomainId && res.Domain.Arn) answers.of(res.Domain.DomainId).tagsChanged = res.Domain.Arn;
      return res;
    },
    updateDomain: async (input) => {
      const res = await api.updateDomain(input);
      answers.domain(res.Domain);
      return res;
    },
    describeDomain: async (input) => {
      const res = await api.describeDomain(input);
      answers.domain(res.Domain);
      return res;
    },
    deleteDomain: async (input) => {
      const res = await api.deleteDomain(input);
      answers.of(input.DomainId).deleted = true;
      return res;
    },
    tagResource: async (input) => {
      const res = await api.tagResource(input);
      tagged(input.ResourceArn);
      return res;
    },
    untagResource: async (input) => {
      const res = await api.untagResource(input);
      tagged(input.ResourceArn);
      return res;
    },
    optOutSpeaker: async (input) => {
      const res = await api.optOutSpeaker(input);
      const status = res.Speaker?.Status as SpeakerStatus | undefined;
      // No status in the answer is no verification: the id stays as it was read, and the re-plan shows it.
      if (status) answers.of(input.DomainId).speakers.set(res.Speaker?.CustomerSpeakerId ?? input.SpeakerId, status);
      return res;
    },
    associateFraudster: async (input) => {
      const res = await api.associateFraudster(input);
      answers.fraudster(input.DomainId, res.Fraudster);
      return res;
    },
    disassociateFraudster: async (input) => {
      const res = await api.disassociateFraudster(input);
      answers.fraudster(input.DomainId, res.Fraudster);
      return res;
    },
    // No answer body: success (or ResourceNotFound, which the kind's handler takes as done) is the verification.
    deleteSpeaker: (input) => deleted(() => api.deleteSpeaker(input), () => answers.of(input.DomainId).erasedSpeakers.add(input.SpeakerId)),
    deleteFraudster: (input) => deleted(() => api.deleteFraudster(input), () => answers.of(input.DomainId).deletedFraudsters.add(input.FraudsterId)),
    listWatchlists: async (input) => {
      const res = await api.listWatchlists(input);
      answers.listedWatchlists(input.DomainId, input.NextToken === undefined, res.WatchlistSummaries ?? [], res.NextToken === undefined);
      return res;
    },
    createWatchlist: async (input) => {
      const res = await api.createWatchlist(input);
      answers.watchlist(input.DomainId, res.Watchlist);
      return res;
    },
    updateWatchlist: async (input) => {
      const res = await api.updateWatchlist(input);
      answers.watchlist(input.DomainId, res.Watchlist);
      return res;
    },
    deleteWatchlist: async (input) => {
      const res = await api.deleteWatchlist(input);
      answers.of(input.DomainId).watchlists.set(input.WatchlistId, null);
      return res;
    },
    startSpeakerEnrollmentJob: async (input) => {
      const res = await api.startSpeakerEnrollmentJob(input);
      answers.job(input.DomainId, 'enrollment', res.Job);
      return res;
    },
    describeSpeakerEnrollmentJob: async (input) => {
      const res = await api.describeSpeakerEnrollmentJob(input);
      answers.job(input.DomainId, 'enrollment', res.Job);
      return res;
    },
    startFraudsterRegistrationJob: async (input) => {
      const res = await api.startFraudsterRegistrationJob(input);
      answers.job(input.DomainId, 'registration', res.Job);
      return res;
    },
    describeFraudsterRegistrationJob: async (input) => {
      const res = await api.describeFraudsterRegistrationJob(input);
      answers.job(input.DomainId, 'registration', res.Job);
      return res;
    },
  };
}
