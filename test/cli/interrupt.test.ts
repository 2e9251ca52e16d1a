/** The signal policy of src/cli/interrupt.ts, with the process-facing functions recorded. */
import { describe, expect, it } from 'vitest';
import { interruptHandler, liveViewSlot } from '../../src/cli/interrupt.js';

function recorder() {
  const log: string[] = [];
  const timers: Array<{ fn: () => void; ms: number }> = [];
  const handler = interruptHandler({
    write: (t) => log.push(`write ${t.trim()}`),
    liveView: { erase: () => log.push('erase') },
    abort: (e) => log.push(`abort ${e.message}`),
    forceExit: (s) => log.push(`forceExit ${s}`),
    later: (fn, ms) => void timers.push({ fn, ms }),
  });
  return { log, timers, handler };
}

describe('interruptHandler', () => {
  it('aborts the run on the first signal and forces the exit when the grace of 1.5 s has passed', () => {
    const r = recorder();
    r.handler('SIGTERM');
    expect(r.log).toEqual(['erase', 'write SIGTERM received: finishing calls in flight, starting no new ones (again to force)', 'abort SIGTERM']);
    expect(r.timers.map((t) => t.ms)).toEqual([1500]);
    r.timers[0]!.fn();
    expect(r.log.slice(3)).toEqual(['erase', 'write still running 1.5 s after SIGTERM: exiting now without waiting for the calls in flight (re-running converges)', 'forceExit SIGTERM']);
  });

  it('forces the exit at once on a second signal, aborting only once', () => {
    const r = recorder();
    r.handler('SIGINT');
    r.handler('SIGTERM');
    expect(r.log.filter((l) => l.startsWith('abort'))).toEqual(['abort SIGINT']);
    expect(r.log.at(-2)).toBe('write SIGTERM received again: exiting now');
    expect(r.log.at(-1)).toBe('forceExit SIGTERM');
  });
});

describe('liveViewSlot', () => {
  it('erases the view it holds, nothing once released, and a release never drops a newer view', () => {
    const erased: string[] = [];
    const slot = liveViewSlot();
    slot.erase();
    const releaseA = slot.hold({ erase: () => erased.push('a') });
    slot.erase();
    releaseA();
    slot.erase();
    const releaseB = slot.hold({ erase: () => erased.push('b') });
    releaseA();
    slot.erase();
    releaseB();
    expect(erased).toEqual(['a', 'b']);
  });
});
