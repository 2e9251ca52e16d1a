/** `voiceid-gitops demo` (README quick start): plan -> apply -> plan on examples/quickstart, in-process. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('voiceid-gitops demo', () => {
  test('prints the three steps as commands and ends with a plan that shows no changes', async () => {
    const r = await runCli(['demo']);
    expect(r.code).toBe(0);
    const steps = r.stdout.split('\n').filter((l) => l.startsWith('$ voiceid-gitops '));
    expect(steps.map((l) => l.split(' ').slice(1, 3).join(' '))).toEqual(['voiceid-gitops plan', 'voiceid-gitops apply', 'voiceid-gitops plan']);
    expect(r.stdout).toContain('Plan: 3 to add, 0 to change, 0 to delete, 4 speakers to opt out, 2 jobs to start.');
    expect(r.stdout).toContain('Apply complete: 8 applied, 0 failed, 0 skipped, 0 interrupted.');
    expect(r.stdout).toContain('No changes. Live Voice ID state matches the configuration.');
  });

  test('never shows a customer speaker id of the example unmasked', async () => {
    const r = await runCli(['demo']);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/customer-000\d/);
  });

  test('with --local-state the state is kept, and a plan afterwards finds nothing to change', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'voiceid-demo-test-'));
    try {
      const state = join(dir, 'state.json');
      expect((await runCli(['demo', '--local-state', state])).code).toBe(0);
      const again = await runCli(['plan', 'examples/quickstart', '--local-state', state, '--detailed-exitcode']);
      expect(again.code).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
