/**
 * What the two run-once batch job kinds share (PLAN.md §7; APPLY.md A5.3): one module shape (jobKindModule), the
 * watchlists they name created first, and a deferred job waiting with --wait for the job of its kind before it.
 * Each kind keeps its own YAML section, planner, API calls, export and texts.
 */
import type { FraudsterRegistrationJobShape, JobKind, JobSummaryShape, SpeakerEnrollmentJobShape, VoiceIdApi } from '../aws/index.js';
import { collect, tokenArg } from '../aws/paginate.js';
import { compareStrings } from '../model/collections.js';
import type { DesiredDomain } from '../model/desired.js';
import { watchlistNamer, type WatchlistNames } from '../live/map.js';
import type { Change, StartFraudsterRegistrationJobOp, StartSpeakerEnrollmentJobOp } from '../model/plan.js';
import { resourceAddress } from '../model/plan.js';
import type { RunState } from '../apply/resolve.js';
import { tokenFor } from '../apply/resolve.js';
import { awaitJobSlot } from '../apply/wait.js';
import { DEFAULT_WATCHLIST_NAME } from '../model/desired.js';
import type { LiveDomainDetails, LiveEnrollmentJob, LiveFraudsterRegistrationJob } from '../model/live.js';
import type { IamActionSpec } from '../model/iam-actions.js';
import { planJobs, type JobKind as JobPlanner, type JobResource, type LiveJobFacts } from '../plan/jobs.js';
import { jobRisks } from '../render/risk-lines.js';
import type { DeferredRun, DomainOutcomes, ExportContext, ExportedDomain, KindRead, KindYaml, OperationHandlers, ResourceKindModule } from './types.js';

type StartOp = StartSpeakerEnrollmentJobOp | StartFraudsterRegistrationJobOp;
type StartName = StartOp['kind'];

/** What one job kind's module has of its own; jobKindModule adds what the two share. */
export interface JobKindSpec<K extends JobResource, N extends StartName, M extends JobMember, D extends { jobName: string }, L extends LiveJobFacts>
  extends JobReadSpec<M> {
  readonly kind: K;
  readonly description: string;
  /** Its YAML section (`member`: the YAML, DesiredDomain and LiveDomainDetails member). */
  readonly yaml: KindYaml;
  /** Its planner (src/plan/jobs.ts): definitions, the Start operation, its label in texts. */
  readonly planner: JobPlanner<K, D, L>;
  readonly declared: (d: DesiredDomain) => readonly D[];
  readonly live: (details: LiveDomainDetails) => readonly L[];
  /** Its Start call (APPLY.md A3.4, A5.3). */
  readonly operations: OperationHandlers<N>;
  readonly export: (read: ExportedDomain, ctx: ExportContext) => Partial<DesiredDomain>;
  /** Its List, Describe and Start actions (iam:PassRole is every job kind's). */
  readonly iam: readonly IamActionSpec[];
}

const PASS_ROLE: IamActionSpec = { action: 'iam:PassRole', role: 'apply', resource: 'job-role', why: 'hand the data access role to batch jobs' };

/** A run-once job kind's module (PLAN.md §7): keyed by JobName, never started twice, one at a time per domain. */
export function jobKindModule<K extends JobResource, N extends StartName, M extends JobMember, D extends { jobName: string }, L extends LiveJobFacts>(
  spec: JobKindSpec<K, N, M, D, L>,
): ResourceKindModule<K, N, M> {
  return {
    kind: spec.kind,
    description: spec.description,
    address: { shape: 'named', target: { addresses: (d) => spec.declared(d).map((j) => resourceAddress(d.key, spec.kind, j.jobName)), needs: jobWatchlistAddresses } },
    destroys: false,
    yamlMembers: [spec.member],
    yaml: spec.yaml,
    plan: ({ desired, live, domainId, ctx }) => {
      planJobs(spec.planner, { stack: ctx.stack, desired, domainId, out: ctx.out }, spec.declared(desired), live?.details ? spec.live(live.details) : []);
      return 'continue';
    },
    read: jobRead(spec),
    apply: {
      operations: spec.operations,
      // Jobs after the watchlists they name; the two job kinds side by side, as each may wait for its own slot (A5.3).
      after: ['watchlist'],
      skipReason: failedWatchlist,
      deferred: deferredJob(spec.jobKind),
    },
    render: { risks: jobRisks(spec.planner.label) },
    export: spec.export,
    iam: [...spec.iam, PASS_ROLE],
  };
}

