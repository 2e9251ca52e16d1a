/** The lines of apply's progress view and report (src/render/progress.ts, src/cli/apply-report.ts): fitted, grouped, coloured. */
import { describe, expect, test } from 'vitest';
import type { ApplyResult } from '../../src/apply/index.js';
import { outcomeLine, outcomeLines, paintSummary } from '../../src/cli/apply-report.js';
import { barLine, cut, duration, plainBarLine, waitLine } from '../../src/render/progress.js';
import { style } from '../../src/render/style.js';

const plain = style(false);
const long = { address: 'domain.customer-support-line-west-7.opt-outs', startedAt: 0, done: 500, total: 2000 };

describe('a progress bar line', () => {
  test.each([60, 80, 120])('never reaches the last column of a %i-column terminal', (columns) => {
    expect(barLine(long, 50_000, columns, plain).length).toBeLessThanOrEqual(columns - 1);
  });

  test('at 120 columns shows the whole address, the bar, counts, rate and ETA', () => {
    expect(barLine(long, 50_000, 120, plain)).toBe('domain.customer-support-line-west-7.opt-outs [######------------------] 500/2,000 25% 10.0/s ETA 2m30s');
  });

  test('at 80 columns gives up the rate, the ETA and bar width before any character of the address', () => {
    expect(barLine(long, 50_000, 80, plain)).toBe('domain.customer-support-line-west-7.opt-outs [#####-------------] 500/2,000 25%');
  });

  test('at 60 columns cuts the address at its start, keeping the resource kind', () => {
    expect(barLine(long, 50_000, 60, plain)).toBe('…er-support-line-west-7.opt-outs [###-------] 500/2,000 25%');
  });

  test('a cut line takes exactly the width less one column', () => {
    const longer = { ...long, address: 'domain.a-very-long-domain-key-that-will-never-fit-in-sixty.opt-outs' };
    const line = barLine(longer, 50_000, 60, plain);
    expect(line).toBe('…ill-never-fit-in-sixty.opt-outs [###-------] 500/2,000 25%');
    expect(line.length).toBe(59);
  });

  test('the CI line is whole and plain', () => {
    expect(plainBarLine(long, 50_000)).toBe('  … domain.customer-support-line-west-7.opt-outs: 500/2,000 25% 10.0/s ETA 2m30s');
  });

  test('cut keeps the end and marks the cut', () => {
    expect([cut('domain.abc.opt-outs', 30), cut('domain.abc.opt-outs', 10)]).toEqual(['domain.abc.opt-outs', '….opt-outs']);
  });
});

describe('a wait line', () => {
  const reEncryption = { awaiting: 're-encrypting domain.support to alias/voiceid-next', startedAt: 0, status: 're-encrypting' };

  test('says what is awaited and for how long, with no percentage Voice ID does not give', () => {
    expect(waitLine(reEncryption, 130_000, 80, plain)).toBe('re-encrypting domain.support to alias/voiceid-next, 2m10s');
  });

  test('a job shows Voice ID\'s status and percentage with a bar', () => {
    const job = { awaiting: 'speaker enrollment job domain.a.enrollment-job.q1', startedAt: 0, status: 'IN_PROGRESS', percent: 40 };
    expect(waitLine(job, 5_000, 100, plain)).toBe('speaker enrollment job domain.a.enrollment-job.q1 [####------] IN_PROGRESS 40%, 5s');
  });

  test('is cut to the width, keeping the elapsed time', () => {
    const line = waitLine({ ...reEncryption, awaiting: 're-encrypting domain.customer-support-line-west-7 to arn:aws:kms:us-east-1:111122223333:alias/voiceid-next' }, 130_000, 60, plain);
    expect(line.length).toBeLessThanOrEqual(59);
    expect(line.endsWith('alias/voiceid-next, 2m10s')).toBe(true);
  });
});

describe('the apply report', () => {
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

  test('lists every change with its status and reason, plain without colour', () => {
    expect(outcomeLines(result)).toEqual([
      '  ✓ domain.a: applied',
      '  ! domain.a.opt-outs: interrupted (3/9 calls): interrupted after 3 of 9 calls',
      '  - domain.b: skipped: interrupted before it started',
    ]);
  });

  test('has the plan\'s colours: green applied, red interrupted or failed, dim skipped, magenta deferred', () => {
    const s = style(true);
    expect(outcomeLines(result, s)).toEqual([
      '  \u001b[32m✓\u001b[39m domain.a: \u001b[32mapplied\u001b[39m',
      '  \u001b[31m!\u001b[39m domain.a.opt-outs: \u001b[31minterrupted\u001b[39m (3/9 calls): interrupted after 3 of 9 calls',
      '  \u001b[2m-\u001b[22m domain.b: \u001b[2mskipped\u001b[22m: interrupted before it started',
    ]);
    const deferred = { address: 'domain.a.enrollment-job.j2', action: 'start', status: 'deferred', reason: 'one job at a time', callsDone: 0, callsTotal: 1 } as const;
    expect(outcomeLine(deferred, s)).toBe('  \u001b[35m…\u001b[39m domain.a.enrollment-job.j2: \u001b[35mdeferred\u001b[39m: one job at a time');
    expect(paintSummary('Apply interrupted.', result, s)).toBe('\u001b[1m\u001b[31mApply interrupted.\u001b[39m\u001b[22m');
  });

  test('the live line groups numbers and says how long the change took', () => {
    const o = { address: 'domain.a.opt-outs', action: 'opt-out', status: 'applied', callsDone: 2000, callsTotal: 2000 } as const;
    expect(outcomeLine(o, plain, 12_400)).toBe('  ✓ domain.a.opt-outs: applied (2,000 calls, 12s)');
    expect(outcomeLine({ ...o, status: 'interrupted', callsDone: 3 }, plain, 500)).toBe('  ! domain.a.opt-outs: interrupted (3/2,000 calls)');
  });

  test('durations read as seconds, minutes or hours', () => {
    expect([duration(42), duration(95), duration(6000)]).toEqual(['42s', '1m35s', '1h40m']);
  });
});
