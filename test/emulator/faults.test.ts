import { describe, expect, it } from 'vitest';
import { FaultInjector } from '../../src/emulator/faults.js';

const run = (injector: FaultInjector, n: number) => Array.from({ length: n }, () => injector.decide('ListDomains').kind);

describe('fault injection', () => {
  it('gives the same faults for the same seed and call sequence', () => {
    const config = { seed: 42, throttleRate: 0.3, errorRate: 0.2, dropRate: 0.1 };
    expect(run(new FaultInjector(config), 50)).toEqual(run(new FaultInjector(config), 50));
  });

  it('gives different faults for a different seed', () => {
    const a = run(new FaultInjector({ seed: 1, throttleRate: 0.5 }), 50);
    const b = run(new FaultInjector({ seed: 2, throttleRate: 0.5 }), 50);
    expect(a).not.toEqual(b);
  });

  it('injects nothing by default', () => {
    expect(new Set(run(new FaultInjector(), 20))).toEqual(new Set(['none']));
  });

  it('faults every call at rate 1', () => {
    expect(new Set(run(new FaultInjector({ errorRate: 1 }), 10))).toEqual(new Set(['error']));
  });

  it('restricts faults to the listed operations', () => {
    const f = new FaultInjector({ errorRate: 1, operations: ['CreateDomain'] });
    expect([f.decide('ListDomains').kind, f.decide('CreateDomain').kind]).toEqual(['none', 'error']);
  });

  it('draws latency within the configured range', () => {
    const f = new FaultInjector({ seed: 3, latencyMs: { min: 10, max: 20 } });
    const latencies = Array.from({ length: 30 }, () => f.decide('ListDomains').latencyMs);
    expect(latencies.every((l) => l >= 10 && l <= 20)).toBe(true);
  });

  it('restarts the sequence when the faults are set again', () => {
    const config = { seed: 9, throttleRate: 0.5 };
    const f = new FaultInjector(config);
    const first = run(f, 20);
    f.set(config);
    expect(run(f, 20)).toEqual(first);
  });
});
