/**
 * DesiredState -> YAML text in format version 1, the inverse of the loader (`export` writes backups with it).
 * Speaker ids are written inline (`optedOutSpeakers`); keys come in the documented order, absent optional
 * values are left out, and strings that would read back as another type are quoted by the yaml writer.
 */
import { stringify } from 'yaml';
import type { DesiredDomain, DesiredEnrollmentJob, DesiredFraudsterRegistrationJob, DesiredState } from '../model/desired.js';
import { dropUndefined } from '../model/collections.js';

export interface ToYamlOptions {
  /** Path of the JSON Schema from where the file will be written, for the yaml-language-server comment. */
  readonly schemaPath?: string;
}

type Plain = { [key: string]: unknown };

/** Drops undefined members and empty collections so that the written file stays minimal. */
function compact(obj: Plain): Plain {
  const empty = (v: unknown): boolean => typeof v === 'object' && v !== null && (Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0);
  return Object.fromEntries(Object.entries(dropUndefined(obj)).filter(([, v]) => !empty(v)));
}

function jobBase(j: DesiredEnrollmentJob | DesiredFraudsterRegistrationJob): Plain {
  return { dataAccessRoleArn: j.dataAccessRoleArn, inputS3Uri: j.inputS3Uri, outputS3Uri: j.outputS3Uri, outputKmsKeyId: j.outputKmsKeyId };
}

function domainToPlain(d: DesiredDomain): Plain {
  const watchlists: Plain = {};
  for (const w of d.watchlists) watchlists[w.name] = { ...(w.description === undefined ? {} : { description: w.description }), ...(w.fraudsters ? { fraudsters: [...w.fraudsters] } : {}) };
  if (d.defaultWatchlist) watchlists['default'] = { fraudsters: [...d.defaultWatchlist.fraudsters] };
  const enrollmentJobs: Plain = {};
  for (const j of d.enrollmentJobs) {
    const fd = j.fraudDetection;
    enrollmentJobs[j.jobName] = {
      ...compact({ ...jobBase(j), existingEnrollmentAction: j.existingEnrollmentAction }),
      // Written even when empty: `fraudDetection: {}` is a (default) configuration, not its absence.
      ...(fd ? { fraudDetection: { ...compact({ action: fd.action, riskThreshold: fd.riskThreshold }), ...(fd.watchlists ? { watchlists: [...fd.watchlists] } : {}) } } : {}),
    };
  }
  const registrationJobs: Plain = {};
  for (const j of d.fraudsterRegistrationJobs) {
    registrationJobs[j.jobName] = {
      ...compact({ ...jobBase(j), duplicateRegistrationAction: j.duplicateRegistrationAction, fraudsterSimilarityThreshold: j.fraudsterSimilarityThreshold }),
      ...(j.watchlists ? { watchlists: [...j.watchlists] } : {}),
    };
  }
  return compact({
    name: d.name === d.key ? undefined : d.name,
    description: d.description,
    kmsKeyId: d.kmsKeyId,
    adopt: d.adopt,
    protect: d.protect,
    ignoreChanges: d.ignoreChanges ? [...d.ignoreChanges] : undefined,
    tags: { ...d.tags },
    optedOutSpeakers: [...d.optedOutSpeakers],
    watchlists,
    enrollmentJobs,
    fraudsterRegistrationJobs: registrationJobs,
  });
}

export function toYaml(state: DesiredState, options: ToYamlOptions = {}): string {
  const domains: Plain = {};
  for (const d of state.domains) domains[d.key] = domainToPlain(d);
  const doc = compact({ version: state.version, stack: state.stack, region: state.region, prune: state.prune, domains });
  const body = stringify(doc, { lineWidth: 0, indentSeq: true, defaultKeyType: 'PLAIN', defaultStringType: 'PLAIN' });
  const header = options.schemaPath ? `# yaml-language-server: $schema=${options.schemaPath}\n` : '';
  return header + body;
}
