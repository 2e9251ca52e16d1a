/**
 * Validation of the admin API's inputs (EMULATOR.md §9), before anything changes: a bad body is one
 * EMULATOR_ADMIN_INVALID error (HTTP 400 with its message) and leaves the state and the fault settings as they
 * were. The structure is checked by JSON Schema (closed objects: unknown keys are refused, `null` is not an
 * object); then what a schema cannot say: counts within the service quotas the emulator enforces (so
 * `bulkSpeakers.count: 100000000` is refused at once instead of blocking the event loop and running out of memory),
 * names the model would accept, fraudsters naming watchlists of their domain.
 */
import { voiceIdConstraints } from '../constraints/load.js';
import { checkString } from '../constraints/validate.js';
import type { StringShape } from '../constraints/types.js';
import { userError, type GitopsError } from '../model/errors.js';
import { RESOURCE_QUOTAS } from '../model/quotas.js';
import { arrayOf, firstSchemaError, int, lazyValidator, object, oneOfStrings, str } from './json-schema.js';
import type { Limits, OpContext } from './ops/context.js';
import type { DomainRec } from './store.js';
import { neighbourTargets } from './ops/neighbours.js';
import type { FaultConfig, SeedDomain, SeedState } from './types.js';

/** One seed may create at most this many domains (INFERRED: a memory guard; the account quota is 3). */
export const MAX_SEED_DOMAINS = 100;
/** Seeded jobs per kind and domain (INFERRED: the service keeps no documented cap on past jobs). */
export const MAX_SEED_JOBS = 1000;
/** Injected latency above 10 minutes is a typo, not a test. */
export const MAX_LATENCY_MS = 600_000;

export const adminError = (what: string, why: string): GitopsError =>
  userError('EMULATOR_ADMIN_INVALID', `${what}: ${why}`, 'see the admin API in src/emulator/EMULATOR.md §9');

const SPEAKER_STATUS = ['ENROLLED', 'EXPIRED', 'OPTED_OUT', 'PENDING'];
const job = object({}, { jobName: str, status: oneOfStrings(['SUBMITTED', 'IN_PROGRESS', 'COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED']) });

function seedSchema(): Record<string, unknown> {
  const domain = object(
    { name: str },
    {
      description: str,
      kmsKeyId: str,
      tags: { type: 'object', additionalProperties: str },
      status: oneOfStrings(['ACTIVE', 'PENDING', 'SUSPENDED']),
      encryptionUpdate: object({ status: oneOfStrings(['IN_PROGRESS', 'COMPLETED', 'FAILED']) }, { oldKmsKeyId: str, message: str }),
      watchlists: arrayOf(object({ name: str }, { description: str })),
      speakers: arrayOf(object({ customerSpeakerId: str }, { status: oneOfStrings(SPEAKER_STATUS) })),
      bulkSpeakers: object({ count: int, prefix: str }, { status: oneOfStrings(SPEAKER_STATUS) }),
      fraudsters: arrayOf(object({}, { watchlists: arrayOf(str) })),
      enrollmentJobs: arrayOf(job),
      registrationJobs: arrayOf(job),
    },
  );
  return object({}, { domains: arrayOf(domain) });
}

function faultSchema(): Record<string, unknown> {
  const rate = { type: 'number', minimum: 0, maximum: 1 };
  const ms = { type: 'integer', minimum: 0, maximum: MAX_LATENCY_MS };
  return object({}, {
    seed: { type: 'integer' },
    throttleRate: rate,
    errorRate: rate,
    dropRate: rate,
    dropAfterActionRate: rate,
    latencyMs: { anyOf: [ms, object({ min: ms, max: ms })] },
    operations: arrayOf(str),
  });
}

const seedValidator = lazyValidator(seedSchema);
const faultValidator = lazyValidator(faultSchema);

/** Checks a string against a model shape (DomainName, CustomerSpeakerId, ...); returns the problem or undefined. */
function modelProblem(shapeName: string, value: string): string | undefined {
  const shape = voiceIdConstraints().shapes[shapeName] as StringShape;
  const v = checkString(shape, value, [])[0];
  if (v === undefined) return undefined;
  if (v.kind === 'length') return `must be ${v.min ?? 0} to ${v.max ?? '∞'} characters long (${shapeName})`;
  if (v.kind === 'pattern') return `must match ${v.pattern} (${shapeName})`;
  return `is not a valid ${shapeName}`;
}

