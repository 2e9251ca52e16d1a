/**
 * The YAML checks of the two run-once job kinds (PLAN.md §7): each job keyed by its JobName, the Voice ID
 * constraints of its definition, and the watchlists it names declared in its domain (or `default`).
 */
import type { DesiredDomain, DesiredEnrollmentJob, DesiredFraudDetection, DesiredFraudsterRegistrationJob } from '../model/desired.js';
import { DEFAULT_WATCHLIST_NAME } from '../model/desired.js';
import type { EnrollmentJobDocument, FraudDetectionDocument, FraudsterRegistrationJobDocument } from '../model/schema/desired-state.js';
import { compactPlain, compareStrings } from '../model/collections.js';
import { checkConstraint, type Reporter } from '../config/constraint-check.js';
import type { Path } from '../config/locate.js';
import { entries, int, isObj, str, unchecked, type Unchecked } from '../config/unchecked.js';
import type { YamlCheckInput, YamlPart } from './types.js';

type JobDocument = EnrollmentJobDocument | FraudsterRegistrationJobDocument;

/** The jobs of one member (`enrollmentJobs`, `fraudsterRegistrationJobs`), each checked, sorted by JobName. */
function checkJobs<J extends { readonly jobName: string }>(
  { r, doc, path }: YamlCheckInput,
  member: 'enrollmentJobs' | 'fraudsterRegistrationJobs',
  check: (r: Reporter, name: string, raw: unknown, path: Path, declared: ReadonlySet<string>) => J,
): J[] {
  // The watchlists a job may name: those its domain declares (their own check reports a bad one).
  const declared = new Set(entries(doc['watchlists']).map(([name]) => name));
  return entries(doc[member]).map(([name, job]) => check(r, name, job, [...path, member, name], declared)).sort((a, b) => compareStrings(a.jobName, b.jobName));
}

export const checkEnrollmentJobsYaml = (input: YamlCheckInput): YamlPart => ({ domain: { enrollmentJobs: checkJobs(input, 'enrollmentJobs', checkEnrollmentJob) } });
export const checkRegistrationJobsYaml = (input: YamlCheckInput): YamlPart => ({ domain: { fraudsterRegistrationJobs: checkJobs(input, 'fraudsterRegistrationJobs', checkRegistrationJob) } });

function checkJobBase(r: Reporter, name: string, raw: Unchecked<JobDocument>, path: Path) {
  checkConstraint(r, 'JobName', name, path, { label: 'job name', at: 'key' });
  const fields: Array<[keyof JobDocument, string]> = [['dataAccessRoleArn', 'IamRoleArn'], ['inputS3Uri', 'S3Uri'], ['outputS3Uri', 'S3Uri'], ['outputKmsKeyId', 'KmsKeyId']];
  for (const [field, shape] of fields) checkConstraint(r, shape, raw[field], [...path, field]);
  const outputKmsKeyId = str(raw['outputKmsKeyId']);
  return {
    jobName: name,
    dataAccessRoleArn: str(raw['dataAccessRoleArn']) ?? '',
    inputS3Uri: str(raw['inputS3Uri']) ?? '',
    outputS3Uri: str(raw['outputS3Uri']) ?? '',
    ...(outputKmsKeyId === undefined ? {} : { outputKmsKeyId }),
  };
}

function checkJobWatchlists(r: Reporter, raw: unknown, path: Path, shape: string, declared: ReadonlySet<string>): string[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  checkConstraint(r, shape, raw, path);
  raw.forEach((w: unknown, i) => {
    if (typeof w !== 'string' || !checkConstraint(r, 'WatchlistName', w, [...path, i])) return;
    if (w !== DEFAULT_WATCHLIST_NAME && !declared.has(w)) {
      const known = [DEFAULT_WATCHLIST_NAME, ...[...declared].filter((n) => n !== DEFAULT_WATCHLIST_NAME)].join(', ');
      r.report('E_UNKNOWN_WATCHLIST', `watchlist ${JSON.stringify(w)} is not declared in this domain's watchlists (known: ${known})`, [...path, i]);
    }
  });
  return raw.filter((w): w is string => typeof w === 'string');
}

