import { afterEach, describe, expect, test } from 'vitest';
import { realSleep } from '../../src/aws/rate-limiter.js';

const warnings: Error[] = [];
const onWarning = (w: Error): void => void warnings.push(w);

afterEach(() => {
  process.off('warning', onWarning);
  warnings.length = 0;
});

describe('realSleep', () => {
  test('fifty sleepers on one signal raise no MaxListenersExceededWarning', async () => {
    process.on('warning', onWarning);
    const controller = new AbortController();
    const sleeps = Array.from({ length: 50 }, () => realSleep(60_000, controller.signal).then(() => 'slept', () => 'aborted'));
    controller.abort(new Error('SIGINT'));
    const outcomes = await Promise.all(sleeps);
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.map((w) => w.name)).toEqual([]);
    expect(new Set(outcomes)).toEqual(new Set(['aborted']));
  });

  test('an abort rejects a pending sleep with the signal reason', async () => {
    const controller = new AbortController();
    const sleep = realSleep(60_000, controller.signal);
    controller.abort(new Error('SIGTERM'));
    await expect(sleep).rejects.toThrow('SIGTERM');
  });

  test('a sleep that ends normally resolves and later aborts do not reject it', async () => {
    const controller = new AbortController();
    await expect(realSleep(1, controller.signal)).resolves.toBeUndefined();
    controller.abort(new Error('late'));
  });

  test('a signal already aborted rejects at once', async () => {
    const controller = new AbortController();
    controller.abort(new Error('early'));
    await expect(realSleep(60_000, controller.signal)).rejects.toThrow('early');
  });
});
