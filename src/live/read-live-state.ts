/**
 * readLiveState: discover the domains (discover.ts), read the inside of every domain the desired state manages
 * or adopts (details.ts) concurrently, and resolve KMS spellings (kms.ts) alongside. All calls go through the narrow
 * interfaces, so the pacing, retries and error classification of src/aws apply to every one of them.
 */
import type { AwsApis } from '../aws/api.js';
import { sortedEntries } from '../model/collections.js';
import type { CallStats } from '../aws/call-stats.js';
import { diffStats } from '../aws/call-stats.js';
import type { DesiredDomain, DesiredState } from '../model/desired.js';
import type { LiveDomain, LiveState, OptOutRead } from '../model/live.js';
import { defaultTps, RESOURCE_QUOTAS } from '../model/quotas.js';
import { readDetails } from './details.js';
import { discoverDomains, isManagedBy } from './discover.js';
import type { DiscoveryMode } from './discover.js';
import { kmsSpellings, resolveKmsKeys } from './kms.js';
import { chooseSpeakerStrategy } from './speaker-strategy.js';
import { countSpeakers, domainsToDelete } from './speaker-count.js';
import { chooseFraudsterRead, type FraudsterReadKind } from './fraudsters.js';
import type { SpeakerStrategyKind } from './speaker-strategy.js';
import type { SpeakerReadOptions } from './speakers.js';

export interface ReadLiveOptions {
  readonly region: string;
  readonly discovery?: DiscoveryMode;
  /** `auto` (default) lets the cost model choose per domain. */
  readonly speakerStrategy?: 'auto' | Exclude<SpeakerStrategyKind, 'none'>;
  /** Effective TPS per operation for the cost model (the pacer's limiter); default the documented quotas. */
  readonly rate?: (operation: string) => number | undefined;
  /**
   * `desired` (default): resolve only the desired opt-out ids. `full`: list every speaker of every managed domain,
   * so that opted-out speakers no longer declared are reported (CONTRACT §4: opt-out is one-way).
   */
  readonly speakerScan?: 'desired' | 'full';
  /** DescribeSpeaker calls in flight per domain. Default 8. */
  readonly describeWorkers?: number;
  /**
   * PLAN.md §13: which declared opt-out ids of a managed domain may be taken as OPTED_OUT without a read (the CLI
   * decides from the last-applied record and git). Only the other ids are read, and the cost model sees only them.
   */
  readonly trust?: (live: LiveDomain, desired: DesiredDomain) => Promise<OptOutRead>;
  /** Wall clock for the statistics. Default Date.now. */
  readonly now?: () => number;
}

export interface ReadStats {
  readonly wallMs: number;
  readonly discovery: 'tagging' | 'list';
  /** Calls, throttles, retries and failures per operation during this read (when the APIs keep counters). */
  readonly calls: CallStats;
  /** Speaker strategy used per domain id. */
  readonly speakerStrategies: Readonly<Record<string, SpeakerStrategyKind>>;
}

export interface LiveRead {
  readonly live: LiveState;
  readonly stats: ReadStats;
}

export async function readLiveState(apis: AwsApis, desired: DesiredState, options: ReadLiveOptions): Promise<LiveState> {
  return (await readLiveStateWithStats(apis, desired, options)).live;
}

