/** Run-once speaker enrollment jobs (PLAN.md §7): declared under `domains.<key>.enrollmentJobs`, keyed by JobName. */
import { ENROLLMENT, planJobs } from '../plan/jobs.js';
import type { DesiredEnrollmentJob } from '../model/desired.js';
import type { LiveEnrollmentJob } from '../model/live.js';
import type { SpeakerEnrollmentJobShape } from '../aws/index.js';
import { enrollmentJobOf } from '../live/map.js';
import { deferredJob, enrollmentInput, exportable, exportedJobBase, failedWatchlist, jobFollow, jobRead, jobWatchlistAddresses } from './jobs.js';
import { checkEnrollmentJobsYaml, writeEnrollmentJobs } from './job-checks.js';
import type { SchemaKit } from '../model/schema/kit.js';
import { jobRisks } from '../render/risk-lines.js';
import type { ResourceKindModule } from './types.js';
import { resourceAddress } from '../model/plan.js';

export const enrollmentJobKind: ResourceKindModule<'enrollment-job', 'StartSpeakerEnrollmentJob', 'enrollmentJobs'> = {
  kind: 'enrollment-job',
  description: 'a run-once speaker enrollment batch job (never started twice)',
  address: { shape: 'named', target: { addresses: (d) => d.enrollmentJobs.map((j) => resourceAddress(d.key, 'enrollment-job', j.jobName)), needs: jobWatchlistAddresses } },
  destroys: false,
  yamlMembers: ['enrollmentJobs'],
  yaml: { schema: enrollmentJobsYaml, check: checkEnrollmentJobsYaml, write: writeEnrollmentJobs },
  plan: ({ desired, live, domainId, ctx }) => {
    planJobs(ENROLLMENT, { stack: ctx.stack, desired, domainId, out: ctx.out }, desired.enrollmentJobs, live?.details?.enrollmentJobs ?? []);
    return 'continue';
  },
  read: jobRead({
    member: 'enrollmentJobs',
    jobKind: 'enrollment',
    declared: (d) => d.enrollmentJobs,
    list: (api, input) => api.listSpeakerEnrollmentJobs(input),
    describe: async (api, input) => (await api.describeSpeakerEnrollmentJob(input)).Job,
    of: (summary, job, names) => enrollmentJobOf(summary, job as SpeakerEnrollmentJobShape | undefined, names),
  }),
  apply: {
    operations: {
      StartSpeakerEnrollmentJob: {
        run: async (op, { api, state, address }) => {
          const input = await enrollmentInput(op, state);
          const res = await api.startSpeakerEnrollmentJob(input);
          return jobFollow(address, 'enrollment', input.DomainId, res.Job?.JobId);
        },
      },
    },
    // Jobs after the watchlists they name; the two job kinds side by side, as each may wait for its own slot (A5.3).
    after: ['watchlist'],
    skipReason: failedWatchlist,
    deferred: deferredJob('enrollment'),
  },
  render: { risks: jobRisks('enrollment') },
  export: (read, ctx) => ({ enrollmentJobs: read.enrollmentJobs.filter((j) => exportable(read, ctx, 'enrollment job', j, j.fraudDetection?.watchlists)).map(enrollmentJob) }),
  iam: [
    { action: 'voiceid:ListSpeakerEnrollmentJobs', role: 'plan', resource: 'voiceid-domain', why: 'run-once enrollment jobs' },
    { action: 'voiceid:DescribeSpeakerEnrollmentJob', role: 'plan', resource: 'voiceid-domain', why: 'job progress and failures' },
    { action: 'voiceid:StartSpeakerEnrollmentJob', role: 'apply', resource: 'voiceid-domain', why: 'run-once enrollment jobs' },
    { action: 'iam:PassRole', role: 'apply', resource: 'job-role', why: 'hand the data access role to batch jobs' },
  ],
};

function enrollmentJob(j: LiveEnrollmentJob): DesiredEnrollmentJob {
  const fd = j.fraudDetection;
  return {
    ...exportedJobBase(j),
    ...(j.existingEnrollmentAction !== undefined ? { existingEnrollmentAction: j.existingEnrollmentAction } : {}),
    ...(fd !== undefined
      ? { fraudDetection: { ...(fd.action !== undefined ? { action: fd.action } : {}), ...(fd.riskThreshold !== undefined ? { riskThreshold: fd.riskThreshold } : {}), ...(fd.watchlists ? { watchlists: fd.watchlists } : {}) } }
      : {}),
  };
}

/** Its section of the YAML format (src/model/schema/desired-state.ts composes the kinds' sections). */
export function enrollmentJobsYaml(k: SchemaKit) {
  return {
    enrollmentJobs: k.Type.Optional(k.mapOf(k.defs.JobName(), k.defs.EnrollmentJob(), {
      description: 'Run-once speaker enrollment jobs (StartSpeakerEnrollmentJob), keyed by job name. A job whose name already exists in the domain is never started again.',
    })),
  };
}
