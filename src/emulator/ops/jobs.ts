/**
 * Batch jobs (S17): one active job of each kind per domain, statuses driven by the injected clock
 * (store.jobStatusAt), a completed fraudster registration job creates a fraudster in its watchlist.
 */
import { notFound, quotaExceeded } from '../errors.js';
import { idempotent } from '../idempotency.js';
import { paginate } from '../pagination.js';
import { id22 } from '../random.js';
import { isActiveJob, jobStatusAt, type DomainRec, type JobKind, type JobRec } from '../store.js';
import { activeDomain, findWatchlist, jobOut, optStr, pageOptions, str, type Handler, type Input, type OpContext } from './context.js';
import { echoedMembers, modelled } from '../model-shapes.js';
import { newFraudster } from './fraudsters.js';

/** The configuration a job keeps and Describe echoes: derived from the model (request members the job shape has). */
const CONFIG_MEMBERS: Readonly<Record<JobKind, () => readonly (readonly [string, string])[]>> = {
  enrollment: () => echoedMembers('StartSpeakerEnrollmentJob', 'SpeakerEnrollmentJob'),
  registration: () => echoedMembers('StartFraudsterRegistrationJob', 'FraudsterRegistrationJob'),
};

/** The request's configuration, cut to what the model defines (a raw client's extra nested members are dropped). */
function jobConfig(kind: JobKind, input: Input): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, shape] of CONFIG_MEMBERS[kind]()) if (input[name] !== undefined && input[name] !== null) out[name] = modelled(shape, input[name]);
  return out;
}

export function newJob(domain: DomainRec, ctx: OpContext, kind: JobKind, config: Readonly<Record<string, unknown>>, jobName?: string): JobRec {
  const job: JobRec = { seq: ctx.store.nextSeq(), kind, jobId: id22(ctx.random), jobName, createdAt: ctx.now(), config };
  domain.jobs.set(job.jobId, job);
  ctx.store.track(domain);
  ctx.store.changed();
  return job;
}

/** The watchlist ids a job's configuration names (each list has exactly one item in the model). */
function configWatchlists(kind: JobKind, input: Input): readonly string[] {
  if (kind === 'enrollment') {
    const c = input.EnrollmentConfig as { FraudDetectionConfig?: { WatchlistIds?: string[] } } | undefined;
    return c?.FraudDetectionConfig?.WatchlistIds ?? [];
  }
  return (input.RegistrationConfig as { WatchlistIds?: string[] } | undefined)?.WatchlistIds ?? [];
}

function startJob(kind: JobKind, operation: string): Handler {
  return (input, ctx) =>
    idempotent(operation, input, ctx, () => {
      const domain = activeDomain(ctx, str(input, 'DomainId'));
      for (const id of configWatchlists(kind, input)) findWatchlist(domain, id);
      for (const j of domain.jobs.values()) {
        if (j.kind === kind && isActiveJob(jobStatusAt(j, ctx.now(), ctx.limits.jobStepMs))) {
          throw quotaExceeded(`The domain already has an active ${kind === 'enrollment' ? 'speaker enrollment' : 'fraudster registration'} job.`);
        }
      }
      const job = newJob(domain, ctx, kind, jobConfig(kind, input), optStr(input, 'JobName'));
      return { Job: jobOut(domain.domainId, job, ctx, false) };
    });
}

/** Called by the store when a job completes: a registration job registers one fraudster in its watchlist. */
export function completeJob(domain: DomainRec, job: JobRec, ctx: OpContext): void {
  if (job.kind !== 'registration') return;
  const listed = configWatchlists('registration', job.config);
  const target = listed[0] ?? domain.defaultWatchlistId;
  if (!domain.watchlists.has(target)) return;
  let n = 0;
  for (const f of domain.fraudsters.values()) if (f.watchlistIds.includes(target)) n++;
  if (n < ctx.limits.maxFraudstersPerWatchlist) newFraudster(domain, ctx, [target]);
}

function describeJob(kind: JobKind): Handler {
  return (input, ctx) => {
    const domain = activeDomain(ctx, str(input, 'DomainId'));
    const job = domain.jobs.get(str(input, 'JobId'));
    if (!job || job.kind !== kind) throw notFound('BATCH_JOB', `The job ${str(input, 'JobId')} does not exist in domain ${domain.domainId}.`);
    return { Job: jobOut(domain.domainId, job, ctx, false) };
  };
}

function listJobs(kind: JobKind, operation: string): Handler {
  return (input, ctx) => {
    const domain = activeDomain(ctx, str(input, 'DomainId'));
    const status = optStr(input, 'JobStatus');
    const now = ctx.now();
    const all = [...domain.jobs.values()].filter(
      (j) => j.kind === kind && (status === undefined || jobStatusAt(j, now, ctx.limits.jobStepMs) === status),
    );
    const page = paginate(all, input, pageOptions(ctx, operation));
    return { JobSummaries: page.items.map((j) => jobOut(domain.domainId, j, ctx, true)), NextToken: page.nextToken };
  };
}

export const jobHandlers: Readonly<Record<string, Handler>> = {
  StartSpeakerEnrollmentJob: startJob('enrollment', 'StartSpeakerEnrollmentJob'),
  DescribeSpeakerEnrollmentJob: describeJob('enrollment'),
  ListSpeakerEnrollmentJobs: listJobs('enrollment', 'ListSpeakerEnrollmentJobs'),
  StartFraudsterRegistrationJob: startJob('registration', 'StartFraudsterRegistrationJob'),
  DescribeFraudsterRegistrationJob: describeJob('registration'),
  ListFraudsterRegistrationJobs: listJobs('registration', 'ListFraudsterRegistrationJobs'),
};