export async function readLiveStateWithStats(apis: AwsApis, desired: DesiredState, options: ReadLiveOptions): Promise<LiveRead> {
  const now = options.now ?? Date.now;
  const started = now();
  const before = apis.stats?.() ?? {};
  const discovery = await discoverDomains(apis.voiceId, apis.tagging, desired, options.discovery ?? 'auto');

  const targets = discovery.domains
    .filter((l) => l.status === 'ACTIVE')
    .map((l) => ({ live: l, desired: desiredFor(l, desired) }))
    .filter((t): t is { live: LiveDomain; desired: DesiredDomain } => t.desired !== undefined);
  const full = options.speakerScan === 'full';
  const reads = await Promise.all(targets.map(async (t) => (options.trust && !full ? await options.trust(t.live, t.desired) : undefined)));
  // R15.5: erased ids are always read (trust covers opt-outs only); an id is never both (E_ERASED_AND_OPTED_OUT).
  const toRead = targets.map((t, i) => [...untrusted(t.desired.optedOutSpeakers, reads[i]), ...(t.desired.erasedSpeakers ?? [])].sort());
  const readingFraudsters = targets.filter((t) => (t.desired.deletedFraudsters?.length ?? 0) > 0).length;
  const readingSpeakers = full ? targets.length : toRead.filter((ids) => ids.length > 0).length;
  const strategies: Record<string, SpeakerStrategyKind> = {};
  // The key spellings known from discovery are resolved while the domains are read (KMS has its own quota);
  // only those the details add (job output keys) wait for them.
  const early = kmsSpellings(desired, discovery.domains);
  const earlyKeys = resolveKmsKeys(apis.kms, early);
  // The domains a prune deletes get a cheap speaker count (at most two pages each) for the risk line, alongside.
  const counting = Promise.all(domainsToDelete(desired, discovery.domains).map(async (l) => [l.domainId, await countSpeakers(apis.voiceId, l.domainId)] as const));
  const reading = Promise.all(targets.map(async (t, i) => {
    const ids = toRead[i]!;
    const { kind: strategy, cost } = full ? { kind: 'list' as const, cost: undefined } : strategyFor(ids.length, readingSpeakers, options);
    strategies[t.live.domainId] = strategy;
    const fraudsters = { kind: fraudsterReadFor(t.desired.deletedFraudsters?.length ?? 0, readingFraudsters, options), workers: options.describeWorkers ?? 8 };
    const d = await readDetails(apis.voiceId, t.live, t.desired, ids, { strategy, describeWorkers: options.describeWorkers ?? 8, recordAll: full, ...(cost ? { cost } : {}) }, fraudsters);
    const read = reads[i];
    return [t.live.domainId, read ? { ...d, optOutRead: read } : d] as const;
  }));
  // Awaited together, so a failure of either ends the read (never an unhandled rejection).
  const [detailEntries, countEntries] = await Promise.all([reading, counting]);
  const details = new Map(detailEntries);
  const counts = new Map(countEntries);
  const domains = discovery.domains.map((l) => {
    const d = details.get(l.domainId);
    const count = counts.get(l.domainId);
    return { ...l, ...(d ? { details: d } : {}), ...(count ? { speakerCount: count } : {}) };
  });
  const late = kmsSpellings(desired, domains).filter((k) => !early.includes(k));
  const resolved = { ...(await earlyKeys), ...(await resolveKmsKeys(apis.kms, late)) };
  const kmsKeys = Object.fromEntries(sortedEntries(resolved));

  const live: LiveState = { region: options.region, domains, kmsKeys };
  const stats: ReadStats = {
    wallMs: now() - started,
    discovery: discovery.used,
    calls: diffStats(apis.stats?.() ?? {}, before),
    speakerStrategies: strategies,
  };
  return { live, stats };
}

/** The desired domain a live domain stands for: adopted by id, or managed by this stack under its key. */
function desiredFor(live: LiveDomain, desired: DesiredState): DesiredDomain | undefined {
  return desired.domains.find((d) => d.adopt === live.domainId) ?? desired.domains.find((d) => isManagedBy(live, desired.stack, d.key));
}

/** R13.4: the declared ids to read live: all of them unless some are trusted. */
function untrusted(declared: readonly string[], read: OptOutRead | undefined): readonly string[] {
  if (read?.kind !== 'trusted' || read.trustedIds.length === 0) return declared;
  const trusted = new Set(read.trustedIds);
  return declared.filter((id) => !trusted.has(id));
}

function fraudsterReadFor(ids: number, concurrentDomains: number, options: ReadLiveOptions): FraudsterReadKind {
  const rate = (op: string): number => options.rate?.(op) ?? defaultTps(op) ?? 1;
  return chooseFraudsterRead(ids, rate('DescribeFraudster'), rate('ListFraudsters'), concurrentDomains);
}

/** The strategy, and the cost model's rates when it chose it (a `both` then re-decides as it lists). */
function strategyFor(idsToRead: number, concurrentDomains: number, options: ReadLiveOptions): { kind: SpeakerStrategyKind; cost?: SpeakerReadOptions['cost'] } {
  if (idsToRead === 0) return { kind: 'none' };
  if (options.speakerStrategy && options.speakerStrategy !== 'auto') return { kind: options.speakerStrategy };
  const rate = (op: string): number => options.rate?.(op) ?? defaultTps(op) ?? 1;
  const cost = { describeTps: rate('DescribeSpeaker'), listTps: rate('ListSpeakers'), pageSize: 100, concurrentDomains };
  // The count is unknown before listing; the per-domain quota bounds it.
  return { kind: chooseSpeakerStrategy({ ...cost, desiredIds: idsToRead, liveSpeakers: RESOURCE_QUOTAS.speakersPerDomain }).kind, cost };
}
