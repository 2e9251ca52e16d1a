/**
 * Golden diagnostics: each directory under corpus/ is a bad estate (one or more files) and expected.txt is the
 * exact report `validate` gives for it, reviewed by hand: every position, code, message and excerpt.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDiagnostics, loadDesired, summarize } from '../../src/config/index.js';

const corpus = fileURLToPath(new URL('./corpus', import.meta.url));
const cases = readdirSync(corpus).sort();

export async function report(dir: string): Promise<string> {
  const result = await loadDesired(['.'], { cwd: dir });
  const diagnostics = result.kind === 'valid' ? result.warnings : result.diagnostics;
  return `${formatDiagnostics(diagnostics)}\n${summarize(result)}\n`;
}

describe('the diagnostics of bad desired-state files', () => {
  it('has at least 40 golden cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  for (const name of cases) {
    it(`reports ${name.replace(/-/g, ' ')} exactly as reviewed`, async () => {
      const dir = join(corpus, name);
      const expected = readFileSync(join(dir, 'expected.txt'), 'utf8');
      expect(await report(dir)).toBe(expected);
    });
  }
});
