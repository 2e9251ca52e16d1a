/** Run-once speaker enrollment jobs (PLAN.md §7): declared under `domains.<key>.enrollmentJobs`, keyed by JobName. */
import { ENROLLMENT } from '../plan/jobs.js';
import type { DesiredEnrollmentJob } from '../model/desired.js';
import type { LiveEnrollmentJob } from '../model/live.js';
import type { SpeakerEnrollmentJobShape } from '../aws/index.js';
import { enrollmentJobOf } from '../live/map.js';
import { enrollmentInput, exportable, exportedJobBase, jobFollow, jobKindModule } from './jobs.js';
import { checkEnrollmentJobsYaml, writeEnrollmentJobs } from './job-checks.js';
import type { SchemaKit } from '../model/schema/kit.js';

export const enrollmentJobKind = jobKindModule({
  kind: 'enrollment-job',
  description: 'a run-once speaker enrollment batch job (never started twice)',
  member: 'enrollmentJobs',
  jobKind: 'enrollment',
  yaml: { schema: enrollmentJobsYaml, check: checkEnrollmentJobsYaml, write: writeEnrollmentJobs },
  planner: ENROLLMENT,
  declared: (d) => d.enrollmentJobs,
  live: (details) => details.enrollmentJobs,
  list: (api, input) => api.listSpeakerEnrollmentJobs(input),
  describe: async (api, input) => (await api.describeSpeakerEnrollmentJob(input)).Job,
  of: (summary, job, names) => enrollmentJobOf(summary, job as SpeakerEnrollmentJobShape | undefined, names),
  operations: {
    StartSpeakerEnrollmentJob: {
      run: async (op, { api, state, address }) => {
        const input = await enrollmentInput(op, state);
        const res = await api.startSpeakerEnrollmentJob(input);
        return jobFollow(address, 'enrollment', input.DomainId, res.Job?.JobId);
      },
    },
  },
  export: (read, ctx) => ({ enrollmentJobs: read.enrollmentJobs.filter((j) => exportable(read, ctx, ENROLLMENT.label, j, j.fraudDetection?.watchlists)).map(enrollmentJob) }),
  iam: [
    { action: 'voiceid:ListSpeakerEnrollmentJobs', role: 'plan', resource: 'voiceid-domain', why: 'run-once enrollment jobs' },
    { action: 'voiceid:DescribeSpeakerEnrollmentJob', role: 'plan', resource: 'voiceid-domain', why: 'job progress and failures' },
    { action: 'voiceid:StartSpeakerEnrollmentJob', role: 'apply', resource: 'voiceid-domain', why: 'run-once enrollment jobs' },
  ],
});

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
