/** SDK-shaped answers -> LiveState records: ISO timestamps, absent members left out, tags as a record. */
import type { AwsTag, DomainShape, FraudsterRegistrationJobShape, JobSummaryShape, SpeakerEnrollmentJobShape } from '../aws/api.js';
import type {
  DomainStatus, EncryptionUpdateStatus, JobStatus, LiveDomain, LiveEnrollmentJob, LiveFraudsterRegistrationJob, LiveWatchlist,
} from '../model/live.js';
import { DEFAULT_WATCHLIST_NAME } from '../model/desired.js';
import type { DuplicateRegistrationAction, ExistingEnrollmentAction, FraudDetectionAction } from '../model/desired.js';
import { compareStrings, dropUndefined } from '../model/collections.js';

export const iso = (d: Date | undefined): string | undefined => (d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString() : undefined);


export function tagsOf(tags: readonly AwsTag[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of [...(tags ?? [])].sort((a, b) => compareStrings(a.Key ?? '', b.Key ?? ''))) if (t.Key !== undefined) out[t.Key] = t.Value ?? '';
  return out;
}

export function domainIdOfArn(arn: string): string | undefined {
  return arn.match(/:domain\/([a-zA-Z0-9]{22})$/)?.[1];
}

export function liveDomainOf(d: DomainShape, tags: Readonly<Record<string, string>>): LiveDomain {
  const enc = d.ServerSideEncryptionUpdateDetails;
  return dropUndefined({
    domainId: d.DomainId ?? '',
    arn: d.Arn ?? '',
    name: d.Name ?? '',
    description: d.Description,
    status: (d.DomainStatus ?? 'ACTIVE') as DomainStatus,
    kmsKeyId: d.ServerSideEncryptionConfiguration?.KmsKeyId ?? '',
    encryptionUpdate: enc?.UpdateStatus
      ? dropUndefined({ status: enc.UpdateStatus as EncryptionUpdateStatus, oldKmsKeyId: enc.OldKmsKeyId, message: enc.Message })
      : undefined,
    defaultWatchlistId: d.WatchlistDetails?.DefaultWatchlistId,
    tags,
    createdAt: iso(d.CreatedAt),
    updatedAt: iso(d.UpdatedAt),
  });
}

function jobBase(j: JobSummaryShape) {
  return {
    jobId: j.JobId ?? '',
    jobName: j.JobName ?? '',
    status: (j.JobStatus ?? 'SUBMITTED') as JobStatus,
    createdAt: iso(j.CreatedAt),
    endedAt: iso(j.EndedAt),
    progress: j.JobProgress ? dropUndefined({ percentComplete: j.JobProgress.PercentComplete }) : undefined,
    failure: j.FailureDetails ? dropUndefined({ statusCode: j.FailureDetails.StatusCode, message: j.FailureDetails.Message }) : undefined,
  };
}

/** Watchlist ids -> names as the YAML writes them (`default` for the default watchlist; an unknown id stays). */
export type WatchlistNames = (ids: readonly string[] | undefined) => string[] | undefined;

export function watchlistNamer(watchlists: readonly LiveWatchlist[], defaultId: string | undefined): WatchlistNames {
  const byId = new Map(watchlists.map((w) => [w.watchlistId, w.isDefault ? DEFAULT_WATCHLIST_NAME : w.name]));
  if (defaultId) byId.set(defaultId, DEFAULT_WATCHLIST_NAME);
  return (ids) => ids?.map((id) => byId.get(id) ?? id);
}

export function enrollmentJobOf(summary: JobSummaryShape, job: SpeakerEnrollmentJobShape | undefined, names: WatchlistNames): LiveEnrollmentJob {
  const fd = job?.EnrollmentConfig?.FraudDetectionConfig;
  return dropUndefined({
    ...jobBase(job ?? summary),
    ...definition(job),
    existingEnrollmentAction: job?.EnrollmentConfig?.ExistingEnrollmentAction as ExistingEnrollmentAction | undefined,
    fraudDetection: fd
      ? dropUndefined({ action: fd.FraudDetectionAction as FraudDetectionAction | undefined, riskThreshold: fd.RiskThreshold, watchlists: names(fd.WatchlistIds) })
      : undefined,
  });
}

export function registrationJobOf(summary: JobSummaryShape, job: FraudsterRegistrationJobShape | undefined, names: WatchlistNames): LiveFraudsterRegistrationJob {
  const rc = job?.RegistrationConfig;
  return dropUndefined({
    ...jobBase(job ?? summary),
    ...definition(job),
    duplicateRegistrationAction: rc?.DuplicateRegistrationAction as DuplicateRegistrationAction | undefined,
    fraudsterSimilarityThreshold: rc?.FraudsterSimilarityThreshold,
    watchlists: names(rc?.WatchlistIds),
  });
}

function definition(job: SpeakerEnrollmentJobShape | FraudsterRegistrationJobShape | undefined) {
  return {
    dataAccessRoleArn: job?.DataAccessRoleArn,
    inputS3Uri: job?.InputDataConfig?.S3Uri,
    outputS3Uri: job?.OutputDataConfig?.S3Uri,
    outputKmsKeyId: job?.OutputDataConfig?.KmsKeyId,
  };
}