function checkEnrollmentJob(r: Reporter, name: string, raw: unknown, path: Path, declared: ReadonlySet<string>): DesiredEnrollmentJob {
  const job = unchecked<EnrollmentJobDocument>(raw);
  const base = checkJobBase(r, name, job, path);
  checkConstraint(r, 'ExistingEnrollmentAction', job['existingEnrollmentAction'], [...path, 'existingEnrollmentAction']);
  const action = str(job['existingEnrollmentAction']) as DesiredEnrollmentJob['existingEnrollmentAction'];
  const fd = isObj(job['fraudDetection']) ? unchecked<FraudDetectionDocument>(job['fraudDetection']) : undefined;
  let fraudDetection: DesiredFraudDetection | undefined;
  if (fd) {
    const fp = [...path, 'fraudDetection'];
    checkConstraint(r, 'FraudDetectionAction', fd['action'], [...fp, 'action']);
    checkConstraint(r, 'Score', fd['riskThreshold'], [...fp, 'riskThreshold']);
    const watchlists = checkJobWatchlists(r, fd['watchlists'], [...fp, 'watchlists'], 'EnrollmentJobFraudDetectionConfigWatchlistIds', declared);
    const fdAction = str(fd['action']) as DesiredFraudDetection['action'];
    const risk = int(fd['riskThreshold']);
    fraudDetection = {
      ...(fdAction === undefined ? {} : { action: fdAction }),
      ...(risk === undefined ? {} : { riskThreshold: risk }),
      ...(watchlists === undefined ? {} : { watchlists }),
    };
  }
  return { ...base, ...(action === undefined ? {} : { existingEnrollmentAction: action }), ...(fraudDetection ? { fraudDetection } : {}) };
}

function checkRegistrationJob(r: Reporter, name: string, raw: unknown, path: Path, declared: ReadonlySet<string>): DesiredFraudsterRegistrationJob {
  const job = unchecked<FraudsterRegistrationJobDocument>(raw);
  const base = checkJobBase(r, name, job, path);
  checkConstraint(r, 'DuplicateRegistrationAction', job['duplicateRegistrationAction'], [...path, 'duplicateRegistrationAction']);
  checkConstraint(r, 'Score', job['fraudsterSimilarityThreshold'], [...path, 'fraudsterSimilarityThreshold']);
  const watchlists = checkJobWatchlists(r, job['watchlists'], [...path, 'watchlists'], 'RegistrationConfigWatchlistIds', declared);
  const action = str(job['duplicateRegistrationAction']) as DesiredFraudsterRegistrationJob['duplicateRegistrationAction'];
  const threshold = int(job['fraudsterSimilarityThreshold']);
  return {
    ...base,
    ...(action === undefined ? {} : { duplicateRegistrationAction: action }),
    ...(threshold === undefined ? {} : { fraudsterSimilarityThreshold: threshold }),
    ...(watchlists === undefined ? {} : { watchlists }),
  };
}

const jobBase = (j: DesiredEnrollmentJob | DesiredFraudsterRegistrationJob) =>
  ({ dataAccessRoleArn: j.dataAccessRoleArn, inputS3Uri: j.inputS3Uri, outputS3Uri: j.outputS3Uri, outputKmsKeyId: j.outputKmsKeyId });

/** The YAML writer's side (to-yaml.ts): each job under its JobName, absent optional values left out. */
export function writeEnrollmentJobs(d: DesiredDomain): Record<string, unknown> {
  const enrollmentJobs: Record<string, unknown> = {};
  for (const j of d.enrollmentJobs) {
    const fd = j.fraudDetection;
    enrollmentJobs[j.jobName] = {
      ...compactPlain({ ...jobBase(j), existingEnrollmentAction: j.existingEnrollmentAction }),
      // Written even when empty: `fraudDetection: {}` is a (default) configuration, not its absence.
      ...(fd ? { fraudDetection: { ...compactPlain({ action: fd.action, riskThreshold: fd.riskThreshold }), ...(fd.watchlists ? { watchlists: [...fd.watchlists] } : {}) } } : {}),
    };
  }
  return { enrollmentJobs };
}

export function writeRegistrationJobs(d: DesiredDomain): Record<string, unknown> {
  const fraudsterRegistrationJobs: Record<string, unknown> = {};
  for (const j of d.fraudsterRegistrationJobs) {
    fraudsterRegistrationJobs[j.jobName] = {
      ...compactPlain({ ...jobBase(j), duplicateRegistrationAction: j.duplicateRegistrationAction, fraudsterSimilarityThreshold: j.fraudsterSimilarityThreshold }),
      ...(j.watchlists ? { watchlists: [...j.watchlists] } : {}),
    };
  }
  return { fraudsterRegistrationJobs };
}
