/** Shared by the benchmarks: the quota-bound lower bound of a run, and stopping the forked emulator. */
import type { ChildProcess } from 'node:child_process';
import type { CallStats } from '../../src/aws/index.js';

/**
 * The least wall time the same calls can take at the given per-operation rates: operations have separate quotas
 * and run concurrently, so the bound is the slowest operation's calls / rate.
 */
export function lowerBound(calls: CallStats, rate: (op: string) => number | undefined): { seconds: number; operation: string } {
  let best = { seconds: 0, operation: '-' };
  for (const [op, s] of Object.entries(calls)) {
    const r = rate(op);
    if (r !== undefined && s.calls / r > best.seconds) best = { seconds: s.calls / r, operation: op };
  }
  return best;
}

/** Disconnects the emulator child (it exits when its IPC channel closes) and waits for it to exit. */
export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.disconnect();
  });
}
