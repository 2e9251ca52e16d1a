import { describe, expect, test } from 'vitest';
import { createRateLimiter } from '../../src/aws/rate-limiter.js';
import { virtualClock } from './virtual-clock.js';

async function startTimes(operations: readonly string[], options: Parameters<typeof createRateLimiter>[0]): Promise<number[]> {
  const clock = virtualClock();
  const limiter = createRateLimiter(options, clock.now, clock.sleep);
  return clock.run(Promise.all(operations.map(async (op) => {
    await limiter.acquire(op);
    return clock.now();
  })));
}

describe('rate limiter', () => {
  test('spaces calls of one operation at its documented quota (ListDomains: 2 TPS)', async () => {
    expect(await startTimes(['ListDomains', 'ListDomains', 'ListDomains', 'ListDomains'], {})).toEqual([0, 500, 1000, 1500]);
  });

  test('paces each operation in its own bucket, concurrently', async () => {
    const times = await startTimes(['ListSpeakers', 'DescribeSpeaker', 'ListSpeakers', 'DescribeSpeaker', 'DescribeSpeaker'], {});
    expect(times).toEqual([0, 0, 200, 100, 200]);
  });

  test('applies a per-operation override', async () => {
    expect(await startTimes(['OptOutSpeaker', 'OptOutSpeaker', 'OptOutSpeaker'], { tps: { OptOutSpeaker: 20 } })).toEqual([0, 50, 100]);
  });

  test('multiplies every rate by the scale', async () => {
    expect(await startTimes(['DescribeDomain', 'DescribeDomain', 'DescribeDomain'], { scale: 4 })).toEqual([0, 125, 250]);
  });

  test('does not pace when the scale is 0', async () => {
    expect(await startTimes(['ListDomains', 'ListDomains', 'ListDomains'], { scale: 0 })).toEqual([0, 0, 0]);
  });

  test('does not pace operations without a known quota', async () => {
    expect(await startTimes(['GetResources', 'GetResources', 'DescribeKey'], {})).toEqual([0, 0, 0]);
  });

  test('lets a burst start back-to-back after idling, then spaces the rest', async () => {
    expect(await startTimes(['ListDomains', 'ListDomains', 'ListDomains', 'ListDomains'], { burst: 2 })).toEqual([0, 0, 500, 1000]);
  });

  test('an idle bucket does not bank more than its burst', async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({}, clock.now, clock.sleep);
    await limiter.acquire('ListDomains');
    await clock.run(clock.sleep(10_000));
    const times = await clock.run(Promise.all([0, 1].map(async () => {
      await limiter.acquire('ListDomains');
      return clock.now();
    })));
    expect(times).toEqual([10_000, 10_500]);
  });

  test('reports the effective rate of an operation', () => {
    const limiter = createRateLimiter({ scale: 2, tps: { ListSpeakers: 7 } }, () => 0, async () => undefined);
    expect([limiter.rate('ListSpeakers'), limiter.rate('DescribeSpeaker'), limiter.rate('GetResources')]).toEqual([14, 20, undefined]);
  });
});
