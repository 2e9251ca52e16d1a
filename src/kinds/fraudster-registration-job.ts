/**
 * Run-once fraudster registration jobs (PLAN.md §7): declared under `domains.<key>.fraudsterRegistrationJobs`,
 * keyed by JobName.
 */
import { FRAUDSTER_REGISTRATION } from '../plan/jobs.js';
import type { DesiredFraudsterRegistrationJob } from '../model/desired.js';
import type { LiveFraudsterRegistrationJob } from '../model/live.js';
import type { FraudsterRegistrationJobShape } from '../aws/index.js';
import { registrationJobOf } from '../live/map.js';
import { exportable, exportedJobBase, jobFollow, jobKindModule, registrationInput } from './jobs.js';
import { checkRegistrationJobsYaml, writeRegistrationJobs } from './job-checks.js';
import type { SchemaKit } from '../model/schema/kit.js';

export const fraudsterRegistrationJobKind = jobKindModule({
  kind: 'fraudster-registration-job',
  description: 'a run-once fraudster registration batch job (never started twice)',
  member: 'fraudsterRegistrationJobs',
  jobKind: 'registration',
  yaml: { schema: registrationJobsYaml, check: checkRegistrationJobsYaml, write: writeRegistrationJobs },
  planner: FRAUDSTER_REGISTRATION,
  declared: (d) => d.fraudsterRegistrationJobs,
  live: (details) => details.fraudsterRegistrationJobs,
  list: (api, input) => api.listFraudsterRegistrationJobs(input),
  describe: async (api, input) => (await api.describeFraudsterRegistrationJob(input)).Job,
  of: (summary, job, names) => registrationJobOf(summary, job as FraudsterRegistrationJobShape | undefined, names),
  operations: {
    StartFraudsterRegistrationJob: {
      run: async (op, { api, state, address }) => {
        const input = await registrationInput(op, state);
        const res = await api.startFraudsterRegistrationJob(input);
        return jobFollow(address, 'registration', input.DomainId, res.Job?.JobId);
      },
    },
  },
  export: (read, ctx) => ({
    fraudsterRegistrationJobs: read.fraudsterRegistrationJobs.filter((j) => exportable(read, ctx, FRAUDSTER_REGISTRATION.label, j, j.watchlists)).map(registrationJob),
  }),
  iam: [
    { action: 'voiceid:ListFraudsterRegistrationJobs', role: 'plan', resource: 'voiceid-domain', why: 'run-once registration jobs' },
    { action: 'voiceid:DescribeFraudsterRegistrationJob', role: 'plan', resource: 'voiceid-domain', why: 'job progress and failures' },
    { action: 'voiceid:StartFraudsterRegistrationJob', role: 'apply', resource: 'voiceid-domain', why: 'run-once registration jobs' },
  ],
});

function registrationJob(j: LiveFraudsterRegistrationJob): DesiredFraudsterRegistrationJob {
  return {
    ...exportedJobBase(j),
    ...(j.duplicateRegistrationAction !== undefined ? { duplicateRegistrationAction: j.duplicateRegistrationAction } : {}),
    ...(j.fraudsterSimilarityThreshold !== undefined ? { fraudsterSimilarityThreshold: j.fraudsterSimilarityThreshold } : {}),
    ...(j.watchlists ? { watchlists: j.watchlists } : {}),
  };
}

/** Its section of the YAML format (src/model/schema/desired-state.ts composes the kinds' sections). */
export function registrationJobsYaml(k: SchemaKit) {
  return {
    fraudsterRegistrationJobs: k.Type.Optional(k.mapOf(k.defs.JobName(), k.defs.FraudsterRegistrationJob(), {
      description: 'Run-once fraudster registration jobs (StartFraudsterRegistrationJob), keyed by job name.',
    })),
  };
}
