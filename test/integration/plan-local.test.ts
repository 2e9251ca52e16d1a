/**
 * `plan --local` / `--local-state FILE`: the CLI starts the embedded emulator itself on the given state file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import type { SeedState } from '../../src/emulator/index.js';
import { runCli } from '../helpers/cli.js';
import { changeList, owner } from './plan-emulator.js';

const YAML = `version: 1
stack: local
domains:
  support:
    description: Support line
    kmsKeyId: alias/aws/voiceid
    tags: { team: cc }
    optedOutSpeakers: [customer-0001, customer-0002]
`;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'voiceid-local-'));
  await writeFile(join(dir, 'estate.yaml'), YAML);
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

async function seedStateFile(path: string, seed: SeedState): Promise<void> {
  const emu = await startEmulator({ port: 0, statePath: path });
  await emu.admin.seed(seed);
  await emu.close();
}

const cli = (argv: readonly string[]) => runCli(argv, { cwd: dir, env: {}, sleep: async () => undefined });

test('--local-state plans against the state seeded into that file', async () => {
  await seedStateFile(join(dir, 'state.json'), {
    domains: [{ name: 'support', description: 'Old', tags: { ...owner('local', 'support'), team: 'cc' }, speakers: [{ customerSpeakerId: 'customer-0001', status: 'OPTED_OUT' }] }],
  });
  const r = await cli(['plan', 'estate.yaml', '--local-state', 'state.json', '--format', 'json']);
  expect(r.code).toBe(0);
  expect(changeList(r.stdout)).toEqual(['domain.support update', 'domain.support.opt-outs opt-out', 'domain.support.applied-record create']);
  expect(JSON.parse(r.stdout).summary.optOut).toBe(1);
  expect(r.stderr).toContain(`the local emulator (${join(dir, 'state.json')})`);
});

test('--local keeps its state in .voiceid-local/state.json under the working directory, creating the folder', async () => {
  const r = await cli(['plan', 'estate.yaml', '--local', '--format', 'json']);
  expect(r.code).toBe(0);
  expect(changeList(r.stdout)).toEqual(['domain.support create', 'domain.support.opt-outs opt-out', 'domain.support.applied-record create']);
  expect(existsSync(join(dir, '.voiceid-local'))).toBe(true);
  expect(r.stderr).toContain(join(dir, '.voiceid-local', 'state.json'));
});

test('--local plans in us-east-1 when neither the YAML nor the flags nor the env name a Region', async () => {
  const r = await cli(['plan', 'estate.yaml', '--local', '--format', 'json']);
  expect(JSON.parse(r.stdout).region).toBe('us-east-1');
});

test('--local with --endpoint-url is a one-line usage error', async () => {
  const r = await cli(['plan', 'estate.yaml', '--local', '--endpoint-url', 'http://127.0.0.1:9']);
  expect(r.code).toBe(1);
  expect(r.stderr.split('\n')[0]).toBe('error E_USAGE: --local and --endpoint-url cannot be used together');
});

test('--local-state on a file that is not JSON is a one-line user error naming the file, not INTERNAL', async () => {
  await writeFile(join(dir, 'state.json'), 'garbage\nmore garbage\n');
  const r = await cli(['plan', 'estate.yaml', '--local-state', 'state.json']);
  expect(r.code).toBe(1);
  expect(r.stderr.split('\n')[0]).toBe(`error EMULATOR_STATE_INVALID: cannot load the emulator state file ${join(dir, 'state.json')}: it is not valid JSON`);
  expect(r.stderr).not.toContain('INTERNAL');
});

test('--local-state on JSON that is not an emulator state is a one-line user error', async () => {
  await writeFile(join(dir, 'state.json'), '{"domains":3}');
  const r = await cli(['plan', 'estate.yaml', '--local-state', 'state.json']);
  expect(r.code).toBe(1);
  expect(r.stderr.split('\n')[0]).toBe(`error EMULATOR_STATE_INVALID: cannot load the emulator state file ${join(dir, 'state.json')}: it is not a voiceid-gitops emulator state (version 1)`);
});

test('--local-state naming a directory is a one-line user error', async () => {
  const r = await cli(['plan', 'estate.yaml', '--local-state', '.']);
  expect(r.code).toBe(1);
  expect(r.stderr.split('\n')[0]).toBe(`error EMULATOR_STATE_INVALID: cannot load the emulator state file ${dir}: it is a directory`);
});

test('--local-state under a path that is a file is a one-line user error, not INTERNAL', async () => {
  const r = await cli(['plan', 'estate.yaml', '--local-state', 'estate.yaml/state.json']);
  expect(r.code).toBe(1);
  expect(r.stderr.split('\n')[0]).toBe(`error EMULATOR_STATE_INVALID: cannot create the folder of the emulator state file ${join(dir, 'estate.yaml', 'state.json')} (EEXIST)`);
});

test('a --local-state file in use by a live run is refused with EMULATOR_STATE_LOCKED instead of losing one run\'s changes', async () => {
  await writeFile(join(dir, 'state.json.lock'), String(process.pid));
  const r = await cli(['plan', 'estate.yaml', '--local-state', 'state.json']);
  expect(r.code).toBe(1);
  expect(r.stderr.split('\n')[0]).toBe(`error EMULATOR_STATE_LOCKED: the emulator state file ${join(dir, 'state.json')} is in use by another voiceid-gitops run (pid ${process.pid})`);
});

test('a lock left by a run that no longer exists is taken over, and released when the run ends', async () => {
  const dead = spawnSync(process.execPath, ['-e', '']).pid;
  await writeFile(join(dir, 'state.json.lock'), String(dead));
  const r = await cli(['plan', 'estate.yaml', '--local-state', 'state.json']);
  expect(r.code).toBe(0);
  expect(existsSync(join(dir, 'state.json.lock'))).toBe(false);
});
