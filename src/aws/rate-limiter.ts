/**
 * Client-side pacing (APPLY.md A3.3, src/model/quotas.ts): one token bucket per operation, because AWS applies each
 * row's rate to each API separately and per account, so a bucket is shared by every domain and every concurrent
 * caller. Buckets are independent: ListSpeakers and DescribeSpeaker run at their own rates side by side.
 *
 * Each bucket releases its callers in FIFO order, one token each, without polling. Its burst is one second of its rate (as
 * Voice ID's own buckets: 20 DescribeSpeaker at 10 TPS take about 1 s, not 2), less a margin of 100 ms of calls
 * (BURST_MARGIN_S): the service's bucket starts refilling when the first call of a burst ARRIVES, ours when it
 * leaves, and the first calls of a run leave 20-70 ms before they arrive (new connections, cold code), so a full
 * burst had the service answer 1-3 of the next calls with a throttle, which lowered the rate for the rest of the
 * run. A whole call of margin at 10 TPS costs 0.1 s once; operations slower than 10 TPS keep their whole burst.
 * Its rate starts at the documented quota
 * times `scale` and then adapts (adaptive-rate.ts, CUBIC): `record` feeds every answer back, a throttle lowers the
 * rate multiplicatively, and without throttles it probes beyond the quota, finding an account's raised quota.
 */
import { AdaptiveRate } from './adaptive-rate.js';
import { defaultTps } from '../model/quotas.js';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;
export type Clock = () => number;

export interface RateLimitOptions {
  /** Multiplies every starting rate; 0 (or Infinity) turns client pacing off. Default 1. */
  readonly scale?: number;
  /** TPS per operation at scale 1, replacing the documented default, e.g. `{ OptOutSpeaker: 20 }`. */
  readonly tps?: Readonly<Record<string, number>>;
  /** Seconds of rate allowed back-to-back after idling (at least one call). Default 1. */
  readonly burstSeconds?: number;
  /** Learn the rate from throttles (CUBIC). Default true; false keeps every rate fixed at its start. */
  readonly adaptive?: boolean;
}

export interface RateLimiter {
  /**
   * Resolves when `operation` may start one call, with the time (ms) it started, to hand back to `record`: a call
   * started before a decrease was sent at the old rate, so its throttle is not news.
   */
  acquire(operation: string, signal?: AbortSignal): Promise<number>;
  /** The answer of a call started at `startedAt`: throttled or not. */
  record(operation: string, startedAt: number, throttled: boolean): void;
  /** Calls per second the limiter allows for `operation` now; undefined when unpaced. */
  rate(operation: string): number | undefined;
}

/** Seconds of calls the burst keeps below the service's (see the header). */
export const BURST_MARGIN_S = 0.1;

/** Float refills land a hair below a whole token; without this the pump would sleep 1e-12 ms forever. */
const EPSILON = 1e-9;

/** The shortest wait of the pump (see pump). */
const MIN_SLEEP_MS = 1;

interface Waiter {
  readonly resolve: (startedAt: number) => void;
  readonly reject: (reason: unknown) => void;
  forget?: () => void;
}

/**
 * A token bucket with a FIFO queue of waiters, released one token at a time by a single pump at the CURRENT rate
 * (a GCRA-style schedule reserved ahead would keep spacing queued calls at a rate since lowered or raised).
 */
class Bucket {
  private tokens: number;
  private at: number;
  private readonly queue: Waiter[] = [];
  private pumping = false;

  constructor(
    readonly rate: AdaptiveRate,
    private readonly burstSeconds: number,
    private readonly now: Clock,
    private readonly sleep: Sleep,
  ) {
    this.at = now();
    this.tokens = this.capacity();
  }

  private capacity(): number {
    const rate = this.rate.rate;
    return Math.max(1, Math.floor(rate * this.burstSeconds) - Math.floor(rate * BURST_MARGIN_S));
  }

