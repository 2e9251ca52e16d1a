/**
 * The rate of one operation, learned from the service's answers with CUBIC, the congestion control the AWS SDKs'
 * adaptive retry mode uses (smithy-typescript `DefaultRateLimiter`, same constants: beta 0.7, C 0.4, a measured
 * send rate smoothed over half-second buckets with weight 0.8, a floor of 0.5 TPS). After a decrease the rate
 * follows W(t) = C (t - K)^3 + Wmax, K = cbrt(Wmax (1 - beta) / C): back to Wmax in K seconds, flat around it,
 * then probing ever faster beyond it, so an account whose quota was raised is found without being told.
 *
 * Differences from the SDK's, which is one limiter per client starting unlimited; here there is one per operation,
 * starting at the documented quota:
 * - the start rate is Wmax and the curve starts on its plateau (as if a decrease happened K seconds ago);
 * - C is scaled by the start rate (0.4 at 10 TPS), so every operation probes at the same pace relative to its quota
 *   (the SDK's absolute C would triple a 2 TPS operation's rate within 3 s);
 * - one throttle event lowers the rate once: calls started before the last decrease were sent at the old rate, and
 *   their throttles (a pool of concurrent calls answered 429 together) say nothing about the new one; nor do
 *   throttles within the second after it (a decrease a second at most, so sporadic throttles of a flaky service
 *   cannot compound it to the floor before CUBIC recovers);
 * - growth beyond Wmax needs the caller to use at least half the rate (the SDK's 2 x measured cap), but the rate
 *   may always return to Wmax, so a caller that paused is not held below what the service last accepted;
 * - the measured rates count only over a stretch of back-to-back half-seconds: the half-second in which calls
 *   started (after creation or an idle half-second) is partial, and an average over it reads as a fraction of the
 *   real rate. A throttle in a first burst (within half a second of the first answer) measured 1.6 TPS where 11
 *   calls had been sent in 0.13 s, and the rate fell to 1.1 TPS; unmeasured, a throttle lowers from the rate itself.
 */
export const CUBIC = { beta: 0.7, scale: 0.4, reference: 10, smooth: 0.8, minRate: 0.5 } as const;

export class AdaptiveRate {
  /** Calls per second allowed now. */
  rate: number;
  private wMax: number;
  /** Seconds: when the current CUBIC epoch started (the last decrease). */
  private epoch: number;
  private lastDecreaseMs = -Infinity;
  private quietMs = 1000;
  /** Answers per second, throttles included (what we send), smoothed. */
  private sent = new Meter();
  /** Accepted answers per second, smoothed: growth beyond Wmax is justified by these only. */
  private accepted = new Meter();
  private readonly c: number;

  constructor(start: number, nowMs: number) {
    this.rate = Math.max(CUBIC.minRate, start);
    this.c = (CUBIC.scale * this.rate) / CUBIC.reference;
    this.wMax = this.rate;
    this.epoch = nowMs / 1000 - this.window();
    this.sent.start(nowMs);
    this.accepted.start(nowMs);
  }

  /** An answer that was not a throttle. */
  success(nowMs: number): void {
    this.sent.add(nowMs);
    this.accepted.add(nowMs);
    const t = nowMs / 1000;
    const cubic = this.c * (t - this.epoch - this.window()) ** 3 + this.wMax;
    this.rate = Math.max(CUBIC.minRate, Math.min(cubic, Math.max(this.wMax, 2 * (this.accepted.rate ?? 0))));
  }

  /** A throttle of a call whose slot was reserved at `startedMs`: a multiplicative decrease, once per event. */
  throttle(nowMs: number, startedMs: number): void {
    this.sent.add(nowMs);
    if (startedMs < this.lastDecreaseMs || nowMs - this.lastDecreaseMs < this.quietMs) return;
    // The service refused this rate: what we really sent, if less (a caller that was not using all of it).
    const sent = this.sent.rate;
    this.wMax = Math.max(CUBIC.minRate, sent !== undefined && sent > 0 ? Math.min(this.rate, sent) : this.rate);
    this.rate = Math.max(CUBIC.minRate, this.wMax * CUBIC.beta);
    this.epoch = nowMs / 1000;
    this.lastDecreaseMs = nowMs;
    // The next decrease waits for ten calls at the new rate (a second at most) to be answered.
    this.quietMs = Math.min(1000, 10_000 / this.rate);
  }

  private window(): number {
    return Math.cbrt((this.wMax * (1 - CUBIC.beta)) / this.c);
  }
}

/**
 * Events per second over half-second buckets, smoothed with weight 0.8 (the SDK's measured send rate); undefined
 * until a whole half-second has been measured since the events started (or restarted after an idle half-second).
 */
class Meter {
  rate: number | undefined;
  private count = 0;
  private bucket = 0;
  /** Whether `bucket` is a whole half-second of events (not the partial one they started in). */
  private whole = false;

  start(nowMs: number): void {
    this.bucket = Math.floor((nowMs / 1000) * 2) / 2;
  }

  add(nowMs: number): void {
    const bucket = Math.floor((nowMs / 1000) * 2) / 2;
    if (bucket > this.bucket) {
      const span = bucket - this.bucket;
      if (this.whole && span <= 0.5) {
        const measured = this.count / span;
        this.rate = this.rate === undefined ? measured : measured * CUBIC.smooth + this.rate * (1 - CUBIC.smooth);
      } else if (span > 0.5) this.rate = undefined;
      // The next bucket is whole when this one had events and no idle half-second came between.
      this.whole = span <= 0.5 && this.count > 0;
      this.count = 0;
      this.bucket = bucket;
    }
    this.count++;
  }
}
