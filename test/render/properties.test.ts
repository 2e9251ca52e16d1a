/** Rendering is total: whatever plan the engine makes, every format renders and markdown fits a PR comment. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactor } from '../../src/model/sensitive.js';
import { plan } from '../../src/plan/index.js';
import { MARKDOWN_LIMIT, render, renderMarkdown } from '../../src/render/index.js';
import { num } from '../../src/render/common.js';
import { group } from '../../src/render/progress.js';
import { liveOf } from '../helpers/live-of.js';
import { desiredState } from '../plan/arbitraries.js';

describe('render properties', () => {
  it('renders every generated plan in every format without throwing, markdown within the limit', () => {
    fc.assert(
      fc.property(desiredState, desiredState, fc.boolean(), (d, other, show) => {
        const p = plan(d, liveOf({ ...other, stack: d.stack }));
        for (const format of ['text', 'markdown', 'json'] as const) {
          const out = render(p, { format, redactor: redactor(show), color: show });
          expect(out).not.toMatch(/could not be rendered/);
          if (format === 'markdown') expect(out.length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
        }
      }),
      { seed: 20261121, numRuns: 100 },
    );
  });

  it('keeps markdown within a smaller limit too', () => {
    fc.assert(
      fc.property(desiredState, fc.integer({ min: 1_000, max: 8_000 }), (d, limit) => {
        const p = plan(d, { region: 'us-east-1', domains: [], kmsKeys: {} });
        expect(renderMarkdown(p, { redactor: redactor(false), limit }).length).toBeLessThanOrEqual(limit);
      }),
      { seed: 20261121, numRuns: 30 },
    );
  });
});

describe('number formatting', () => {
  it('writes every count with thousands separators exactly as the en-US locale does', () => {
    const locale = (n: number): string => n.toLocaleString('en-US');
    for (const n of [0, 7, 999, 1000, 3500, 12_345, 100_000, 1_000_000, -1, -1000, -1_234_567]) expect(num(n)).toBe(locale(n));
    fc.assert(fc.property(fc.maxSafeInteger(), (n) => num(n) === locale(n) && group(n) === locale(n)));
    expect(num(1234.5)).toBe('1,234.5');
  });
});
