/**
 * One domain's mapping -> a DesiredDomain (without the ids of its opt-out file, which merge.ts adds), reporting
 * every Voice ID constraint and every rule of the format on the way: reserved tag prefix, 198 user tags, at most
 * 2 custom watchlists (`default` is the default watchlist's members), jobs' watchlists declared, speaker and fraudster
 * ids valid and listed once.
 */
import type {
  DesiredDomain, DesiredEnrollmentJob, DesiredFraudDetection, DesiredFraudsterRegistrationJob, DesiredWatchlist,
} from '../model/desired.js';
import type {
  DomainDocument, EnrollmentJobDocument, FraudDetectionDocument, FraudsterRegistrationJobDocument, WatchlistDocument,
} from '../model/schema/desired-state.js';
import type { IgnoreChange } from '../model/desired.js';
import { DEFAULT_WATCHLIST_NAME, IGNORABLE_ATTRIBUTES, RESERVED_TAG_PREFIX, toolTagCount } from '../model/desired.js';
import { voiceIdConstraints } from '../constraints/load.js';
import { RESOURCE_QUOTAS } from '../model/quotas.js';
import { maskSpeakerId } from '../model/sensitive.js';
import { checkConstraint, type Reporter } from './constraint-check.js';
import type { Path } from './locate.js';
import { checkMembers, inlineIds, type DeclaredMembers } from './check-members.js';
import { compareStrings } from '../model/collections.js';

export type Obj = Readonly<Record<string, unknown>>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
const entries = (v: unknown): Array<[string, unknown]> => (isObj(v) ? Object.entries(v) : []);
/**
 * A mapping of the format before it is known to be valid (every problem is reported in one run, so checks also
 * read documents the schema refused): only the format's keys can be read, and each value is still unchecked.
 */
export type Unchecked<T> = { readonly [K in keyof T]-?: unknown };
export const unchecked = <T>(v: unknown): Unchecked<T> => (isObj(v) ? v : {}) as Unchecked<T>;

const OWNERSHIP_TAGS = 2;
/** Ownership tags take 2 of the 200 tags a CreateDomain / TagResource call carries (read when first needed). */
function maxUserTags(): number {
  const s = voiceIdConstraints().shapes['TagList'];
  return (s?.type === 'list' && s.length?.max !== undefined ? s.length.max : 200) - OWNERSHIP_TAGS;
}
/** The default watchlist counts against the per-domain quota. */
export const MAX_CUSTOM_WATCHLISTS = RESOURCE_QUOTAS.watchlistsPerDomain - 1;

/** A domain as one file declares it, before its opt-out file is read. */
export interface FileDomain {
  readonly domain: DesiredDomain;
  /** Inline ids in order with their paths (for cross-duplicate messages). */
  readonly inlineSpeakers: ReadonlyArray<{ readonly id: string; readonly path: Path }>;
  readonly optOutFile?: string;
  /** Watchlists that declare their members (`default` included), with their fraudstersFile as written. */
  readonly members: readonly DeclaredMembers[];
}

