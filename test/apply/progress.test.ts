/** The progress display (APPLY.md A6.2): bars with rate and ETA on a TTY, periodic plain lines in CI logs. */
import { describe, expect, test } from 'vitest';
import { createProgress, duration, outcomeLines, summaryLine } from '../../src/apply/index.js';
import type { ApplyResult } from '../../src/apply/index.js';

function harness(tty: boolean) {
  let t = 0;
  const out: string[] = [];
  const p = createProgress({ write: (s) => out.push(s), tty, now: () => t });
  return { p, out, advance: (ms: number) => void (t += ms) };
}

const start = { kind: 'change-start', address: 'domain.a.opt-outs', action: 'opt-out', total: 1000 } as const;
const progress = (done: number) => ({ kind: 'progress', address: 'domain.a.opt-outs', done, total: 1000 }) as const;

describe('progress in CI logs (no TTY)', () => {
  test('prints a line at the start, then only every 10 % or every 10 s', async () => {
    const h = harness(false);
    h.p.onEvent(start);
    for (let done = 1; done <= 250; done++) {
      h.advance(100);
      h.p.onEvent(progress(done));
    }
    expect(h.out).toEqual([
      'domain.a.opt-outs: 0/1,000 0% 0.0/s ETA --\n',
      'domain.a.opt-outs: 100/1,000 10% 10.0/s ETA 1m30s\n',
      'domain.a.opt-outs: 200/1,000 20% 10.0/s ETA 1m20s\n',
    ]);
  });

  test('a slow phase still gets a line every 10 s', async () => {
    const h = harness(false);
    h.p.onEvent(start);
    h.advance(10_000);
    h.p.onEvent(progress(5));
    expect(h.out.at(-1)).toBe('domain.a.opt-outs: 5/1,000 0% 0.5/s ETA 33m10s\n');
  });

  test('short changes get no progress line', async () => {
    const h = harness(false);
    h.p.onEvent({ kind: 'change-start', address: 'domain.a', action: 'create', total: 1 });
    h.p.onEvent({ kind: 'progress', address: 'domain.a', done: 1, total: 1 });
    expect(h.out).toEqual([]);
  });
});

describe('progress on a TTY', () => {
  test('redraws one bar per phase in place with rate and ETA', async () => {
    const h = harness(true);
    h.p.onEvent(start);
    h.advance(50_000);
    h.p.onEvent(progress(500));
    expect(h.out[1]).toBe('\x1b[1A\x1b[2Kdomain.a.opt-outs [############------------] 500/1,000 50% 10.0/s ETA 50s\n');
  });

  test('redraws at most every 100 ms', async () => {
    const h = harness(true);
    h.p.onEvent(start);
    h.advance(150);
    for (let done = 1; done <= 50; done++) h.p.onEvent(progress(done));
    expect(h.out).toHaveLength(2);
  });
});

describe('final report', () => {
  const result: ApplyResult = {
    outcomes: [
      { address: 'domain.a', action: 'create', status: 'applied', callsDone: 1, callsTotal: 1 },
      { address: 'domain.a.opt-outs', action: 'opt-out', status: 'interrupted', reason: 'interrupted after 3 of 9 calls', callsDone: 3, callsTotal: 9 },
      { address: 'domain.b', action: 'delete', status: 'skipped', reason: 'interrupted before it started', callsDone: 0, callsTotal: 1 },
    ],
    waits: [],
    ok: false,
    interrupted: true,
  };

  test('lists every change with its status and reason', () => {
    expect(outcomeLines(result)).toEqual([
      '  ✓ domain.a: applied',
      '  ! domain.a.opt-outs: interrupted (3/9 calls): interrupted after 3 of 9 calls',
      '  - domain.b: skipped: interrupted before it started',
    ]);
  });

  test('ends with one summary line', () => {
    expect(summaryLine(result)).toBe('Apply interrupted: 1 applied, 0 failed, 1 skipped, 1 interrupted.');
  });

  test('durations read as seconds, minutes or hours', () => {
    expect([duration(42), duration(95), duration(6000)]).toEqual(['42s', '1m35s', '1h40m']);
  });
});

/** A minimal terminal: the screen lines left by text, newlines, cursor-up (ESC [ n A) and erase-line (ESC [ 2 K). */
function screenOf(writes: readonly string[]): string[] {
  const lines: string[] = [''];
  let row = 0;
  const text = writes.join('');
  for (let i = 0; i < text.length; i++) {
    const esc = text[i] === '\x1b' ? /^\[(\d*)([AK])/.exec(text.slice(i + 1)) : null;
    if (esc) {
      if (esc[2] === 'A') row = Math.max(0, row - Number(esc[1] || 1));
      else lines[row] = '';
      i += esc[0].length;
    } else if (text[i] === '\n') {
      row++;
      lines[row] ??= '';
    } else {
      lines[row] = (lines[row] ?? '') + text[i];
    }
  }
  return lines.filter((l) => l !== '');
}

describe('interruption on a TTY', () => {
  test('the bar redrawn after Ctrl-C does not overwrite the "SIGINT received" line', async () => {
    let t = 0;
    const out: string[] = [];
    const controller = new AbortController();
    const p = createProgress({ write: (s) => out.push(s), tty: true, now: () => t, signal: controller.signal });
    p.onEvent(start);
    t += 1000;
    p.onEvent(progress(10));
    // What main.ts does on SIGINT: write its line to the same terminal, then abort.
    out.push('\nSIGINT received: finishing calls in flight, starting no new ones (again to force)\n');
    controller.abort();
    t += 1000;
    p.onEvent(progress(20));
    p.onEvent({ kind: 'change-end', outcome: { address: 'domain.a.opt-outs', action: 'opt-out', status: 'interrupted', reason: 'interrupted after 20 of 1000 calls', callsDone: 20, callsTotal: 1000 } });
    p.finish();
    const screen = screenOf(out);
    expect(screen).toContain('SIGINT received: finishing calls in flight, starting no new ones (again to force)');
    expect(screen.at(-1)).toBe('domain.a.opt-outs [------------------------] 20/1,000 2% 10.0/s interrupted');
  });
});
