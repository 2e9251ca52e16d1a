/**
 * Run-once batch jobs (PLAN.md §7): StartSpeakerEnrollmentJob and StartFraudsterRegistrationJob, keyed by
 * JobName. A name that exists live is never started again, so re-running apply cannot enroll twice.
 */
import type { DesiredDomain, DesiredEnrollmentJob, DesiredFraudsterRegistrationJob } from '../model/desired.js';
import { compareBy } from '../model/collections.js';
import { DEFAULT_WATCHLIST_NAME } from '../model/desired.js';
import type { LiveEnrollmentJob, LiveFraudsterRegistrationJob } from '../model/live.js';
import { ACTIVE_JOB_STATUSES } from '../model/live.js';
import type { ChangeOf, DomainIdValue } from '../model/plan.js';
import { canonicalJson, clientToken, scopedToExisting } from './canonical.js';
import type { ChangeSpec, Findings } from './findings.js';
import { attrs, makeChange, message } from './findings.js';
import { resourceAddress } from '../model/plan.js';

type Definition = Readonly<Record<string, string | number | readonly string[] | undefined>>;

export type JobResource = 'enrollment-job' | 'fraudster-registration-job';
/** A job change's `after` without its name: the definition compared with the live job's. */
type JobDefinition<K extends JobResource> = Omit<NonNullable<ChangeOf<K>['after']>, 'jobName'>;

export interface JobKind<K extends JobResource, D extends { jobName: string }, L extends { jobName: string }> {
  readonly kind: K;
  readonly label: string;
  /** Comparable definition with the service's documented defaults applied (R7.2). */
  desiredDefinition(d: D): JobDefinition<K>;
  liveDefinition(l: L): Definition;
  startOp(d: D, domainId: DomainIdValue, token: string): ChangeOf<K>['operations'][number];
}


const dataConfig = (d: DesiredEnrollmentJob | DesiredFraudsterRegistrationJob) => ({
  DataAccessRoleArn: d.dataAccessRoleArn,
  InputDataConfig: { S3Uri: d.inputS3Uri },
  OutputDataConfig: { S3Uri: d.outputS3Uri, ...(d.outputKmsKeyId === undefined ? {} : { KmsKeyId: d.outputKmsKeyId }) },
});

interface JobBase {
  readonly dataAccessRoleArn?: string;
  readonly inputS3Uri?: string;
  readonly outputS3Uri?: string;
  readonly outputKmsKeyId?: string;
}

/** The definition members both job kinds have, of a declared job (all but the KMS key required) or a live one (R7.2). */
const base = <J extends JobBase>(j: J): Pick<J, keyof JobBase> => ({
  dataAccessRoleArn: j.dataAccessRoleArn,
  inputS3Uri: j.inputS3Uri,
  outputS3Uri: j.outputS3Uri,
  outputKmsKeyId: j.outputKmsKeyId,
});

export const ENROLLMENT: JobKind<'enrollment-job', DesiredEnrollmentJob, LiveEnrollmentJob> = {
  kind: 'enrollment-job',
  label: 'enrollment job',
  desiredDefinition: (d) => ({
    ...base(d),
    existingEnrollmentAction: d.existingEnrollmentAction ?? 'SKIP',
    fraudDetectionAction: d.fraudDetection?.action ?? 'FAIL',
    riskThreshold: d.fraudDetection?.riskThreshold,
    watchlists: d.fraudDetection?.watchlists ?? [DEFAULT_WATCHLIST_NAME],
  }),
  liveDefinition: (l) => ({
    ...base(l),
    existingEnrollmentAction: l.existingEnrollmentAction,
    fraudDetectionAction: l.fraudDetection?.action,
    riskThreshold: l.fraudDetection?.riskThreshold,
    watchlists: l.fraudDetection?.watchlists,
  }),
  startOp: (d, domainId, token) => {
    const fd = d.fraudDetection;
    const fraud =
      fd === undefined
        ? undefined
        : {
            ...(fd.action === undefined ? {} : { FraudDetectionAction: fd.action }),
            ...(fd.riskThreshold === undefined ? {} : { RiskThreshold: fd.riskThreshold }),
            ...(fd.watchlists === undefined ? {} : { WatchlistNames: fd.watchlists }),
          };
    const config = {
      ...(d.existingEnrollmentAction === undefined ? {} : { ExistingEnrollmentAction: d.existingEnrollmentAction }),
      ...(fraud === undefined ? {} : { FraudDetectionConfig: fraud }),
    };
    return {
      kind: 'StartSpeakerEnrollmentJob',
      input: {
        ClientToken: token,
        JobName: d.jobName,
        DomainId: domainId,
        ...dataConfig(d),
        ...(Object.keys(config).length === 0 ? {} : { EnrollmentConfig: config }),
      },
    };
  },
};

export const FRAUDSTER_REGISTRATION: JobKind<'fraudster-registration-job', DesiredFraudsterRegistrationJob, LiveFraudsterRegistrationJob> = {
  kind: 'fraudster-registration-job',
  label: 'fraudster registration job',
  desiredDefinition: (d) => ({
    ...base(d),
    duplicateRegistrationAction: d.duplicateRegistrationAction ?? 'SKIP',
    fraudsterSimilarityThreshold: d.fraudsterSimilarityThreshold,
    watchlists: d.watchlists ?? [DEFAULT_WATCHLIST_NAME],
  }),
  liveDefinition: (l) => ({
    ...base(l),
    duplicateRegistrationAction: l.duplicateRegistrationAction,
    fraudsterSimilarityThreshold: l.fraudsterSimilarityThreshold,
    watchlists: l.watchlists,
  }),
  startOp: (d, domainId, token) => {
    const config = {
      ...(d.duplicateRegistrationAction === undefined ? {} : { DuplicateRegistrationAction: d.duplicateRegistrationAction }),
      ...(d.fraudsterSimilarityThreshold === undefined ? {} : { FraudsterSimilarityThreshold: d.fraudsterSimilarityThreshold }),
      ...(d.watchlists === undefined ? {} : { WatchlistNames: d.watchlists }),
    };
    return {
      kind: 'StartFraudsterRegistrationJob',
      input: {
        ClientToken: token,
        JobName: d.jobName,
        DomainId: domainId,
        ...dataConfig(d),
        ...(Object.keys(config).length === 0 ? {} : { RegistrationConfig: config }),
      },
    };
  },
};

