/**
 * apply's progress view (src/cli/apply-view.ts) drawn on a terminal model (test/helpers/terminal.ts, xterm.js's
 * parser): one row per bar at any width, per-change lines kept, bars erased at the end; and CI logs (no terminal).
 */
import { describe, expect, test } from 'vitest';
import type { ApplyEvent, ChangeOutcome } from '../../src/apply/index.js';
import { createApplyView } from '../../src/cli/apply-view.js';
import { screenModel } from '../helpers/terminal.js';

const A = 'domain.customer-support-line-west-1.opt-outs';
const B = 'domain.customer-support-line-west-2.opt-outs';
const start = (address: string, total: number): ApplyEvent => ({ kind: 'change-start', address, action: total > 1 ? 'opt-out' : 'create', total });
const progress = (address: string, done: number, total = 1000): ApplyEvent => ({ kind: 'progress', address, done, total });
const end = (address: string, status: ChangeOutcome['status'] = 'applied', total = 1000): ApplyEvent => ({
  kind: 'change-end',
  outcome: { address, action: total > 1 ? 'opt-out' : 'create', status, callsDone: status === 'applied' ? total : 0, callsTotal: total },
});

function onTerminal(columns: number, options: { color?: boolean; signal?: AbortSignal } = {}) {
  let t = 0;
  let size = { columns, rows: 24 };
  const screen = screenModel(columns, 24);
  const ticks: (() => void)[] = [];
  let written = '';
  const view = createApplyView({
    write: (s) => {
      written += s;
      screen.write(s);
    },
    terminal: () => size,
    now: () => t,
    color: options.color ?? false,
    every: (_ms, fn) => {
      ticks.push(fn);
      return () => void ticks.splice(ticks.indexOf(fn), 1);
    },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return {
    view,
    screen,
    written: () => written,
    advance: (ms: number) => void (t += ms),
    tick: () => ticks.forEach((f) => f()),
    resize: (c: number) => {
      size = { columns: c, rows: 24 };
      screen.resize(c, 24);
    },
  };
}

/** How a terminal of `columns` shows a line of one-column characters. */
function wrapped(line: string, columns: number): string[] {
  const rows: string[] = [];
  for (let i = 0; i < line.length; i += columns) rows.push(line.slice(i, i + columns));
  return rows;
}

/** Two opt-out lists of 1,000 side by side, two short changes ending midway, 100 ms between progress events. */
function twoLists(h: ReturnType<typeof onTerminal>, during?: () => Promise<void>) {
  return (async () => {
    h.view.onEvent(start('domain.a', 1));
    h.view.onEvent(end('domain.a', 'applied', 1));
    h.view.onEvent(start(A, 1000));
    h.view.onEvent(start(B, 1000));
    for (let done = 10; done <= 1000; done += 10) {
      h.advance(100);
      h.view.onEvent(progress(A, done));
      h.view.onEvent(progress(B, done));
      if (done === 500) {
        h.view.onEvent(start('domain.b.tags', 1));
        h.view.onEvent(end('domain.b.tags', 'failed', 1));
        await during?.();
      }
    }
    h.view.onEvent(end(A));
    h.view.onEvent(end(B));
    h.view.finish();
  })();
}

describe('progress on a terminal', () => {
  test.each([60, 80, 120])('at %i columns: one row per bar while running, only the per-change lines at the end', async (columns) => {
    const h = onTerminal(columns);
    let midway: string[] = [];
    await twoLists(h, async () => void (midway = await h.screen.rows()));
    // Midway: the two lines printed so far, then exactly one row per bar, none wider than the screen.
    expect(midway).toHaveLength(4);
    expect(midway.slice(0, 2)).toEqual(['  ✓ domain.a: applied', '  ✗ domain.b.tags: failed']);
    expect(midway[2]).toMatch(/west-1\.opt-outs \[#+-+\] 500\/1,000 50%/);
    expect(midway[3]).toMatch(/west-2\.opt-outs \[#+-+\] 500\/1,000 50%/);
    // A per-change line is kept whole: at 60 columns the terminal wraps it (76 characters) onto two rows.
    expect(await h.screen.rows()).toEqual([
      '  ✓ domain.a: applied',
      '  ✗ domain.b.tags: failed',
      ...wrapped(`  ✓ ${A}: applied (1,000 calls, 10s)`, columns),
      ...wrapped(`  ✓ ${B}: applied (1,000 calls, 10s)`, columns),
    ]);
  });

  test('a resize applies at the next redraw: the bars are cut to the new width', async () => {
    const h = onTerminal(120);
    h.view.onEvent(start(A, 1000));
    h.advance(1000);
    h.view.onEvent(progress(A, 100));
    h.resize(60);
    h.advance(1000);
    h.view.onEvent(progress(A, 200));
    const rows = await h.screen.rows();
    expect(rows.at(-1)).toBe('…er-support-line-west-1.opt-outs [##--------] 200/1,000 20%');
    h.view.finish();
    expect((await h.screen.rows()).filter((r) => r.includes('%'))).toEqual([]);
  });

  test('a wait says what it awaits and how long it has waited, ticking without events, never "0%"', async () => {
    const h = onTerminal(80);
    const wait = (done: boolean, status = 're-encrypting'): ApplyEvent => ({ kind: 'wait', subject: 'domain.support', awaiting: 're-encrypting domain.support to alias/voiceid-next', status, done });
    h.view.onEvent(wait(false));
    h.advance(130_000);
    h.tick();
    expect(await h.screen.rows()).toEqual(['re-encrypting domain.support to alias/voiceid-next, 2m10s']);
    h.advance(5_000);
    h.view.onEvent(wait(true, 'encryption up to date'));
    h.view.finish();
    expect(await h.screen.rows()).toEqual(['  ✓ domain.support: encryption up to date (waited 2m15s)']);
  });

  /** Two bars drawn (A at 1% after a second, B just started) by an apply that Ctrl-C can abort. */
  function twoBarsAtCtrlC() {
    const controller = new AbortController();
    const h = onTerminal(120, { signal: controller.signal });
    h.view.onEvent(start(A, 1000));
    h.advance(1000);
    h.view.onEvent(progress(A, 10));
    h.view.onEvent(start(B, 1000));
    return { h, controller };
  }
  /** The line main.ts writes on SIGINT (interrupt.ts). */
  const SIGINT_LINE = 'SIGINT received: finishing calls in flight, starting no new ones (again to force)';

  test('Ctrl-C: the bars are erased before the "SIGINT received" line and redrawn below it, none left frozen above', async () => {
    const { h, controller } = twoBarsAtCtrlC();
    expect((await h.screen.rows()).filter((r) => r.includes('%'))).toHaveLength(2);
    // What main.ts does on SIGINT (interrupt.ts): erase the live view, write its line to the same terminal, abort.
    h.view.erase();
    h.screen.write(`\n${SIGINT_LINE}\n`);
    controller.abort();
    h.advance(1000);
    h.view.onEvent(progress(A, 20));
    const during = await h.screen.rows();
    expect(during.slice(0, 2)).toEqual(['', SIGINT_LINE]);
    expect(during.slice(2).filter((r) => r.includes('%'))).toHaveLength(2);
    h.view.onEvent(end(A, 'interrupted'));
    h.view.onEvent(end(B, 'interrupted'));
    h.view.finish();
    expect(await h.screen.rows()).toEqual([
      '',
      SIGINT_LINE,
      `  ! ${A}: interrupted (0/1,000 calls, 2s)`,
      `  ! ${B}: interrupted (0/1,000 calls, 1s)`,
    ]);
  });

  test('the bars redrawn after Ctrl-C start below the "SIGINT received" line', async () => {
    const { h, controller } = twoBarsAtCtrlC();
    // What main.ts does on SIGINT: write its line to the same terminal, then abort.
    h.screen.write(`\n${SIGINT_LINE}\n`);
    controller.abort();
    h.advance(1000);
    h.view.onEvent(progress(A, 20));
    h.view.onEvent(end(A, 'interrupted'));
    h.view.onEvent(end(B, 'interrupted'));
    h.view.finish();
    const rows = await h.screen.rows();
    // The bars as they were at Ctrl-C stay above the line; what is drawn after it starts below it.
    expect(rows.slice(2, 4)).toEqual(['', SIGINT_LINE]);
    expect(rows.slice(4)).toEqual([`  ! ${A}: interrupted (0/1,000 calls, 2s)`, `  ! ${B}: interrupted (0/1,000 calls, 1s)`]);
  });

  test('colours the per-change lines only when asked', async () => {
    const coloured = onTerminal(80, { color: true });
    coloured.view.onEvent(start('domain.a', 1));
    coloured.view.onEvent(end('domain.a', 'applied', 1));
    expect(coloured.written()).toContain('\u001b[32m✓\u001b[39m domain.a: \u001b[32mapplied\u001b[39m');
    const plain = onTerminal(80);
    plain.view.onEvent(start('domain.a', 1));
    plain.view.onEvent(end('domain.a', 'applied', 1));
    expect(plain.written()).not.toMatch(new RegExp(`${String.fromCharCode(27)}\\[\\d+m`));
  });
});

describe('progress in a CI log (no terminal)', () => {
  function inLog() {
    let t = 0;
    const out: string[] = [];
    const view = createApplyView({ write: (s) => out.push(s), now: () => t, color: true });
    return { view, out, advance: (ms: number) => void (t += ms) };
  }

  test('one line per change when it ends, and a progress line at most every 30 s per list', () => {
    const h = inLog();
    h.view.onEvent(start('domain.a', 1));
    h.advance(1200);
    h.view.onEvent(end('domain.a', 'applied', 1));
    h.view.onEvent(start(A, 1000));
    for (let done = 1; done <= 1000; done++) {
      h.advance(100);
      h.view.onEvent(progress(A, done));
    }
    h.view.onEvent(end(A));
    h.view.finish();
    expect(h.out).toEqual([
      '  ✓ domain.a: applied (1s)\n',
      `  … ${A}: 300/1,000 30% 10.0/s ETA 1m10s\n`,
      `  … ${A}: 600/1,000 60% 10.0/s ETA 40s\n`,
      `  … ${A}: 900/1,000 90% 10.0/s ETA 10s\n`,
      `  ✓ ${A}: applied (1,000 calls, 1m40s)\n`,
    ]);
  });

  test('a wait prints what it awaits at once, then when its status changes or every 30 s', () => {
    const h = inLog();
    const wait = (status: string, percent?: number, done = false): ApplyEvent => ({ kind: 'wait', subject: 'domain.a.enrollment-job.q1', awaiting: 'speaker enrollment job domain.a.enrollment-job.q1', status, done, ...(percent === undefined ? {} : { percent }) });
    h.view.onEvent(wait('SUBMITTED'));
    for (let i = 1; i <= 12; i++) {
      h.advance(5_000);
      h.view.onEvent(wait('IN_PROGRESS', i * 8));
    }
    h.view.onEvent(wait('COMPLETED', 100, true));
    expect(h.out).toEqual([
      '  … speaker enrollment job domain.a.enrollment-job.q1 SUBMITTED, 0s\n',
      '  … speaker enrollment job domain.a.enrollment-job.q1 IN_PROGRESS 8%, 5s\n',
      '  … speaker enrollment job domain.a.enrollment-job.q1 IN_PROGRESS 56%, 35s\n',
      '  ✓ domain.a.enrollment-job.q1: COMPLETED (waited 1m00s)\n',
    ]);
  });

  test('never writes an escape code, even with colour allowed', () => {
    const h = inLog();
    h.view.onEvent(start('domain.a', 1));
    h.view.onEvent(end('domain.a', 'failed', 1));
    expect(h.out.join('')).not.toContain('\u001b');
  });
});
