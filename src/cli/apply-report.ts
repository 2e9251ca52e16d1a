/**
 * The lines apply prints per change: live as each change ends (apply-view.ts) and in the final report
 * (APPLY.md A6.1), in the plan's colours (src/render/style.ts: green applied, red failed, magenta deferred, dim skipped). PURE.
 */
import type { ApplyResult, ChangeOutcome, WaitOutcome } from '../apply/types.js';
import { assertNever } from '../model/assert-never.js';
import { duration, group } from '../render/progress.js';
import { style as makeStyle, type Style } from '../render/style.js';

const MARK: Readonly<Record<ChangeOutcome['status'], string>> = { applied: '✓', failed: '✗', skipped: '-', deferred: '…', interrupted: '!' };

function paint(status: ChangeOutcome['status'] | WaitOutcome['status'], s: Style): (text: string) => string {
  switch (status) {
    case 'applied':
    case 'completed':
      return s.add;
    case 'failed':
    case 'interrupted':
    case 'timed-out':
      return s.remove;
    case 'deferred':
      return s.blocked;
    case 'skipped':
      return s.dim;
    default:
      return assertNever(status, 'outcome status');
  }
}

/** "  ✓ domain.a.opt-outs: applied (3/1,000 calls): reason"; `elapsedMs` only on the live line ("(1,000 calls, 12s)"). */
export function outcomeLine(o: ChangeOutcome, s: Style = makeStyle(false), elapsedMs?: number): string {
  // The live line (with its time) says "1,000 calls" when all were made: short enough for 60 columns.
  const live = elapsedMs !== undefined;
  const calls = o.callsTotal <= 1 ? '' : live && o.callsDone === o.callsTotal ? `${group(o.callsTotal)} calls` : `${group(o.callsDone)}/${group(o.callsTotal)} calls`;
  const parts = [calls, live && elapsedMs >= 1000 ? duration(elapsedMs / 1000) : ''].filter((p) => p !== '');
  const detail = parts.length > 0 ? ` (${parts.join(', ')})` : '';
  const c = paint(o.status, s);
  return `  ${c(MARK[o.status])} ${o.address}: ${c(o.status)}${detail}${o.reason ? `: ${o.reason}` : ''}`;
}

export function waitOutcomeLine(w: WaitOutcome, s: Style = makeStyle(false)): string {
  const c = paint(w.status, s);
  return `  ${c(w.status === 'completed' ? '✓' : '✗')} ${w.subject}: ${w.detail}`;
}

/** The final report: every change (a failure's hint under its line), then every wait. */
export function outcomeLines(result: ApplyResult, s: Style = makeStyle(false)): string[] {
  const changes = result.outcomes.map((o) => (o.hint ? `${outcomeLine(o, s)}\n    ${s.dim(`hint: ${o.hint}`)}` : outcomeLine(o, s)));
  return [...changes, ...result.waits.map((w) => waitOutcomeLine(w, s))];
}

/** The summary line in bold: green when everything was done (deferred changes included, A6.1), red otherwise. */
export function paintSummary(line: string, result: ApplyResult, s: Style): string {
  return s.bold(result.ok && !result.interrupted ? s.add(line) : s.remove(line));
}
