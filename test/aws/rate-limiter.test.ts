import { describe, expect, test } from 'vitest';
import { createRateLimiter } from '../../src/aws/rate-limiter.js';
import type { RateLimitOptions } from '../../src/aws/rate-limiter.js';
import { virtualClock } from './virtual-clock.js';

async function startTimes(operations: readonly string[], options: RateLimitOptions): Promise<number[]> {
  const clock = virtualClock();
  const limiter = createRateLimiter(options, clock.now, clock.sleep);
  return clock.run(Promise.all(operations.map(async (op) => {
    await limiter.acquire(op);
    return Math.round(clock.now());
  })));
}

const times = (op: string, n: number): string[] => Array.from({ length: n }, () => op);

describe('rate limiter', () => {
  test('lets one second of quota start at once, then spaces calls at the quota (ListDomains: 2 TPS)', async () => {
    expect(await startTimes(times('ListDomains', 5), {})).toEqual([0, 0, 500, 1000, 1500]);
  });

  test('20 DescribeSpeaker at 10 TPS take 1.1 s, not two: a burst of one second less 100 ms of margin', async () => {
    const t = await startTimes(times('DescribeSpeaker', 20), {});
    expect(t.slice(0, 10)).toEqual([...Array.from({ length: 9 }, () => 0), 100]);
    expect(t.at(-1)).toBe(1100);
  });

  test('the margin is whole calls: 100 TPS keeps 10 back, 5 TPS none', async () => {
    const fast = await startTimes(times('OptOutSpeaker', 92), { scale: 10 });
    expect(fast.slice(88)).toEqual([0, 0, 10, 20]);
    expect(await startTimes(times('ListSpeakers', 6), {})).toEqual([0, 0, 0, 0, 0, 200]);
  });

  test('a caller arriving while the bucket waits for its next token does not make that token come sooner', async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({}, clock.now, clock.sleep);
    const started: number[] = [];
    const take = (): Promise<void> => limiter.acquire('ListDomains').then(() => void started.push(clock.now()));
    // ListDomains, 2 TPS: two in the burst, the third waits until 500; the fourth arrives at 400, in that wait.
    const late = clock.sleep(400).then(take);
    await clock.run(Promise.all([take(), take(), take(), late]));
    expect(started).toEqual([0, 0, 500, 1000]);
  });

  test('paces each operation in its own bucket, concurrently', async () => {
    const t = await startTimes(['ListSpeakers', ...times('DescribeSpeaker', 10), ...times('ListSpeakers', 5)], {});
    // DescribeSpeaker's 10th call waits for its own bucket; ListSpeakers' 6th for its own, at 5 TPS.
    expect([t[10], t[15]]).toEqual([100, 200]);
  });

  test('applies a per-operation override and multiplies every rate by the scale', async () => {
    // 20 TPS: a burst of 18, then one call every 50 ms.
    expect(await startTimes(times('OptOutSpeaker', 20), { tps: { OptOutSpeaker: 20 } }).then((t) => t.slice(17))).toEqual([0, 50, 100]);
    expect(await startTimes(times('DescribeDomain', 10), { scale: 4 }).then((t) => t.slice(7))).toEqual([0, 125, 250]);
  });

  test('a burst of a fraction of a second still allows one call', async () => {
    expect(await startTimes(times('ListDomains', 3), { burstSeconds: 0.1 })).toEqual([0, 500, 1000]);
  });

  test('does not pace when the scale is 0', async () => {
    expect(await startTimes(times('ListDomains', 3), { scale: 0 })).toEqual([0, 0, 0]);
  });

  test('does not pace operations without a known quota', async () => {
    expect(await startTimes(['GetResources', 'GetResources', 'DescribeKey'], {})).toEqual([0, 0, 0]);
  });

  test('an idle bucket does not bank more than its burst', async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({}, clock.now, clock.sleep);
    await limiter.acquire('ListDomains');
    await clock.run(clock.sleep(10_000));
    const t = await clock.run(Promise.all([0, 1, 2].map(async () => {
      await limiter.acquire('ListDomains');
      return clock.now();
    })));
    expect(t).toEqual([10_000, 10_000, 10_500]);
  });

  test('a throttle lowers the rate to 70% of what was sent, once per throttle event', () => {
    let t = 0;
    const limiter = createRateLimiter({}, () => t, async () => undefined);
    expect(limiter.rate('OptOutSpeaker')).toBe(10);
    // Ten answers a second for two seconds, then a throttle.
    for (; t < 2000; t += 100) limiter.record('OptOutSpeaker', t, false);
    limiter.record('OptOutSpeaker', 1950, true);
    expect(limiter.rate('OptOutSpeaker')).toBeCloseTo(7, 0);
    const lowered = limiter.rate('OptOutSpeaker')!;
    // The pool's other calls, started before the decrease or answered within the second after it, are the same event.
    t = 2100;
    limiter.record('OptOutSpeaker', 1990, true);
    limiter.record('OptOutSpeaker', 2050, true);
    expect(limiter.rate('OptOutSpeaker')).toBe(lowered);
    t = 3200;
    limiter.record('OptOutSpeaker', 3100, true);
    expect(limiter.rate('OptOutSpeaker')).toBeLessThan(lowered * 0.75);
  });

  test('a throttle in the first burst lowers the rate once from the rate itself, not from a partial half-second', () => {
    let t = 400;
    const limiter = createRateLimiter({}, () => t, async () => undefined);
    expect(limiter.rate('DescribeSpeaker')).toBe(10);
    // Ten answers from 480 to 570 ms (across a half-second boundary), then a throttle of a call started at 490.
    for (t = 480; t < 580; t += 10) limiter.record('DescribeSpeaker', t - 50, false);
    t = 600;
    limiter.record('DescribeSpeaker', 490, true);
    expect(limiter.rate('DescribeSpeaker')).toBeCloseTo(7, 5);
  });

  test('after an idle stretch, a throttle lowers from the rate, not from the average over the idle time', () => {
    let t = 0;
    const limiter = createRateLimiter({}, () => t, async () => undefined);
    for (; t < 2000; t += 100) limiter.record('OptOutSpeaker', t, false);
    // Ten seconds idle, then a burst answered within 150 ms and a throttle.
    for (t = 12_000; t < 12_100; t += 10) limiter.record('OptOutSpeaker', t - 50, false);
    t = 12_150;
    limiter.record('OptOutSpeaker', 12_100, true);
    expect(limiter.rate('OptOutSpeaker')).toBeCloseTo(7, 0);
  });

  test('with adaptive off, throttles leave the rate alone', () => {
    const limiter = createRateLimiter({ adaptive: false }, () => 0, async () => undefined);
    limiter.record('OptOutSpeaker', 0, true);
    expect(limiter.rate('OptOutSpeaker')).toBe(10);
  });

  test('an abort drops a caller waiting for its slot', async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({}, clock.now, clock.sleep);
    const controller = new AbortController();
    await limiter.acquire('ListDomains');
    await limiter.acquire('ListDomains');
    const waiting = limiter.acquire('ListDomains', controller.signal);
    controller.abort(new Error('SIGINT'));
    await expect(waiting).rejects.toThrow('SIGINT');
    // The dropped caller's slot goes to the next one.
    expect(await clock.run(limiter.acquire('ListDomains').then(() => clock.now()))).toBe(500);
  });

  test('reports the current rate of an operation', () => {
    const limiter = createRateLimiter({ scale: 2, tps: { ListSpeakers: 7 } }, () => 0, async () => undefined);
    expect([limiter.rate('ListSpeakers'), limiter.rate('DescribeSpeaker'), limiter.rate('GetResources')]).toEqual([14, 20, undefined]);
  });
});