export interface LiveJobFacts {
  readonly jobName: string;
  readonly jobId: string;
  readonly status: string;
  readonly createdAt?: string;
  readonly endedAt?: string;
  readonly progress?: { readonly percentComplete?: number };
  readonly failure?: { readonly statusCode?: number; readonly message?: string };
  readonly outputS3Uri?: string;
}

export function planJobs<K extends JobResource, D extends { jobName: string }, L extends LiveJobFacts>(
  spec: JobKind<K, D, L>,
  ctx: { readonly stack: string; readonly desired: DesiredDomain; readonly domainId: DomainIdValue; readonly out: Findings },
  desiredJobs: readonly D[],
  liveJobs: readonly L[],
): void {
  const latest = new Map<string, L>();
  // Sorted by name then createdAt, so the last of a name is the latest run.
  const sorted = [...liveJobs].sort(byNameThenCreated);
  for (const j of sorted) latest.set(j.jobName, j);
  // R7.4: Voice ID runs one job of a kind per domain at a time (a second Start is ServiceQuotaExceededException),
  // so each new job waits for the one before it: a live active job, then the new ones in name order.
  let before = sorted.find((j) => ACTIVE_JOB_STATUSES.has(j.status))?.jobName;
  for (const d of [...desiredJobs].sort(compareBy((j) => j.jobName))) {
    const address = resourceAddress(ctx.desired.key, spec.kind, d.jobName);
    const existing = latest.get(d.jobName);
    if (existing) {
      reportExisting(spec, address, d, existing, ctx.out);
      continue;
    }
    const after = before;
    before = d.jobName;
    const definition = attrs(spec.desiredDefinition(d));
    // The name and the definition make the kind's `after`, its Start its operations (TypeScript does not follow K
    // through the spread, so the spec is asserted to be K's).
    const change = {
      address,
      kind: spec.kind,
      action: 'start',
      domainKey: ctx.desired.key,
      domainId: ctx.domainId,
      after: attrs({ jobName: d.jobName, ...definition }),
      operations: [spec.startOp(d, ctx.domainId, scopedToExisting(clientToken(ctx.stack, address, d), ctx.domainId))],
      reasons: ['run-once: a job whose name exists in the domain is never started again'],
      ...(after === undefined
        ? {}
        : { deferred: { reason: `Voice ID runs one ${spec.label} per domain at a time: starts after ${after} ends; the next apply after that starts it (or apply --wait)` } }),
    } as unknown as ChangeSpec<K>;
    ctx.out.changes.push(makeChange(change));
  }
}

const byNameThenCreated = compareBy((j: LiveJobFacts) => j.jobName, (j) => j.createdAt ?? '', (j) => j.jobId);

/** R7.1, R7.2: show the status of an existing job; a changed definition is a warning, never a restart. */
function reportExisting<K extends JobResource, D extends { jobName: string }, L extends LiveJobFacts>(
  spec: JobKind<K, D, L>,
  address: string,
  d: D,
  l: L,
  out: Findings,
): void {
  const progress = l.progress?.percentComplete === undefined ? '' : `, ${l.progress.percentComplete}% complete`;
  const head = `${spec.label} "${l.jobName}" (${l.jobId}) is ${l.status}${progress}`;
  if (l.status === 'FAILED') {
    const detail = l.failure ? `: ${l.failure.message ?? 'no message'}${l.failure.statusCode === undefined ? '' : ` (status ${l.failure.statusCode})`}` : '';
    out.warnings.push(message('W_JOB_FAILED', `${head}${detail}`, { address, hint: `a run-once job is never restarted: to run it again, give it a new name in the YAML (\`${l.jobName}-2:\` instead of \`${l.jobName}:\`)` }));
  } else if (l.status === 'COMPLETED_WITH_ERRORS') {
    const where = l.outputS3Uri ? `; per-item results under ${l.outputS3Uri.replace(/\/$/, '')}/${l.jobId}/` : '';
    const detail = l.failure?.message ? `: ${l.failure.message}` : '';
    out.warnings.push(message('W_JOB_COMPLETED_WITH_ERRORS', `${head}${detail}${where}`, { address }));
  } else {
    const ended = l.endedAt ? ` (ended ${l.endedAt})` : '';
    // A COMPLETED job asks for nothing: its note is folded by the renderers (it is news only while it runs).
    out.notes.push(message('N_JOB_STATUS', `${head}${ended}`, { address, ...(l.status === 'COMPLETED' ? { settled: true as const } : {}) }));
  }
  const want = spec.desiredDefinition(d) as unknown as Definition;
  const have = spec.liveDefinition(l);
  const changed = Object.keys(want)
    .filter((k) => want[k] !== undefined && have[k] !== undefined && canonicalJson(want[k]) !== canonicalJson(have[k]))
    .sort();
  if (changed.length > 0) {
    out.warnings.push(
      message('W_JOB_DEFINITION_CHANGED', `the definition of ${spec.label} "${l.jobName}" changed (${changed.join(', ')}) but it already ran; rename the job to run it again`, { address }),
    );
  }
}
