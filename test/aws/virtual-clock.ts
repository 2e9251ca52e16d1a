/**
 * Virtual time for tests: `sleep` parks the caller until the clock reaches its wake time; `settle()` runs the
 * program, advancing the clock to the next timer whenever nothing else can run. No test ever really waits.
 */
import { setImmediate as tick } from 'node:timers/promises';

export interface VirtualClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Resolves with `promise`'s value once it settles, advancing virtual time as needed. */
  run<T>(promise: Promise<T>): Promise<T>;
  /** Every sleep requested so far, in ms. */
  readonly sleeps: number[];
}

export function virtualClock(start = 0): VirtualClock {
  let t = start;
  const timers: { at: number; seq: number; wake: () => void }[] = [];
  const sleeps: number[] = [];
  let seq = 0;
  return {
    now: () => t,
    sleeps,
    sleep(ms) {
      sleeps.push(ms);
      return new Promise((wake) => timers.push({ at: t + Math.max(0, ms), seq: seq++, wake }));
    },
    async run(promise) {
      let done = false;
      const settled = promise.finally(() => void (done = true));
      settled.catch(() => undefined);
      while (!done) {
        for (let i = 0; i < 5 && !done; i++) await tick();
        if (done) break;
        timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
        const next = timers.shift();
        if (!next) {
          await tick();
          continue;
        }
        t = Math.max(t, next.at);
        next.wake();
      }
      return settled;
    },
  };
}
