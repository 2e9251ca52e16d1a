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
import type { SpeakerStrategyKind } from './speaker-strategy.js';

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
  if (unresolved.size > 0 && (options.strategy === 'list' || options.strategy === 'both')) {
    tasks.push(listUntilResolved(voiceId, domainId, unresolved, resolve));
  }
  if (unresolved.size > 0 && (options.strategy === 'describe' || options.strategy === 'both')) {
    // From the back of the sorted ids while a listing (roughly in id order) works from the front.
    const queue = options.strategy === 'both' ? [...desiredIds].reverse() : [...desiredIds];
    for (let i = 0; i < Math.max(1, options.describeWorkers); i++) tasks.push(describeWorker(voiceId, domainId, queue, unresolved, resolve));
  }
  try {
    await Promise.all(tasks);
  } catch (e) {
    // One failed task ends the read: the others stop at their next step instead of spending quota.
    unresolved.clear();
    throw e;
  }
  const out: Record<string, SpeakerStatus> = {};
  for (const id of [...found.keys()].sort()) out[id] = found.get(id)!;
  return out;
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
): Promise<void> {
  for await (const page of pages((t) => voiceId.listSpeakers({ DomainId: domainId, MaxResults: 100, ...tokenArg(t) }))) {
    for (const s of page.SpeakerSummaries ?? []) {
      if (s.CustomerSpeakerId !== undefined && unresolved.has(s.CustomerSpeakerId)) resolve(s.CustomerSpeakerId, s.Status as SpeakerStatus);
    }
    if (unresolved.size === 0) return;
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
