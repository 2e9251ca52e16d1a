/**
 * Client-side pacing at Voice ID's documented quotas (src/model/quotas.ts): one token bucket per operation,
 * because AWS applies each row's rate to each API separately and per account, so a bucket is shared by every
 * domain and every concurrent caller. Buckets are independent: ListSpeakers and DescribeSpeaker run at their
 * own rates side by side.
 *
 * Each bucket is a GCRA (generic cell rate algorithm) scheduler: `acquire` reserves the next start slot and
 * sleeps until it, so concurrent callers queue in FIFO order without polling. `burst` lets that many calls
 * start back-to-back after an idle spell; the default of 1 spaces calls evenly, which keeps a server-side
 * bucket of any capacity from throttling us.
 */
import { defaultTps } from '../model/quotas.js';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;
export type Clock = () => number;

export interface RateLimitOptions {
  /** Multiplies every rate; 0 (or Infinity) turns client pacing off. Default 1. */
  readonly scale?: number;
  /** TPS per operation at scale 1, replacing the documented default, e.g. `{ OptOutSpeaker: 20 }`. */
  readonly tps?: Readonly<Record<string, number>>;
  /** Calls allowed back-to-back after idling. Default 1. */
  readonly burst?: number;
}

export interface RateLimiter {
  /** Resolves when `operation` may start one call. */
  acquire(operation: string, signal?: AbortSignal): Promise<void>;
  /** Calls per second the limiter allows for `operation`; undefined when unpaced. */
  rate(operation: string): number | undefined;
}

export function createRateLimiter(options: RateLimitOptions, now: Clock, sleep: Sleep): RateLimiter {
  const scale = options.scale ?? 1;
  const burst = Math.max(1, options.burst ?? 1);
  const tat = new Map<string, number>();

  const rate = (operation: string): number | undefined => {
    const base = options.tps?.[operation] ?? defaultTps(operation);
    if (base === undefined || base <= 0 || scale <= 0 || !Number.isFinite(scale)) return undefined;
    return base * scale;
  };

  return {
    rate,
    async acquire(operation, signal) {
      const r = rate(operation);
      if (r === undefined) return;
      const interval = 1000 / r;
      const t = now();
      const theoretical = tat.get(operation) ?? t;
      const start = Math.max(t, theoretical - (burst - 1) * interval);
      tat.set(operation, Math.max(theoretical, start) + interval);
      if (start > t) await sleep(start - t, signal);
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