function checkName(at: string, shapeName: string, value: string | undefined): void {
  if (value === undefined) return;
  const problem = modelProblem(shapeName, value);
  if (problem !== undefined) throw adminError(`seed: ${at}`, problem);
}

function checkCount(at: string, n: number, max: number, quota: string): void {
  if (n > max) throw adminError(`seed: ${at}`, `${n} is more than the ${max} ${quota}`);
}

function checkDomain(d: SeedDomain, i: number, limits: Limits): number {
  const at = `domains[${i}]`;
  checkName(`${at}.name`, 'DomainName', d.name);
  checkName(`${at}.description`, 'Description', d.description);
  const tags = Object.entries(d.tags ?? {});
  checkCount(`${at}.tags`, tags.length, limits.maxTagsPerDomain, 'tags a domain takes');
  for (const [k, v] of tags) {
    checkName(`${at}.tags key`, 'TagKey', k);
    checkName(`${at}.tags.${k}`, 'TagValue', v);
  }
  const watchlists = d.watchlists ?? [];
  checkCount(`${at}.watchlists`, watchlists.length, limits.maxWatchlistsPerDomain - 1, 'watchlists a domain takes besides its default one');
  const names = new Set(['Default']);
  watchlists.forEach((w, j) => {
    checkName(`${at}.watchlists[${j}].name`, 'WatchlistName', w.name);
    checkName(`${at}.watchlists[${j}].description`, 'WatchlistDescription', w.description);
    names.add(w.name);
  });
  const perWatchlist = new Map<string, number>();
  (d.fraudsters ?? []).forEach((f, j) => {
    for (const name of f.watchlists && f.watchlists.length > 0 ? f.watchlists : ['Default']) {
      if (!names.has(name)) throw adminError(`seed: ${at}.fraudsters[${j}].watchlists`, `names unknown watchlist '${name}'`);
      perWatchlist.set(name, (perWatchlist.get(name) ?? 0) + 1);
    }
  });
  for (const [name, n] of perWatchlist) checkCount(`${at}.fraudsters (watchlist '${name}')`, n, limits.maxFraudstersPerWatchlist, 'fraudsters a watchlist takes');
  const speakers = d.speakers ?? [];
  const bulk = d.bulkSpeakers;
  const width = String(Math.max(0, (bulk?.count ?? 0) - 1)).length;
  if (bulk) checkName(`${at}.bulkSpeakers.prefix`, 'CustomerSpeakerId', `${bulk.prefix}${'0'.repeat(width)}`);
  // Two speakers with one id would corrupt the domain's index (the service never has such twins).
  const isBulkId = (id: string): boolean =>
    bulk !== undefined && id.startsWith(bulk.prefix) && id.length === bulk.prefix.length + width && /^\d+$/.test(id.slice(bulk.prefix.length)) && Number(id.slice(bulk.prefix.length)) < bulk.count;
  const seen = new Set<string>();
  speakers.forEach((s, j) => {
    checkName(`${at}.speakers[${j}].customerSpeakerId`, 'CustomerSpeakerId', s.customerSpeakerId);
    if (seen.has(s.customerSpeakerId) || isBulkId(s.customerSpeakerId)) throw adminError(`seed: ${at}.speakers[${j}].customerSpeakerId`, 'repeats a speaker id of the domain');
    seen.add(s.customerSpeakerId);
  });
  const total = speakers.length + (bulk?.count ?? 0);
  checkCount(`${at}.speakers + bulkSpeakers.count`, total, limits.maxSpeakersPerDomain, 'speakers a domain takes');
  checkCount(`${at}.enrollmentJobs`, d.enrollmentJobs?.length ?? 0, MAX_SEED_JOBS, 'seeded jobs of a kind per domain');
  checkCount(`${at}.registrationJobs`, d.registrationJobs?.length ?? 0, MAX_SEED_JOBS, 'seeded jobs of a kind per domain');
  d.enrollmentJobs?.forEach((j, k) => checkName(`${at}.enrollmentJobs[${k}].jobName`, 'JobName', j.jobName));
  d.registrationJobs?.forEach((j, k) => checkName(`${at}.registrationJobs[${k}].jobName`, 'JobName', j.jobName));
  return total;
}

