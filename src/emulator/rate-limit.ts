/**
 * Per-operation token buckets on the injected clock (EMULATOR.md §7): rate = documented default TPS
 * (src/model/quotas.ts) x quotaScale, burst = one second's worth (at least one call). quotaScale 0 = off.
 */
import { defaultTps, quotaBucket } from '../model/quotas.js';

/** INFERRED rates of the neighbour services (not in the Voice ID table). */
const NEIGHBOUR_TPS: Readonly<Record<string, number>> = { GetResources: 5, DescribeKey: 50 };

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly quotaScale: number,
    private readonly now: () => number,
    private readonly overrides: Readonly<Record<string, number>> = {},
  ) {}

  /** The operation's rate in calls per second, or undefined when it is not limited. */
  rate(operation: string): number | undefined {
    if (this.quotaScale <= 0) return undefined;
    const tps = this.overrides[operation] ?? defaultTps(operation) ?? NEIGHBOUR_TPS[operation];
    return tps === undefined ? undefined : tps * this.quotaScale;
  }

  /** Takes one token; false means the call is throttled. */
  tryTake(operation: string): boolean {
    const rate = this.rate(operation);
    if (rate === undefined) return true;
    const burst = Math.max(1, rate);
    const key = quotaBucket(operation);
    const now = this.now();
    const b = this.buckets.get(key) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * rate);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
