/**
 * `--wait` (APPLY.md §5): poll DescribeDomain until a KMS re-encryption leaves IN_PROGRESS, and Describe*Job until a
 * job ends. Clock and sleep are injected (tests never sleep); each subject has its own timeout.
 */
import type { VoiceIdApi } from '../aws/api.js';
import { pages, tokenArg } from '../aws/paginate.js';
import { ACTIVE_JOB_STATUSES } from '../model/live.js';
import type { ApplyEvent, WaitOptions, WaitOutcome } from './types.js';
import type { Followable } from './operations.js';

export const DEFAULT_POLL_MS = 5_000;
export const DEFAULT_WAIT_TIMEOUT_MS = 60 * 60 * 1000;

interface PollStep {
  readonly running: boolean;
  readonly status: string;
  readonly percent?: number;
  /** Set when finished: whether the end is a success, and what to say. */
  readonly failed?: boolean;
  readonly detail?: string;
}

export interface WaitContext {
  readonly api: VoiceIdApi;
  readonly options: WaitOptions;
  readonly signal?: AbortSignal;
  readonly emit: (e: ApplyEvent) => void;
}

/** Polls `step` until it stops running, the timeout passes, or the run is interrupted. `awaiting`: for the view. */
async function poll(subject: string, awaiting: string, ctx: WaitContext, step: () => Promise<PollStep>): Promise<WaitOutcome> {
  const { now, sleep } = ctx.options;
  const deadline = now() + (ctx.options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS);
  for (;;) {
    if (ctx.signal?.aborted) return { subject, status: 'interrupted', detail: 'interrupted while waiting' };
    let s: PollStep;
    try {
      s = await step();
    } catch (e) {
      if (ctx.signal?.aborted) return { subject, status: 'interrupted', detail: 'interrupted while waiting' };
      return { subject, status: 'failed', detail: e instanceof Error ? e.message : String(e) };
    }
    ctx.emit({ kind: 'wait', subject, awaiting, status: s.status, ...(s.percent === undefined ? {} : { percent: s.percent }), done: !s.running, ...(s.failed ? { failed: true } : {}) });
    if (!s.running) return { subject, status: s.failed ? 'failed' : 'completed', detail: s.detail ?? s.status };
    if (now() >= deadline) return { subject, status: 'timed-out', detail: `still ${s.status} when the wait timed out` };
    try {
      await sleep(ctx.options.pollMs ?? DEFAULT_POLL_MS, ctx.signal);
    } catch {
      return { subject, status: 'interrupted', detail: 'interrupted while waiting' };
    }
  }
}

/** Until the domain's re-encryption is not IN_PROGRESS; FAILED is a failure (A5.1). `kmsKeyId`: the new key. */
export function awaitEncryption(domainId: string, subject: string, kmsKeyId: string, ctx: WaitContext): Promise<WaitOutcome> {
  return poll(subject, `re-encrypting ${subject} to ${kmsKeyId}`, ctx, async () => {
    const d = (await ctx.api.describeDomain({ DomainId: domainId })).Domain;
    const u = d?.ServerSideEncryptionUpdateDetails;
    const status = u?.UpdateStatus ?? 'COMPLETED';
    // No percentage: Voice ID reports none for a re-encryption (the view shows the elapsed time instead).
    if (status === 'IN_PROGRESS') return { running: true, status: 're-encrypting' };
    if (status === 'FAILED') return { running: false, status, failed: true, detail: `KMS re-encryption FAILED${u?.Message ? `: ${u.Message}` : ''}` };
    return { running: false, status: 'encryption up to date' };
  });
}

export function awaitJob(f: Extract<Followable, { kind: 'job' }>, ctx: WaitContext): Promise<WaitOutcome> {
  const kind = f.jobKind === 'enrollment' ? 'speaker enrollment job' : 'fraudster registration job';
  return poll(f.address, `${kind} ${f.address}`, ctx, async () => {
    const input = { DomainId: f.domainId, JobId: f.jobId };
    const job = f.jobKind === 'enrollment' ? (await ctx.api.describeSpeakerEnrollmentJob(input)).Job : (await ctx.api.describeFraudsterRegistrationJob(input)).Job;
    const status = String(job?.JobStatus ?? 'UNKNOWN');
    const percent = job?.JobProgress?.PercentComplete;
    if (ACTIVE_JOB_STATUSES.has(status)) return { running: true, status, ...(percent === undefined ? {} : { percent }) };
    const failed = status !== 'COMPLETED';
    const why = job?.FailureDetails?.Message ? `: ${job.FailureDetails.Message}` : '';
    return { running: false, status, failed, detail: `job ${status}${failed ? why : ''}` };
  });
}

/**
 * A5.3: until no job of this kind is SUBMITTED or IN_PROGRESS in the domain (Voice ID runs one at a time), whether it
 * was running before the apply or started earlier in it. Listed, not described: the plan names the job it waits
 * for, but a job started before the apply is known here only by name.
 */
export function awaitJobSlot(domainId: string, jobKind: 'enrollment' | 'registration', subject: string, ctx: WaitContext): Promise<WaitOutcome> {
  return poll(subject, `starting ${subject} after the ${jobKind} job before it`, ctx, async () => {
    const active = await activeJob(ctx.api, domainId, jobKind);
    if (active) return { running: true, status: `(${active.JobName ?? active.JobId ?? 'a job'} ${String(active.JobStatus)})` };
    return { running: false, status: 'no other job running' };
  });
}

async function activeJob(api: VoiceIdApi, domainId: string, jobKind: 'enrollment' | 'registration') {
  const list = (token: string | undefined) => {
    const input = { DomainId: domainId, ...tokenArg(token) };
    return jobKind === 'enrollment' ? api.listSpeakerEnrollmentJobs(input) : api.listFraudsterRegistrationJobs(input);
  };
  for await (const page of pages(list)) {
    const active = (page.JobSummaries ?? []).find((j) => j.JobStatus !== undefined && ACTIVE_JOB_STATUSES.has(j.JobStatus));
    if (active) return active;
  }
  return undefined;
}

/** Follows everything this run started or changed, concurrently. */
export async function followAll(items: readonly Followable[], ctx: WaitContext): Promise<WaitOutcome[]> {
  return Promise.all(items.map((f) => (f.kind === 'job' ? awaitJob(f, ctx) : awaitEncryption(f.domainId, f.address, f.kmsKeyId, ctx))));
}
