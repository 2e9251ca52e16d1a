/** The summary line apply prints at the end (APPLY.md A6.1); the per-change lines are src/cli/apply-report.ts. Pure. */
import type { ApplyResult, ChangeOutcome } from './types.js';

export function summaryLine(result: ApplyResult): string {
  const count = (s: ChangeOutcome['status']) => result.outcomes.filter((o) => o.status === s).length;
  const waitsFailed = result.waits.filter((w) => w.status !== 'completed').length;
  const deferred = count('deferred');
  const head = result.interrupted ? 'Apply interrupted' : result.ok ? 'Apply complete' : 'Apply failed';
  const waits = result.waits.length > 0 ? `, ${result.waits.length - waitsFailed} of ${result.waits.length} waits completed` : '';
  const counts = `${count('applied')} applied, ${count('failed')} failed, ${count('skipped')} skipped, ${count('interrupted')} interrupted${waits}`;
  // A6.1: deferred changes are routine work Voice ID accepts later, not a failure.
  const later = deferred > 0 ? `; ${deferredLine(deferred)}` : '';
  return `${head}: ${counts}${later}.`;
}

/** "N deferred: the next apply starts them" (A6.1, A6.3). */
export function deferredLine(n: number): string {
  return `${n.toLocaleString('en-US')} deferred: the next apply starts them`;
}