  /**
   * Adds the tokens of the time from `at` to now, or to `until` (the end of the pump's sleep) if that is later: a
   * sleep counts as the time it was asked for even when the clock did not move (tests' instant sleeps). Only the
   * time after `at` counts, so an acquire that refilled during the pump's sleep is not counted again when it wakes
   * (it was, and a bucket with callers arriving while it slept let calls through at up to twice its rate).
   */
  private refill(until = 0): void {
    const t = Math.max(this.now(), until);
    if (t <= this.at) return;
    this.tokens = Math.min(this.capacity(), this.tokens + ((t - this.at) / 1000) * this.rate.rate);
    this.at = t;
  }

  acquire(signal?: AbortSignal): Promise<number> {
    this.refill();
    if (this.queue.length === 0 && this.tokens >= 1 - EPSILON) {
      this.tokens -= 1;
      return Promise.resolve(this.at);
    }
    return new Promise<number>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject };
      if (signal) {
        if (signal.aborted) return reject(signal.reason);
        waiter.forget = onAbort(signal, () => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) this.queue.splice(i, 1);
          reject(signal.reason);
        });
      }
      this.queue.push(waiter);
      if (!this.pumping) void this.pump();
    });
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      let wake = 0;
      for (;;) {
        this.refill(wake);
        while (this.tokens >= 1 - EPSILON && this.queue.length > 0) {
          this.tokens -= 1;
          const next = this.queue.shift()!;
          next.forget?.();
          next.resolve(this.at);
        }
        if (this.queue.length === 0) return;
        // At least 1 ms, a timer's floor anyway: `at` is some 1.7e12 ms, whose doubles are 2.4e-4 ms apart, so a
        // shorter wait (a token short by a float's hair) would not move `wake` past `at`, refill nothing, and loop:
        // with an instant sleep (tests) millions of times until the real clock caught up.
        const slept = Math.max(MIN_SLEEP_MS, ((1 - this.tokens) * 1000) / this.rate.rate);
        wake = this.at + slept;
        await this.sleep(slept);
      }
    } finally {
      this.pumping = false;
    }
  }
}

export function createRateLimiter(options: RateLimitOptions, now: Clock, sleep: Sleep): RateLimiter {
  const scale = options.scale ?? 1;
  const burstSeconds = options.burstSeconds ?? 1;
  const adaptive = options.adaptive ?? true;
  const buckets = new Map<string, Bucket>();

  const bucket = (operation: string): Bucket | undefined => {
    const existing = buckets.get(operation);
    if (existing) return existing;
    const base = options.tps?.[operation] ?? defaultTps(operation);
    if (base === undefined || base <= 0 || scale <= 0 || !Number.isFinite(scale)) return undefined;
    const created = new Bucket(new AdaptiveRate(base * scale, now()), burstSeconds, now, sleep);
    buckets.set(operation, created);
    return created;
  };

  return {
    rate: (operation) => bucket(operation)?.rate.rate,
    record(operation, startedAt, throttled) {
      const b = adaptive ? bucket(operation) : undefined;
      if (!b) return;
      if (throttled) b.rate.throttle(now(), startedAt);
      else b.rate.success(now());
    },
    acquire(operation, signal) {
      const b = bucket(operation);
      return b ? b.acquire(signal) : Promise.resolve(now());
    },
  };
}

/**
 * Pending sleeps per signal, woken by ONE 'abort' listener: a paced run has a sleeper for every caller waiting
 * for its slot (dozens), and a listener each made Node print a MaxListenersExceededWarning (limit 10) mid-apply.
 */
const sleepers = new WeakMap<AbortSignal, Set<() => void>>();

function onAbort(signal: AbortSignal, wake: () => void): () => void {
  let pending = sleepers.get(signal);
  if (!pending) {
    const created = new Set<() => void>();
    signal.addEventListener('abort', () => {
      for (const fn of [...created]) fn();
      created.clear();
    }, { once: true });
    sleepers.set(signal, created);
    pending = created;
  }
  const set = pending;
  set.add(wake);
  return () => void set.delete(wake);
}

/** The real sleep, abortable. Tests pass a fake that advances a fake clock instead. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const forget = signal ? onAbort(signal, () => {
      clearTimeout(timer);
      reject(signal.reason);
    }) : undefined;
    const timer = setTimeout(() => {
      forget?.();
      resolve();
    }, ms);
  });
