/**
 * Resolves the status of every desired opt-out id of one domain with the strategy the cost model picked
 * (speaker-strategy.ts), stopping as soon as every id is resolved. Only desired ids are recorded, so the
 * result is the same whatever the strategy and however far a listing got: an id missing from the result is
 * known to be absent live. With `recordAll` (plan --scan-speakers) the whole domain is listed and recorded.
 */
import type { VoiceIdApi } from '../aws/api.js';
import type { SpeakerStatus } from '../model/live.js';
import { isNotFound } from './discover.js';
import { pages, tokenArg } from '../aws/paginate.js';
import { describesPay, warmUpPages } from './speaker-strategy.js';
import type { SpeakerCostInput, SpeakerStrategyKind } from './speaker-strategy.js';
import { RESOURCE_QUOTAS } from '../model/quotas.js';

export interface SpeakerReadOptions {
  readonly strategy: SpeakerStrategyKind;
  /**
   * List the whole domain and record EVERY speaker (not only the desired ids), so that the plan can warn about
   * opted-out speakers no longer declared (opt-out is one-way). Costs a full ListSpeakers: 200 s per 100,000
   * speakers at the 5 TPS quota.
   */
  readonly recordAll?: boolean;
  /** DescribeSpeaker calls in flight per domain (the rate limiter paces them). */
  readonly describeWorkers: number;
  /**
   * The cost model's rates, when it chose the strategy: `both` then lists first and starts describing only once
   * the listing shows it pays (speaker-strategy.ts, describesPay). Absent (a strategy forced by the caller): `both`
   * describes from the start.
   */
  readonly cost?: Omit<SpeakerCostInput, 'desiredIds' | 'liveSpeakers'>;
}

export async function readSpeakers(
  voiceId: VoiceIdApi,
  domainId: string,
  desiredIds: readonly string[],
  options: SpeakerReadOptions,
): Promise<Record<string, SpeakerStatus>> {
  if (options.recordAll) return listAll(voiceId, domainId);
  const unresolved = new Set(desiredIds);
  const found = new Map<string, SpeakerStatus>();
  const resolve = (id: string, status: SpeakerStatus | undefined): void => {
    if (!unresolved.delete(id)) return;
    if (status) found.set(id, status);
  };
  const tasks: Promise<void>[] = [];
  const gate = describeGate(options, unresolved.size, unresolved);
  if (unresolved.size > 0 && (options.strategy === 'list' || options.strategy === 'both')) {
    tasks.push(listUntilResolved(voiceId, domainId, unresolved, resolve, gate.page).finally(gate.open));
  }
  if (unresolved.size > 0 && (options.strategy === 'describe' || options.strategy === 'both')) {
    // From the back of the sorted ids while a listing (roughly in id order) works from the front.
    const queue = options.strategy === 'both' ? [...desiredIds].reverse() : [...desiredIds];
    for (let i = 0; i < Math.max(1, options.describeWorkers); i++) {
      tasks.push(gate.opened.then(() => describeWorker(voiceId, domainId, queue, unresolved, resolve)));
    }
  }
  try {
    await Promise.all(tasks);
  } catch (e) {
    // One failed task ends the read: the others stop at their next step instead of spending quota.
    unresolved.clear();
    gate.open();
    throw e;
  }
  const out: Record<string, SpeakerStatus> = {};
  for (const id of [...found.keys()].sort()) out[id] = found.get(id)!;
  return out;
}

interface DescribeGate {
  /** Resolves when the describe workers may start. */
  readonly opened: Promise<void>;
  readonly open: () => void;
  /** Told after every page: speakers listed so far. */
  readonly page: (listed: number) => void;
}

/** Open from the start, except for a `both` the cost model chose: then open once describesPay says so. */
function describeGate(options: SpeakerReadOptions, desired: number, unresolved: ReadonlySet<string>): DescribeGate {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const cost = options.cost;
  if (options.strategy !== 'both' || cost === undefined) {
    open();
    return { opened, open, page: () => undefined };
  }
  let pages = 0;
  let isOpen = false;
  const warmUp = warmUpPages(cost);
  const bound = RESOURCE_QUOTAS.speakersPerDomain;
  return {
    opened,
    open,
    page(listed) {
      if (isOpen || ++pages < warmUp) return;
      // Until the gate opens only the listing resolves ids, so the resolved ones are those its pages held.
      isOpen = describesPay({ listed, seen: desired - unresolved.size, desired, unresolved: unresolved.size, bound }, cost);
      if (isOpen) open();
    },
  };
}

async function listAll(voiceId: VoiceIdApi, domainId: string): Promise<Record<string, SpeakerStatus>> {
  const found = new Map<string, SpeakerStatus>();
  for await (const page of pages((t) => voiceId.listSpeakers({ DomainId: domainId, MaxResults: 100, ...tokenArg(t) }))) {
    for (const s of page.SpeakerSummaries ?? []) {
      if (s.CustomerSpeakerId !== undefined && s.Status !== undefined) found.set(s.CustomerSpeakerId, s.Status as SpeakerStatus);
    }
  }
  const out: Record<string, SpeakerStatus> = {};
  for (const id of [...found.keys()].sort()) out[id] = found.get(id)!;
  return out;
}

async function listUntilResolved(
  voiceId: VoiceIdApi,
  domainId: string,
  unresolved: Set<string>,
  resolve: (id: string, status: SpeakerStatus | undefined) => void,
  onPage: (listed: number) => void,
): Promise<void> {
  let listed = 0;
  for await (const page of pages((t) => voiceId.listSpeakers({ DomainId: domainId, MaxResults: 100, ...tokenArg(t) }))) {
    for (const s of page.SpeakerSummaries ?? []) {
      if (s.CustomerSpeakerId !== undefined && unresolved.has(s.CustomerSpeakerId)) resolve(s.CustomerSpeakerId, s.Status as SpeakerStatus);
    }
    if (unresolved.size === 0) return;
    listed += page.SpeakerSummaries?.length ?? 0;
    onPage(listed);
  }
  // The whole domain was listed: whatever is still unresolved does not exist.
  for (const id of [...unresolved]) resolve(id, undefined);
}

async function describeWorker(
  voiceId: VoiceIdApi,
  domainId: string,
  queue: string[],
  unresolved: Set<string>,
  resolve: (id: string, status: SpeakerStatus | undefined) => void,
): Promise<void> {
  for (let id = queue.shift(); id !== undefined && unresolved.size > 0; id = queue.shift()) {
    if (!unresolved.has(id)) continue;
    try {
      const speaker = (await voiceId.describeSpeaker({ DomainId: domainId, SpeakerId: id })).Speaker;
      resolve(id, speaker?.Status as SpeakerStatus | undefined);
    } catch (e) {
      if (!isNotFound(e)) throw e;
      resolve(id, undefined);
    }
  }
}
