/**
 * How to learn the status of the desired opt-out ids of one domain at the least cost under Voice ID's quotas.
 *
 * Cost model (seconds of quota, the binding constraint: calls themselves are fast):
 *   D = desired ids, N = live speakers (unknown before listing: the 100,000-per-domain quota bounds it),
 *   d = DescribeSpeaker TPS, l = ListSpeakers TPS (each divided among the domains read at the same time,
 *   because quotas are per account), P = 100 speakers per ListSpeakers page.
 *   describe: D calls, D / d seconds.
 *   list:     ceil(N / P) pages, ceil(N / P) / l seconds; it may stop early once every id is seen, but an id
 *             absent live is only known absent at the last page, so the full listing is the honest estimate.
 *   both:     list from the front while describing from the back of the id list, stopping when every id is
 *             resolved. With ids spread evenly over the listing, after t seconds the list has seen P*l*t/N of
 *             them and describes d*t more: t = D / (d + P*l*D/N), never more than list or describe alone.
 * Pick the fastest; among strategies within 5% of it, the one with fewest calls (it leaves quota to others).
 */

export type SpeakerStrategyKind = 'none' | 'describe' | 'list' | 'both';

export interface SpeakerCostInput {
  readonly desiredIds: number;
  /** Live speakers in the domain, or an upper estimate. */
  readonly liveSpeakers: number;
  readonly describeTps: number;
  readonly listTps: number;
  readonly pageSize: number;
  /** Domains whose speakers are read at the same time (sharing the account's buckets). Default 1. */
  readonly concurrentDomains?: number;
}

export interface StrategyEstimate {
  readonly seconds: number;
  readonly calls: number;
}

export interface SpeakerStrategyChoice {
  readonly kind: SpeakerStrategyKind;
  readonly estimates: Readonly<Record<Exclude<SpeakerStrategyKind, 'none'>, StrategyEstimate>>;
}

const NEAR = 1.05;

export function estimateSpeakerReads(input: SpeakerCostInput): SpeakerStrategyChoice['estimates'] {
  const share = Math.max(1, input.concurrentDomains ?? 1);
  const d = input.describeTps / share;
  const l = input.listTps / share;
  const D = input.desiredIds;
  const N = Math.max(input.liveSpeakers, 1);
  const pages = Math.max(1, Math.ceil(N / input.pageSize));
  const describe = { seconds: D / d, calls: D };
  const list = { seconds: pages / l, calls: pages };
  const t = Math.min(D / (d + (input.pageSize * l * D) / N), list.seconds, describe.seconds);
  const both = { seconds: t, calls: Math.ceil(t * d) + Math.min(pages, Math.ceil(t * l)) };
  return { describe, list, both };
}

export function chooseSpeakerStrategy(input: SpeakerCostInput): SpeakerStrategyChoice {
  const estimates = estimateSpeakerReads(input);
  if (input.desiredIds === 0) return { kind: 'none', estimates };
  const kinds = ['describe', 'list', 'both'] as const;
  const fastest = Math.min(...kinds.map((k) => estimates[k].seconds));
  const near = kinds.filter((k) => estimates[k].seconds <= fastest * NEAR);
  const kind = near.reduce((best, k) => (estimates[k].calls < estimates[best].calls ? k : best));
  return { kind, estimates };
}