describe('rate limiter on a real clock with an instant sleep (the CLI in tests)', () => {
  test('a token short by a float hair at epoch milliseconds costs one more short wait, not a loop of empty sleeps', async () => {
    // The clock stands still at a real epoch time, where doubles are 2.4e-4 ms apart; the sleep returns at once.
    const T = 1_764_000_000_000;
    let sleeps = 0;
    let spun: (e: Error) => void = () => undefined;
    const spinning = new Promise<never>((_, reject) => (spun = reject));
    const sleep = (): Promise<void> => {
      if (++sleeps <= 1_000) return Promise.resolve();
      spun(new Error('the pump slept 1,000 times for 30 calls'));
      return new Promise(() => undefined);
    };
    const limiter = createRateLimiter({ tps: { ListSpeakers: 3 } }, () => T, sleep);
    const starts = await Promise.race([Promise.all(times('ListSpeakers', 30).map((op) => limiter.acquire(op))), spinning]);
    // 3 TPS keeps its whole burst of 3 (a margin of 0.3 calls is no whole call), then one call every 333.3 ms,
    // each within the 1 ms a hair's extra wait may add (timers have no finer step anyway).
    const due = [0, 0, 0, ...Array.from({ length: 27 }, (_, i) => ((i + 1) * 1000) / 3)];
    expect(starts.map((t, i) => Math.abs(t - T - (due[i] ?? NaN)) <= 1)).toEqual(due.map(() => true));
    // A wait per queued call, and now and then one of 1 ms more for a float hair (before the fix: millions).
    expect(sleeps).toBeGreaterThanOrEqual(27);
    expect(sleeps).toBeLessThanOrEqual(54);
  });
});
