/**
 * Run-once fraudster registration jobs (PLAN.md §7): declared under `domains.<key>.fraudsterRegistrationJobs`,
 * keyed by JobName.
 */
import { FRAUDSTER_REGISTRATION, planJobs } from '../plan/jobs.js';
import type { DesiredFraudsterRegistrationJob } from '../model/desired.js';
import type { LiveFraudsterRegistrationJob } from '../model/live.js';
import type { FraudsterRegistrationJobShape } from '../aws/index.js';
import { registrationJobOf } from '../live/map.js';
import { deferredJob, exportable, exportedJobBase, failedWatchlist, jobFollow, jobRead, jobWatchlistAddresses, registrationInput } from './jobs.js';
import { checkRegistrationJobsYaml, writeRegistrationJobs } from './job-checks.js';
import type { SchemaKit } from '../model/schema/kit.js';
import { jobRisks } from '../render/risk-lines.js';
import type { ResourceKindModule } from './types.js';
import { resourceAddress } from '../model/plan.js';

export const fraudsterRegistrationJobKind: ResourceKindModule<'fraudster-registration-job', 'StartFraudsterRegistrationJob', 'fraudsterRegistrationJobs'> = {
  kind: 'fraudster-registration-job',
  description: 'a run-once fraudster registration batch job (never started twice)',
  address: { shape: 'named', target: { addresses: (d) => d.fraudsterRegistrationJobs.map((j) => resourceAddress(d.key, 'fraudster-registration-job', j.jobName)), needs: jobWatchlistAddresses } },
  destroys: false,
  yamlMembers: ['fraudsterRegistrationJobs'],
  yaml: { schema: registrationJobsYaml, check: checkRegistrationJobsYaml, write: writeRegistrationJobs },
  plan: ({ desired, live, domainId, ctx }) => {
    planJobs(FRAUDSTER_REGISTRATION, { stack: ctx.stack, desired, domainId, out: ctx.out }, desired.fraudsterRegistrationJobs, live?.details?.fraudsterRegistrationJobs ?? []);
    return 'continue';
  },
  read: jobRead({
    member: 'fraudsterRegistrationJobs',
    jobKind: 'registration',
    declared: (d) => d.fraudsterRegistrationJobs,
    list: (api, input) => api.listFraudsterRegistrationJobs(input),
    describe: async (api, input) => (await api.describeFraudsterRegistrationJob(input)).Job,
    of: (summary, job, names) => registrationJobOf(summary, job as FraudsterRegistrationJobShape | undefined, names),
  }),
  apply: {
    operations: {
      StartFraudsterRegistrationJob: {
        run: async (op, { api, state, address }) => {
          const input = await registrationInput(op, state);
          const res = await api.startFraudsterRegistrationJob(input);
          return jobFollow(address, 'registration', input.DomainId, res.Job?.JobId);
        },
      },
    },
    after: ['watchlist'],
    skipReason: failedWatchlist,
    deferred: deferredJob('registration'),
  },
  render: { risks: jobRisks('fraudster registration') },
  export: (read, ctx) => ({
    fraudsterRegistrationJobs: read.fraudsterRegistrationJobs.filter((j) => exportable(read, ctx, 'fraudster registration job', j, j.watchlists)).map(registrationJob),
  }),
  iam: [
    { action: 'voiceid:ListFraudsterRegistrationJobs', role: 'plan', resource: 'voiceid-domain', why: 'run-once registration jobs' },
    { action: 'voiceid:DescribeFraudsterRegistrationJob', role: 'plan', resource: 'voiceid-domain', why: 'job progress and failures' },
    { action: 'voiceid:StartFraudsterRegistrationJob', role: 'apply', resource: 'voiceid-domain', why: 'run-once registration jobs' },
    { action: 'iam:PassRole', role: 'apply', resource: 'job-role', why: 'hand the data access role to batch jobs' },
  ],
};

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
