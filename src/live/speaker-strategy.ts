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
 * Pick the fastest; among strategies within 15% of it, the one with fewest calls: calls are not free (each costs
 * both ends CPU, and the account's quota is shared with other callers), and `both` typically buys 5-10% of time
 * with two to three times the calls of `list` (on a 2-core machine the extra DescribeSpeakers slowed the listing
 * they ran beside more than they helped).
 *
 * N is unknown before listing, so `both` starts as a listing and re-decides from what it sees (describesPay):
 * after one second of ListSpeakers quota (`listTps` pages, the warm-up), N is estimated from the share of the
 * desired ids the pages held (estimateLiveSpeakers, the same even-spread assumption as above) and the model is
 * asked again for the unresolved ids over the speakers not yet listed; the describes from the back join the
 * listing only when that says they pay, checked after every page. A domain the listing shows to be small is then
 * read with its listing alone; a large one (or desired ids that are absent, which no page shows) gets the
 * describes after at most a second of waiting.
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

const NEAR = 1.15;

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

/**
 * Live speakers of a domain estimated from a partial listing: `listed` speakers held `seen` of the `desired` ids,
 * so with the ids spread evenly the domain has about listed x desired / seen; never fewer than listed, never more
 * than `bound` (the per-domain quota) unless more were listed. No id seen yet: the bound.
 */
export function estimateLiveSpeakers(listed: number, seen: number, desired: number, bound: number): number {
  const most = Math.max(bound, listed);
  if (seen <= 0) return most;
  return Math.min(most, Math.max(listed, Math.ceil((listed * desired) / seen)));
}

export interface ListingProgress {
  readonly listed: number;
  /** Desired ids the listed pages held. */
  readonly seen: number;
  readonly desired: number;
  readonly unresolved: number;
  /** Speakers per domain the estimate may reach (RESOURCE_QUOTAS.speakersPerDomain). */
  readonly bound: number;
}

/** Pages of listing before describesPay decides: one second of the domain's share of ListSpeakers quota. */
export function warmUpPages(rates: Omit<SpeakerCostInput, 'desiredIds' | 'liveSpeakers'>): number {
  return Math.max(1, Math.ceil(rates.listTps / Math.max(1, rates.concurrentDomains ?? 1)));
}

/**
 * Whether describing the unresolved ids beside the rest of the listing is worth its calls (see the header): it must
 * be more than 15% faster than listing alone, with the listing's estimate less one page (it rounds up to whole
 * pages while `both`'s is continuous; near a listing's end that rounding alone made describing look faster).
 */
export function describesPay(progress: ListingProgress, rates: Omit<SpeakerCostInput, 'desiredIds' | 'liveSpeakers'>): boolean {
  if (progress.unresolved === 0) return false;
  const total = estimateLiveSpeakers(progress.listed, progress.seen, progress.desired, progress.bound);
  const e = estimateSpeakerReads({ ...rates, desiredIds: progress.unresolved, liveSpeakers: Math.max(1, total - progress.listed) });
  const pageSeconds = Math.max(1, rates.concurrentDomains ?? 1) / rates.listTps;
  return e.list.seconds - pageSeconds > NEAR * Math.min(e.both.seconds, e.describe.seconds);
}
