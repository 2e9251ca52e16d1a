/**
 * A paced client against a Voice ID-like bucket, all on virtual time: the pacer (src/aws) sends calls through the
 * emulator's own per-operation token bucket (src/emulator/rate-limit.ts: burst of one second of quota), each call
 * taking a jittered latency; a refused call is answered ThrottlingException, which the pacer retries.
 */
import { createPacer } from '../../src/aws/pacer.js';
import type { RateLimitOptions } from '../../src/aws/rate-limiter.js';
import { RateLimiter as ServiceBucket } from '../../src/emulator/rate-limit.js';
import { virtualClock } from './virtual-clock.js';

export interface Simulation {
  /** Service-side TPS of the operation. */
  readonly serviceTps: number;
  readonly calls: number;
  readonly operation?: string;
  readonly latencyMs?: number;
  readonly workers?: number;
  readonly rateLimits?: RateLimitOptions;
  /** Share of calls throttled at random, whatever the rate (a faulty service, not its quota). */
  readonly randomThrottles?: number;
}

export interface SimulationResult {
  /** Virtual time (ms) at which each successful call was accepted by the service, in order. */
  readonly accepted: number[];
  readonly throttles: number;
  readonly failures: number;
  /** The client's rate for the operation at the end. */
  readonly finalRate: number | undefined;
  /** The client's rate sampled at every accepted call. */
  readonly rates: (number | undefined)[];
}

/** Deterministic PRNG, so a simulation is the same on every run: the emulator's own mulberry32. */
import { mulberry32 as seeded } from '../../src/emulator/random.js';
export { seeded };

const throttle = (): Error => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 429 }, $fault: 'client' });

export async function simulate(sim: Simulation): Promise<SimulationResult> {
  const op = sim.operation ?? 'OptOutSpeaker';
  const clock = virtualClock(1_000_000);
  const random = seeded(7);
  const latency = sim.latencyMs ?? 50;
  const service = new ServiceBucket(1, clock.now, { [op]: sim.serviceTps });
  const pacer = createPacer({ now: clock.now, sleep: clock.sleep, random: seeded(11), rateLimits: sim.rateLimits ?? {}, maxConcurrency: 64 });
  const accepted: number[] = [];
  const rates: (number | undefined)[] = [];
  let next = 0;
  let failures = 0;
  const send = async (): Promise<void> => {
    // Half the round trip on the way there, where the service decides; jitter of +-40%.
    await clock.sleep((latency / 2) * (0.6 + 0.8 * random()));
    const ok = random() >= (sim.randomThrottles ?? 0) && service.tryTake(op);
    const at = clock.now();
    await clock.sleep((latency / 2) * (0.6 + 0.8 * random()));
    if (!ok) throw throttle();
    accepted.push(at);
    rates.push(pacer.limiter.rate(op));
  };
  const worker = async (): Promise<void> => {
    while (next < sim.calls) {
      next++;
      await pacer.call({ service: 'voiceid', operation: op }, send).catch(() => void failures++);
    }
  };
  await clock.run(Promise.all(Array.from({ length: sim.workers ?? 16 }, worker)));
  return { accepted, throttles: pacer.stats()[op]?.throttles ?? 0, failures, finalRate: pacer.limiter.rate(op), rates };
}

/** Accepted calls per second between two shares (0..1) of the run, by count. */
export function rateBetween(accepted: readonly number[], from: number, to: number): number {
  const a = Math.floor(accepted.length * from);
  const b = Math.min(accepted.length - 1, Math.floor(accepted.length * to));
  return ((b - a) * 1000) / (accepted[b]! - accepted[a]!);
}
