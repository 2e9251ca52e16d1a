/** docs/performance.md's scenario table is the committed benchmark run's (bench/results/latest.json), not typed by hand. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { withTable } from '../../bench/lib/scenario-table.js';
import type { Results } from '../../bench/lib/scenario-table.js';

const read = (path: string): string => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');

test('the table in docs/performance.md equals the one generated from bench/results/latest.json', () => {
  const doc = read('docs/performance.md');
  const results = JSON.parse(read('bench/results/latest.json')) as Results;
  expect(results.rows.map((r) => r.name)).toEqual(['small', 'big', 'untold', 'rss']);
  expect(withTable(doc, results)).toBe(doc);
});