/** Addresses of the watchlist changes a job change names (`domain.<key>.watchlist.<name>`). */
function jobWatchlistAddresses(change: Change): string[] {
  const names = new Set<string>();
  for (const op of change.operations) {
    if (op.kind === 'StartSpeakerEnrollmentJob') op.input.EnrollmentConfig?.FraudDetectionConfig?.WatchlistNames?.forEach((n) => names.add(n));
    if (op.kind === 'StartFraudsterRegistrationJob') op.input.RegistrationConfig?.WatchlistNames?.forEach((n) => names.add(n));
  }
  return [...names].map((n) => resourceAddress(change.domainKey, 'watchlist', n));
}

/** A2.3: a job is skipped when a watchlist it names was planned here and not applied. */
function failedWatchlist(change: Change, done: DomainOutcomes): string | undefined {
  const failed = jobWatchlistAddresses(change).find((a) => {
    const o = done.outcome(a);
    return o !== undefined && o.status !== 'applied';
  });
  return failed ? `dependency failed: ${failed} was not applied` : undefined;
}

/** A5.3: a job deferred until the job of its kind before it ends waits for that slot, then starts. */
function deferredJob(jobKind: JobKind) {
  return (change: Change, state: RunState): DeferredRun | undefined => {
    if (!change.deferred || change.action !== 'start') return undefined;
    const start = change.operations.find((op): op is StartOp => op.kind === 'StartSpeakerEnrollmentJob' || op.kind === 'StartFraudsterRegistrationJob');
    if (!start) return undefined;
    return {
      await: (ctx) => awaitJobSlot(state.domainId(start.input.DomainId), jobKind, change.address, ctx),
      operations: change.operations,
      notDone: 'deferred job not started',
    };
  };
}

/** Watchlist names -> ids (`default` the domain's default watchlist), the DomainId and the token, just before the call. */
export async function enrollmentInput(op: StartSpeakerEnrollmentJobOp, state: RunState) {
  const { EnrollmentConfig, ...rest } = op.input;
  const domainId = state.domainId(op.input.DomainId);
  const fraud = EnrollmentConfig?.FraudDetectionConfig;
  let config = EnrollmentConfig as NonNullable<Parameters<VoiceIdApi['startSpeakerEnrollmentJob']>[0]['EnrollmentConfig']> | undefined;
  if (EnrollmentConfig && fraud) {
    const { WatchlistNames, ...fraudRest } = fraud;
    const ids = WatchlistNames ? { WatchlistIds: await state.watchlistIds(domainId, WatchlistNames) } : {};
    config = { ...EnrollmentConfig, FraudDetectionConfig: { ...fraudRest, ...ids } } as typeof config;
  }
  return { ...rest, DomainId: domainId, ClientToken: tokenFor(op.input, domainId), ...(config ? { EnrollmentConfig: config } : {}) } as Parameters<VoiceIdApi['startSpeakerEnrollmentJob']>[0];
}

export async function registrationInput(op: StartFraudsterRegistrationJobOp, state: RunState) {
  const { RegistrationConfig, ...rest } = op.input;
  const domainId = state.domainId(op.input.DomainId);
  let config: Record<string, unknown> | undefined = RegistrationConfig ? { ...RegistrationConfig } : undefined;
  if (RegistrationConfig?.WatchlistNames) {
    const { WatchlistNames, ...configRest } = RegistrationConfig;
    config = { ...configRest, WatchlistIds: await state.watchlistIds(domainId, WatchlistNames) };
  }
  return { ...rest, DomainId: domainId, ClientToken: tokenFor(op.input, domainId), ...(config ? { RegistrationConfig: config } : {}) } as Parameters<VoiceIdApi['startFraudsterRegistrationJob']>[0];
}

export const jobFollow = (address: string, jobKind: 'enrollment' | 'registration', domainId: string, jobId: string | undefined) =>
  jobId ? ({ kind: 'job', address, jobKind, domainId, jobId } as const) : undefined;

/** Export declares a job only when its definition was read and every watchlist it names still exists (else a note). */
export function exportable(read: ExportedDomain, ctx: ExportContext, label: string, j: LiveEnrollmentJob | LiveFraudsterRegistrationJob, watchlists: readonly string[] | undefined): boolean {
  const names = new Set([DEFAULT_WATCHLIST_NAME, ...read.watchlists.map((w) => w.name)]);
  const why = !j.dataAccessRoleArn || !j.inputS3Uri || !j.outputS3Uri
    ? 'its definition could not be read'
    : (watchlists ?? []).some((w) => !names.has(w)) ? 'it refers to a watchlist that no longer exists' : undefined;
  if (why) ctx.notes.push(`domain ${ctx.key}: ${label} ${j.jobName} left out: ${why}`);
  return why === undefined;
}

export function exportedJobBase(j: LiveEnrollmentJob | LiveFraudsterRegistrationJob) {
  return {
    jobName: j.jobName,
    dataAccessRoleArn: j.dataAccessRoleArn!,
    inputS3Uri: j.inputS3Uri!,
    outputS3Uri: j.outputS3Uri!,
    ...(j.outputKmsKeyId !== undefined ? { outputKmsKeyId: j.outputKmsKeyId } : {}),
  };
}

