/**
 * A resource made for each test and closed after it (an emulator harness, a CLI workspace), used through one
 * stand-in the test file keeps at its top level: `h.voiceId` is the current test's client. The file no longer
 * repeats `let h; beforeEach(start); afterEach(close)`, and a test that needs other options starts its own.
 */
import { afterEach, beforeEach } from 'vitest';

export type PerTest<T, O> = T & {
  /** Starts one for this test with these options (closing the one before, if any); it is closed after the test. */
  start(...options: undefined extends O ? [options?: O] : [options: O]): Promise<T>;
  /** Closes this test's one now (the afterEach then closes nothing more). */
  close(): Promise<void>;
};

export interface PerTestOptions<O> {
  /** Started before each test with these options; without them, each test calls `start` itself. */
  readonly beforeEach?: O;
}

/**
 * Call at the top level of a test file (or of a describe). `open` and `close` are the resource's own; the stand-in
 * forwards every property to the current test's resource, and its `close` closes that one early.
 */
export function perTest<T extends object, O>(
  open: (options: O) => Promise<T>,
  close: (resource: T) => Promise<void>,
  options: PerTestOptions<O> = {},
): PerTest<T, O> {
  let current: T | undefined;
  const stop = async (): Promise<void> => {
    const c = current;
    current = undefined;
    if (c !== undefined) await close(c);
  };
  const start = async (o: O): Promise<T> => {
    await stop();
    current = await open(o);
    return current;
  };
  const before = options.beforeEach;
  if (before !== undefined) beforeEach(async () => void (await start(before)));
  afterEach(stop);
  return new Proxy({} as PerTest<T, O>, {
    get: (_target, key) => {
      if (key === 'start') return start;
      if (key === 'close') return stop;
      // Not a thenable (it may be awaited or returned from an async function), and inspectable between tests.
      if (key === 'then' || typeof key === 'symbol') return current === undefined ? undefined : (Reflect.get(current, key) as unknown);
      if (current === undefined) throw new Error(`perTest: ${String(key)} read with no resource started in this test`);
      return Reflect.get(current, key) as unknown;
    },
  });
}
