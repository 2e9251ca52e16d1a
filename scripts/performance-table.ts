/**
 * Writes the table of the committed scenario run (bench/results/latest.json) into docs/performance.md and into the
 * README's performance section, between their generated-block markers. Run after `npm run bench`:
 *   npx tsx scripts/performance-table.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withTable } from '../bench/lib/scenario-table.js';
import type { Results } from '../bench/lib/scenario-table.js';

const results = JSON.parse(readFileSync(fileURLToPath(new URL('../bench/results/latest.json', import.meta.url)), 'utf8')) as Results;
for (const name of ['docs/performance.md', 'README.md']) {
  const doc = fileURLToPath(new URL(`../${name}`, import.meta.url));
  writeFileSync(doc, withTable(readFileSync(doc, 'utf8'), results));
  process.stdout.write(`${name}: table of ${results.measured} written\n`);
}