export function checkDomain(r: Reporter, key: string, raw: unknown, path: Path): FileDomain | undefined {
  checkConstraint(r, 'DomainName', key, path, { label: 'domain key', at: 'key' });
  if (!isObj(raw)) return undefined;
  const doc = unchecked<DomainDocument>(raw);
  const fields: Array<[keyof DomainDocument, string]> = [['name', 'DomainName'], ['description', 'Description'], ['kmsKeyId', 'KmsKeyId'], ['adopt', 'DomainId']];
  for (const [field, shape] of fields) checkConstraint(r, shape, doc[field], [...path, field]);
  const { watchlists, members } = checkWatchlists(r, doc['watchlists'], [...path, 'watchlists']);
  const defaultMembers = members.find((m) => m.watchlist === DEFAULT_WATCHLIST_NAME);
  const declared = new Set(watchlists.map((w) => w.name));
  const inlineSpeakers = checkSpeakers(r, doc['optedOutSpeakers'], [...path, 'optedOutSpeakers']);
  const description = str(doc['description']);
  const adopt = str(doc['adopt']);
  const protect = typeof doc['protect'] === 'boolean' ? doc['protect'] : undefined;
  const ignoreChanges = checkIgnoreChanges(r, doc['ignoreChanges'], [...path, 'ignoreChanges']);
  const domain: DesiredDomain = {
    key,
    name: str(doc['name']) ?? key,
    ...(description === undefined ? {} : { description }),
    kmsKeyId: str(doc['kmsKeyId']) ?? '',
    tags: checkTags(r, doc['tags'], [...path, 'tags'], toolTagCount({ ...(protect === undefined ? {} : { protect }) })),
    optedOutSpeakers: [...new Set(inlineSpeakers.map((s) => s.id))].sort(compareStrings),
    ...(adopt === undefined ? {} : { adopt }),
    ...(protect === undefined ? {} : { protect }),
    ...(ignoreChanges === undefined ? {} : { ignoreChanges }),
    watchlists,
    ...(defaultMembers ? { defaultWatchlist: { fraudsters: inlineIds(defaultMembers) } } : {}),
    enrollmentJobs: entries(doc['enrollmentJobs'])
      .map(([name, job]) => checkEnrollmentJob(r, name, job, [...path, 'enrollmentJobs', name], declared))
      .sort((a, b) => compareStrings(a.jobName, b.jobName)),
    fraudsterRegistrationJobs: entries(doc['fraudsterRegistrationJobs'])
      .map(([name, job]) => checkRegistrationJob(r, name, job, [...path, 'fraudsterRegistrationJobs', name], declared))
      .sort((a, b) => compareStrings(a.jobName, b.jobName)),
  };
  const optOutFile = str(doc['optedOutSpeakersFile']);
  return { domain, inlineSpeakers, ...(optOutFile ? { optOutFile } : {}), members };
}

/** R12.3: each entry one of IGNORABLE_ATTRIBUTES or `tags.KEY` (KEY a user tag key), listed once. */
function checkIgnoreChanges(r: Reporter, raw: unknown, path: Path): IgnoreChange[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const seen = new Map<string, number>();
  raw.forEach((entry: unknown, i) => {
    if (typeof entry !== 'string') return; // the schema reports the type
    const p = [...path, i];
    const tagKey = entry.startsWith('tags.') ? entry.slice('tags.'.length) : undefined;
    if (tagKey === undefined && !(IGNORABLE_ATTRIBUTES as readonly string[]).includes(entry)) {
      r.report('E_IGNORE_CHANGES', `ignoreChanges entry ${JSON.stringify(entry)} is not an attribute: use ${IGNORABLE_ATTRIBUTES.join(', ')} or "tags.KEY"`, p);
      return;
    }
    if (tagKey !== undefined && tagKey.startsWith(RESERVED_TAG_PREFIX)) {
      r.report('E_IGNORE_CHANGES', `ignoreChanges entry ${JSON.stringify(entry)} names a voiceid-gitops tag: only user tags can be ignored`, p);
      return;
    }
    if (tagKey !== undefined && !checkConstraint(r, 'TagKey', tagKey, p, { label: 'ignored tag key' })) return;
    const first = seen.get(entry);
    if (first !== undefined) r.report('E_IGNORE_CHANGES', `ignoreChanges lists ${JSON.stringify(entry)} twice (first as item ${first + 1})`, p);
    else seen.set(entry, i);
  });
  return [...seen.keys()].sort(compareStrings) as IgnoreChange[];
}

