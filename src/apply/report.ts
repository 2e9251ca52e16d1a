/** The text apply prints at the end (APPLY.md A6.1): one line per change, then one summary line. Pure. */
import type { ApplyResult, ChangeOutcome } from './types.js';

const MARK: Readonly<Record<ChangeOutcome['status'], string>> = { applied: '✓', failed: '✗', skipped: '-', deferred: '…', interrupted: '!' };

export function outcomeLines(result: ApplyResult): string[] {
  const lines = result.outcomes.map((o) => {
    const calls = o.callsTotal > 1 ? ` (${o.callsDone}/${o.callsTotal} calls)` : '';
    const line = `  ${MARK[o.status]} ${o.address}: ${o.status}${calls}${o.reason ? `: ${o.reason}` : ''}`;
    return o.hint ? `${line}\n    hint: ${o.hint}` : line;
  });
  for (const w of result.waits) lines.push(`  ${w.status === 'completed' ? '✓' : '✗'} ${w.subject}: ${w.detail}`);
  return lines;
}

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
