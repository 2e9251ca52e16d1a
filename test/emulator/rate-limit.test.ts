import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/emulator/rate-limit.js';

function clock(start = 0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('rate limiter', () => {
  it('allows a burst of one second of the documented rate, then throttles', () => {
    const c = clock();
    const limiter = new RateLimiter(1, c.now);
    const results = Array.from({ length: 3 }, () => limiter.tryTake('CreateDomain'));
    expect(results).toEqual([true, true, false]);
  });

  it('refills tokens as the injected clock advances', () => {
    const c = clock();
    const limiter = new RateLimiter(1, c.now);
    limiter.tryTake('DescribeDomain');
    limiter.tryTake('DescribeDomain');
    c.advance(500);
    expect(limiter.tryTake('DescribeDomain')).toBe(true);
    expect(limiter.tryTake('DescribeDomain')).toBe(false);
  });

  it('scales the documented rate by quotaScale', () => {
    const limiter = new RateLimiter(0.5, clock().now);
    expect(limiter.rate('OptOutSpeaker')).toBe(5);
  });

  it('is off when quotaScale is 0', () => {
    const limiter = new RateLimiter(0, clock().now);
    expect(Array.from({ length: 100 }, () => limiter.tryTake('CreateDomain')).every(Boolean)).toBe(true);
  });

  it('keeps one bucket per operation', () => {
    const limiter = new RateLimiter(1, clock().now);
    limiter.tryTake('CreateDomain');
    limiter.tryTake('CreateDomain');
    expect(limiter.tryTake('ListDomains')).toBe(true);
  });

  it('applies per-operation overrides at scale 1', () => {
    const limiter = new RateLimiter(2, clock().now, { EvaluateSession: 1 });
    expect(limiter.rate('EvaluateSession')).toBe(2);
  });

  it('limits the neighbour services at their inferred rates', () => {
    const limiter = new RateLimiter(1, clock().now);
    expect([limiter.rate('GetResources'), limiter.rate('DescribeKey')]).toEqual([5, 50]);
  });
});