function checkTags(r: Reporter, raw: unknown, path: Path, toolTags: number): Readonly<Record<string, string>> {
  const all = entries(raw);
  if (all.length > maxUserTags()) {
    r.report('E_COUNT', `${all.length} tags: at most ${maxUserTags()} (Voice ID takes 200 per domain and 2 are the voiceid-gitops ownership tags)`, path, 'key');
  } else if (all.length + toolTags > RESOURCE_QUOTAS.tagsPerDomain) {
    // The 200 above is the API's per-call limit (a model constraint); the per-domain quota is lower and inferred
    // (voice-id-facts.md §2.1: Amazon Connect's 50 tags per resource), so it is a warning here and plan's error.
    const quota = RESOURCE_QUOTAS.tagsPerDomain;
    r.report('W_TAG_QUOTA', `${all.length} tags + ${toolTags} voiceid-gitops tags (ownership, applied record${toolTags > 3 ? ', protection' : ''}): more than the ${quota} tags per domain that Voice ID takes, so plan will refuse this domain`, path, 'key', 'warning');
  }
  const out: Record<string, string> = {};
  for (const [k, v] of all.sort((a, b) => compareStrings(a[0], b[0]))) {
    checkConstraint(r, 'TagKey', k, [...path, k], { label: 'tag key', at: 'key' });
    if (k.startsWith(RESERVED_TAG_PREFIX)) {
      r.report('E_RESERVED_TAG', `tag key ${JSON.stringify(k)} uses the reserved prefix \`${RESERVED_TAG_PREFIX}\` (voiceid-gitops records ownership there)`, [...path, k], 'key');
    }
    checkConstraint(r, 'TagValue', v, [...path, k]);
    if (typeof v === 'string') out[k] = v;
  }
  return out;
}

function checkSpeakers(r: Reporter, raw: unknown, path: Path): Array<{ id: string; path: Path }> {
  if (!Array.isArray(raw)) return [];
  const out: Array<{ id: string; path: Path }> = [];
  const first = new Map<string, number>();
  raw.forEach((id: unknown, i) => {
    if (typeof id !== 'string') return;
    const p = [...path, i];
    if (!checkConstraint(r, 'CustomerSpeakerId', id, p, { label: 'speaker id', speaker: true })) return;
    const seen = first.get(id);
    if (seen !== undefined) {
      r.report('E_DUPLICATE_SPEAKER', `speaker id ${maskSpeakerId(id)} is listed twice (first as item ${seen + 1})`, p);
      return;
    }
    first.set(id, i);
    out.push({ id, path: p });
  });
  return out;
}

interface CheckedWatchlists {
  readonly watchlists: DesiredWatchlist[];
  /** The declared members of each watchlist declaring `fraudsters` or `fraudstersFile`, `default` included. */
  readonly members: DeclaredMembers[];
}

/** Custom watchlists, and `default`: the domain's default watchlist, which declares only its members. */
function checkWatchlists(r: Reporter, raw: unknown, path: Path): CheckedWatchlists {
  const out: DesiredWatchlist[] = [];
  const members: DeclaredMembers[] = [];
  let custom = 0;
  entries(raw).forEach(([name, w]) => {
    const p = [...path, name];
    const body = isObj(w) ? w : {};
    const declared = checkMembers(r, name, body, p);
    if (declared) members.push(declared);
    const fraudsters = declared ? { fraudsters: inlineIds(declared) } : {};
    // The schema refuses any other key under `default` (the default watchlist's name and description are Voice ID's).
    if (name === DEFAULT_WATCHLIST_NAME) return;
    checkConstraint(r, 'WatchlistName', name, p, { label: 'watchlist name', at: 'key' });
    if (custom++ === MAX_CUSTOM_WATCHLISTS) {
      r.report('E_WATCHLIST_QUOTA', `more than ${MAX_CUSTOM_WATCHLISTS} custom watchlists: Voice ID allows ${RESOURCE_QUOTAS.watchlistsPerDomain} per domain including the default one`, p, 'key');
    }
    const description = str(unchecked<NonNullable<WatchlistDocument>>(w)['description']);
    checkConstraint(r, 'WatchlistDescription', description, [...p, 'description']);
    out.push({ name, ...(description === undefined ? {} : { description }), ...fraudsters });
  });
  return { watchlists: out.sort((a, b) => compareStrings(a.name, b.name)), members };
}

type JobDocument = EnrollmentJobDocument | FraudsterRegistrationJobDocument;

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
