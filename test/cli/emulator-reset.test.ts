/**
 * `voiceid-gitops emulator reset`: empties the state `--local` / `--local-state FILE` / `emulator --state FILE`
 * uses, says what it removed, and refuses while a live process holds the state's lock (EMULATOR.md §11).
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';

const ENV = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'voiceid-reset-'));
  await mkdir(join(dir, 'voiceid'));
  await writeFile(join(dir, 'voiceid', 'main.yaml'), 'version: 1\nstack: prod\ndomains:\n  support:\n    kmsKeyId: alias/voiceid\n');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const cli = (argv: readonly string[]) => runCli(argv, { cwd: dir, env: ENV });

describe('emulator reset', () => {
  test('removes the --local state (default .voiceid-local/state.json) and says what it removed; the next plan creates again', async () => {
    expect((await cli(['apply', 'voiceid', '--local', '--auto-approve'])).code).toBe(0);
    const state = join(dir, '.voiceid-local', 'state.json');
    expect(existsSync(state)).toBe(true);
    const r = await cli(['emulator', 'reset']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Reset the emulator state ${state}:\\n  removed ${state} \\([\\d.]+ (kB|bytes)\\)\\nThe next --local run starts with no domain\\.\\n$`));
    expect(existsSync(state)).toBe(false);
    expect((await cli(['plan', 'voiceid', '--local', '--detailed-exitcode'])).code).toBe(2);
  });

  test('--local-state FILE and --state FILE name the same file; an absent state is nothing to reset', async () => {
    const state = join(dir, 's', 'state.json');
    expect((await cli(['apply', 'voiceid', '--local-state', state, '--auto-approve'])).code).toBe(0);
    expect((await cli(['emulator', 'reset', '--state', state])).stdout).toContain(`removed ${state}`);
    const again = await cli(['emulator', 'reset', '--local-state', state]);
    expect(again).toMatchObject({ code: 0, stdout: `Nothing to reset: ${state} does not exist (the emulator state is already empty).\n` });
  });

  test('refuses while a live process holds the lock, and removes nothing', async () => {
    const state = join(dir, 's', 'state.json');
    expect((await cli(['apply', 'voiceid', '--local-state', state, '--auto-approve'])).code).toBe(0);
    // This test process is alive: its pid in the lock stands for a running emulator.
    await writeFile(`${state}.lock`, `${process.pid} ${randomUUID()}\n`);
    const r = await cli(['emulator', 'reset', '--local-state', state]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error EMULATOR_STATE_LOCKED: the emulator state file ${state} is in use by another voiceid-gitops run (pid ${process.pid})`);
    expect(r.stderr).toContain(`hint: wait for that run to finish, or stop it: \`kill ${process.pid}\``);
    expect(existsSync(state)).toBe(true);
  });

  test('takes over a lock left by a dead process', async () => {
    const state = join(dir, 's', 'state.json');
    expect((await cli(['apply', 'voiceid', '--local-state', state, '--auto-approve'])).code).toBe(0);
    await writeFile(`${state}.lock`, `999999999 ${randomUUID()}\n`);
    expect((await cli(['emulator', 'reset', '--local-state', state])).code).toBe(0);
    expect(existsSync(state)).toBe(false);
    expect(existsSync(`${state}.lock`)).toBe(false);
  });
});
