/** The scenario table in docs/performance.md and in the README is the committed benchmark run's (bench/results/latest.json), not typed by hand. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { TABLE_START, withTable } from '../../bench/lib/scenario-table.js';
import type { Results } from '../../bench/lib/scenario-table.js';

const read = (path: string): string => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');

test.each(['docs/performance.md', 'README.md'])('the table in %s equals the one generated from bench/results/latest.json', (path) => {
  const doc = read(path);
  const results = JSON.parse(read('bench/results/latest.json')) as Results;
  expect(results.rows.map((r) => r.name)).toEqual(['small', 'big', 'untold', 'rss']);
  expect(doc).toContain(TABLE_START);
  expect(withTable(doc, results)).toBe(doc);
});

test("the README's table is in its performance section", () => {
  const readme = read('README.md');
  const section = readme.slice(readme.indexOf('\n## Performance\n'));
  expect(section.slice(0, section.indexOf('\n## ', 5))).toContain(TABLE_START);
});