type JobMember = 'enrollmentJobs' | 'fraudsterRegistrationJobs';
type JobShape = SpeakerEnrollmentJobShape | FraudsterRegistrationJobShape;
type LiveJob<M extends JobMember> = LiveDomainDetails[M][number];

/** How one job kind is listed, described and recorded (the two kinds differ only in these). */
export interface JobReadSpec<M extends JobMember> {
  readonly member: M;
  readonly jobKind: JobKind;
  readonly declared: (d: DesiredDomain) => readonly { readonly jobName: string }[];
  readonly list: (api: VoiceIdApi, input: { DomainId: string; MaxResults: number; NextToken?: string }) => Promise<{ readonly JobSummaries?: readonly JobSummaryShape[]; readonly NextToken?: string }>;
  readonly describe: (api: VoiceIdApi, input: { DomainId: string; JobId: string }) => Promise<JobShape | undefined>;
  readonly of: (summary: JobSummaryShape, job: JobShape | undefined, names: WatchlistNames) => LiveJob<M>;
}

const byNameThenCreated = (a: { jobName: string; createdAt?: string }, b: { jobName: string; createdAt?: string }): number =>
  compareStrings(a.jobName, b.jobName) || compareStrings(a.createdAt ?? '', b.createdAt ?? '');

/**
 * A job kind's part of the live read: every job of the domain listed, the declared JobNames described in full so the
 * plan can compare their definitions, watchlist ids named (`default` the default watchlist) once they are read.
 */
function jobRead<M extends JobMember>(spec: JobReadSpec<M>): KindRead<M> {
  const part = (jobs: LiveJob<M>[]) => ({ [spec.member]: jobs.sort(byNameThenCreated) }) as unknown as Pick<LiveDomainDetails, M>;
  return {
    members: [spec.member],
    details: async ({ api, live, desired, earlier }) => {
      const DomainId = live.domainId;
      const summaries = await collect((t) => spec.list(api, { DomainId, MaxResults: 100, ...tokenArg(t) }), (p) => p.JobSummaries);
      const wanted = new Set(spec.declared(desired).map((j) => j.jobName));
      const described = await Promise.all(summaries.map(async (s) =>
        [s, s.JobId !== undefined && s.JobName !== undefined && wanted.has(s.JobName) ? await spec.describe(api, { DomainId, JobId: s.JobId }) : undefined] as const));
      const names = watchlistNamer((await earlier('watchlist')).watchlists ?? [], live.defaultWatchlistId);
      return part(described.map(([s, job]) => spec.of(s, job, names)));
    },
    created: () => part([]),
    answered: (current, a, live) => {
      const jobs = [...a.jobs.values()].filter((j) => j.kind === spec.jobKind);
      if (jobs.length === 0) return { [spec.member]: current[spec.member] } as unknown as Pick<LiveDomainDetails, M>;
      const names = watchlistNamer(current.watchlists, live.defaultWatchlistId);
      const out = [...current[spec.member]] as LiveJob<M>[];
      for (const { job } of jobs) {
        const fresh = spec.of(job, job, names);
        const i = out.findIndex((j) => j.jobId === fresh.jobId);
        if (i >= 0) out[i] = fresh;
        else out.push(fresh);
      }
      return part(out);
    },
    // PLAN.md R7.1 compares a declared job with the latest live job of that name, so that is the one export writes.
    whole: async ({ api, live, earlier }) => {
      const DomainId = live.domainId;
      const summaries = await collect((t) => spec.list(api, { DomainId, MaxResults: 100, ...tokenArg(t) }), (p) => p.JobSummaries);
      const described = await Promise.all(latestByName(summaries).map(async (s) => [s, await spec.describe(api, { DomainId, JobId: s.JobId! })] as const));
      const names = (await earlier('watchlist')).watchlistNames ?? {};
      const namer: WatchlistNames = (ids) => ids?.map((id) => names[id] ?? id);
      return { [spec.member]: described.map(([s, job]) => spec.of(s, job, namer)), unnamedJobs: summaries.filter((j) => !j.JobName).length };
    },
  };
}

function latestByName(summaries: readonly JobSummaryShape[]): JobSummaryShape[] {
  const latest = new Map<string, JobSummaryShape>();
  for (const s of summaries) {
    if (!s.JobName || !s.JobId) continue;
    const seen = latest.get(s.JobName);
    if (!seen || (s.CreatedAt?.getTime() ?? 0) >= (seen.CreatedAt?.getTime() ?? 0)) latest.set(s.JobName, s);
  }
  return [...latest.keys()].sort(compareStrings).map((k) => latest.get(k)!);
}
