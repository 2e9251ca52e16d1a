/** The text apply prints at the end (APPLY.md A6.1): one line per change, then one summary line. Pure. */
import type { ApplyResult, ChangeOutcome } from './types.js';

const MARK: Readonly<Record<ChangeOutcome['status'], string>> = { applied: '✓', failed: '✗', skipped: '-', deferred: '…', interrupted: '!' };

export function outcomeLines(result: ApplyResult): string[] {
  const lines = result.outcomes.map((o) => {
    const calls = o.callsTotal > 1 ? ` (${o.callsDone}/${o.callsTotal} calls)` : '';
    return `  ${MARK[o.status]} ${o.address}: ${o.status}${calls}${o.reason ? `: ${o.reason}` : ''}`;
  });
  for (const w of result.waits) lines.push(`  ${w.status === 'completed' ? '✓' : '✗'} ${w.subject}: ${w.detail}`);
  return lines;
}

export function summaryLine(result: ApplyResult): string {
  const count = (s: ChangeOutcome['status']) => result.outcomes.filter((o) => o.status === s).length;
  const waitsFailed = result.waits.filter((w) => w.status !== 'completed').length;
  const deferred = count('deferred');
  // Only deferred changes left undone: nothing went wrong, the rest runs on a later apply (or with --wait).
  const onlyDeferred = deferred > 0 && result.outcomes.every((o) => o.status === 'applied' || o.status === 'deferred') && waitsFailed === 0;
  const head = result.interrupted ? 'Apply interrupted' : result.ok ? 'Apply complete' : onlyDeferred ? 'Apply incomplete' : 'Apply failed';
  const waits = result.waits.length > 0 ? `, ${result.waits.length - waitsFailed} of ${result.waits.length} waits completed` : '';
  const later = deferred > 0 ? `, ${deferred} deferred` : '';
  return `${head}: ${count('applied')} applied, ${count('failed')} failed, ${count('skipped')} skipped${later}, ${count('interrupted')} interrupted${waits}.`;
}
