/**
 * Seeded, reproducible fault injection (EMULATOR.md §8). Each faultable call draws from one PRNG in a fixed
 * order, so the same seed and the same sequence of calls give the same faults.
 */
import { mulberry32, type Random } from './random.js';
import type { FaultConfig } from './types.js';

export type FaultDecision =
  | { readonly kind: 'none'; readonly latencyMs: number }
  | { readonly kind: 'drop'; readonly latencyMs: number }
  | { readonly kind: 'throttle'; readonly latencyMs: number }
  | { readonly kind: 'error'; readonly latencyMs: number }
  | { readonly kind: 'dropAfterAction'; readonly latencyMs: number };

export class FaultInjector {
  private random: Random;
  private config: FaultConfig;

  constructor(config: FaultConfig = {}) {
    this.config = config;
    this.random = mulberry32(config.seed ?? 1);
  }

  /** Replaces the configuration and restarts its PRNG, so a test gets the same faults each time it sets them. */
  set(config: FaultConfig): void {
    this.config = config;
    this.random = mulberry32(config.seed ?? 1);
  }

  get current(): FaultConfig {
    return this.config;
  }

  private latency(): number {
    const l = this.config.latencyMs;
    if (l === undefined) return 0;
    if (typeof l === 'number') return l;
    return l.min + Math.floor(this.random() * (l.max - l.min + 1));
  }

  decide(operation: string): FaultDecision {
    const c = this.config;
    if (c.operations && !c.operations.includes(operation)) return { kind: 'none', latencyMs: 0 };
    const latencyMs = this.latency();
    const draw = (rate: number | undefined): boolean => rate !== undefined && rate > 0 && this.random() < rate;
    // Draw every rate every time (fixed order), so one fault kind's rate does not shift another's sequence.
    const drop = draw(c.dropRate);
    const throttle = draw(c.throttleRate);
    const error = draw(c.errorRate);
    const after = draw(c.dropAfterActionRate);
    if (drop) return { kind: 'drop', latencyMs };
    if (throttle) return { kind: 'throttle', latencyMs };
    if (error) return { kind: 'error', latencyMs };
    if (after) return { kind: 'dropAfterAction', latencyMs };
    return { kind: 'none', latencyMs };
  }
}
