/**
 * The adaptive rate against a Voice ID-like service on virtual time (quota-simulation.ts): the service's quota is
 * raised or lowered from the documented one and the client is not told.
 */
import { describe, expect, test } from 'vitest';
import { rateBetween, simulate } from './quota-simulation.js';

describe('adaptive pacing (CUBIC)', () => {
  test('converges to a raised quota it was not told about (OptOutSpeaker documented 10 TPS, service 100 TPS)', async () => {
    const r = await simulate({ serviceTps: 100, calls: 3000 });
    expect(r.failures).toBe(0);
    expect(r.accepted).toHaveLength(3000);
    // The first fifth ramps up from 10 TPS; after that the service's quota is kept busy.
    expect(rateBetween(r.accepted, 0, 0.1)).toBeLessThan(60);
    expect(rateBetween(r.accepted, 0.4, 1)).toBeGreaterThan(90);
    expect(r.finalRate).toBeGreaterThan(70);
  });

  test('backs off from a lowered quota (OptOutSpeaker documented 10 TPS, service 4 TPS) without failing a call', async () => {
    const r = await simulate({ serviceTps: 4, calls: 300 });
    expect(r.failures).toBe(0);
    expect(r.accepted).toHaveLength(300);
    const late = rateBetween(r.accepted, 0.3, 1);
    expect(late).toBeGreaterThan(3.6);
    expect(late).toBeLessThan(4.4);
    // The client's own rate hovers around the quota, well below where it started.
    const rates = r.rates.slice(100).map((x) => x ?? Infinity);
    expect(rates.reduce((a, b) => a + b, 0) / rates.length).toBeLessThan(6.5);
    expect(r.throttles).toBeLessThan(300 * 0.25);
  });

  test('at the documented quota it stays there: the burst of one second, then the quota, few throttles', async () => {
    const r = await simulate({ serviceTps: 10, calls: 400 });
    expect(r.failures).toBe(0);
    // 10 calls in the service's burst, then 390 at 10 TPS: 39 s is the least any client can take.
    const span = (r.accepted.at(-1)! - r.accepted[0]!) / 1000;
    expect(span).toBeGreaterThanOrEqual(39 - 0.1);
    expect(span).toBeLessThan(39 * 1.03);
    expect(r.throttles).toBeLessThan(400 * 0.1);
  });

  test('a told quota (--quota-scale) is the starting point', async () => {
    const r = await simulate({ serviceTps: 100, calls: 1000, rateLimits: { scale: 10 } });
    expect(r.failures).toBe(0);
    expect(rateBetween(r.accepted, 0, 0.5)).toBeGreaterThan(95);
  });
});