/**
 * The caps of a seed: the service's documented quotas, or the emulator's configured ones where they are higher.
 * A configured quota below the documented one still lets a seed build an over-quota state (what a test of the
 * quota error needs); only the absurd is refused.
 */
function seedCaps(limits: Limits): Limits {
  return {
    ...limits,
    maxDomains: Math.max(limits.maxDomains, RESOURCE_QUOTAS.domainsPerAccount),
    maxSpeakersPerDomain: Math.max(limits.maxSpeakersPerDomain, RESOURCE_QUOTAS.speakersPerDomain),
    maxFraudstersPerWatchlist: Math.max(limits.maxFraudstersPerWatchlist, RESOURCE_QUOTAS.fraudstersPerWatchlist),
    maxWatchlistsPerDomain: Math.max(limits.maxWatchlistsPerDomain, RESOURCE_QUOTAS.watchlistsPerDomain),
    maxTagsPerDomain: Math.max(limits.maxTagsPerDomain, RESOURCE_QUOTAS.tagsPerDomain),
  };
}

/**
 * A whole seed, checked before any of it is applied (so a failing seed creates nothing). `existingSpeakers` is
 * what the store already holds: the seed may not take it beyond `maxDomains x maxSpeakersPerDomain`.
 */
export function checkSeed(value: unknown, configured: Limits, existingSpeakers: number): SeedState {
  const limits = seedCaps(configured);
  const problem = firstSchemaError(seedValidator(), value);
  if (problem !== undefined) throw adminError('seed', problem);
  const seed = value as SeedState;
  const domains = seed.domains ?? [];
  checkCount('domains', domains.length, MAX_SEED_DOMAINS, 'domains one seed may create');
  let speakers = existingSpeakers;
  domains.forEach((d, i) => {
    speakers += checkDomain(d, i, limits);
  });
  const cap = Math.max(1, limits.maxDomains) * limits.maxSpeakersPerDomain;
  checkCount('speakers in all domains', speakers, cap, 'speakers the account takes (domains quota x speakers per domain)');
  return seed;
}

/** Every operation name a fault may be restricted to. */
function knownOperations(): ReadonlySet<string> {
  return new Set([...voiceIdConstraints().service.operations, ...Object.values(neighbourTargets).map(([op]) => op)]);
}

export function checkFaults(value: unknown): FaultConfig {
  const problem = firstSchemaError(faultValidator(), value);
  if (problem !== undefined) throw adminError('faults', problem);
  const f = value as FaultConfig;
  if (typeof f.latencyMs === 'object' && f.latencyMs.max < f.latencyMs.min) throw adminError('faults: latencyMs.max', 'must be at least latencyMs.min');
  const known = knownOperations();
  f.operations?.forEach((op, i) => {
    if (!known.has(op)) throw adminError(`faults: operations[${i}]`, `'${op}' is not an operation of the emulator`);
  });
  return f;
}

/**
 * `enroll`: new ENROLLED speakers in an ACTIVE domain, as Amazon Connect's enrollment makes them outside the Voice ID
 * API. An id the domain already holds is refused (Voice ID rejects enrolling an opted-out speaker).
 */
export function checkEnroll(ctx: OpContext, domainId: unknown, ids: unknown): { domain: DomainRec; ids: string[] } {
  if (typeof domainId !== 'string') throw adminError('enroll', 'domainId: expected a string');
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > 1000 || !ids.every((i) => typeof i === 'string' && /^[a-zA-Z0-9][a-zA-Z0-9_-]{0,255}$/.test(i))) {
    throw adminError('enroll', 'customerSpeakerIds: expected 1 to 1,000 customer speaker ids');
  }
  const domain = ctx.store.domains.get(domainId);
  if (!domain || domain.status !== 'ACTIVE') throw adminError('enroll', `domainId: no ACTIVE domain ${domainId}`);
  const existing = (ids as string[]).find((i) => domain.speakers.find(i) !== undefined);
  if (existing !== undefined) throw adminError('enroll', `customerSpeakerIds: the domain already holds speaker ${existing}`);
  if (new Set(ids).size !== ids.length) throw adminError('enroll', 'customerSpeakerIds: an id repeats');
  if (domain.speakers.size + ids.length > ctx.limits.maxSpeakersPerDomain) throw adminError('enroll', `customerSpeakerIds: the domain would hold more than ${ctx.limits.maxSpeakersPerDomain} speakers`);
  return { domain, ids: ids as string[] };
}
