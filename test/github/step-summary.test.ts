import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendStepSummary } from '../../src/github/step-summary.js';

describe('job summary', () => {
  it('appends the plan to the GITHUB_STEP_SUMMARY file after what earlier steps wrote', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'summary-')), 'summary.md');
    writeFileSync(file, '# earlier step\n');
    const written = await appendStepSummary({ GITHUB_STEP_SUMMARY: file }, appendFile, '## Plan: 1 to add');
    expect(written).toBe(file);
    expect(readFileSync(file, 'utf8')).toBe('# earlier step\n## Plan: 1 to add\n\n');
  });

  it('writes nothing outside GitHub Actions', async () => {
    const calls: string[] = [];
    const written = await appendStepSummary({}, async (p) => void calls.push(p), 'plan');
    expect(written).toBeUndefined();
    expect(calls).toEqual([]);
  });
});
