/**
 * Locks (issue 12): the `emulator --state F` server and `--local-state F` runs exclude each other, and in a loop of
 * contending processes, some of them killed while they hold the lock, there are never two holders.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isRunning } from '../../src/emulator/state-lock.js';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, spawnNode, withinLimits } from './harness.js';
import { domainYaml, tempRepo, type TempRepo } from './temp-repo.js';
import { spawnEmulator } from './emulator-process.js';

const CONTENDER = new URL('fixtures/lock-contender.mjs', import.meta.url).pathname;
let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

describe('state lock', () => {
  it('a --local-state run beside `emulator --state` on the same file is refused with EMULATOR_STATE_LOCKED, naming the server', async () => {
    repo = tempRepo({ 'voiceid/main.yaml': domainYaml() });
    const state = repo.path('state.json');
    const server = await spawnEmulator(['--state', state]);
    const r = await runCli(['plan', repo.path('voiceid'), '--local-state', state], { cwd: repo.dir });
    server.kill('SIGTERM');
    await server.result;
    expect({ ...withinLimits(r), code: r.code, first: r.stderr.split('\n').find((l) => l.startsWith('error')) }).toEqual({
      timedOut: false, overMemory: false, killedBy: null, code: 1,
      first: `error EMULATOR_STATE_LOCKED: the emulator state file ${state} is in use by another voiceid-gitops run (pid ${server.child.pid})`,
    });
  });

  it('four contenders, two of them killed while holding the lock: never two holders, and the survivors finish', async () => {
    repo = tempRepo();
    const state = repo.path('state.json');
    const run = (args: readonly string[]) => spawnNode([CONTENDER, state, ...args], { timeoutMs: 60_000 }).result;
    const results = await Promise.all([run(['150', '--die', '40']), run(['150', '--die', '90']), run(['150']), run(['150'])]);
    expect(results.map((r) => r.stdout.trim() || r.signal)).toEqual(['SIGKILL', 'SIGKILL', 'done 150', 'done 150']);
    expect(results.every((r) => !r.timedOut && !r.overMemory)).toBe(true);
    // Left behind only by a contender killed while holding it (after the others were done): its owner is dead.
    const left = existsSync(`${state}.lock`) ? Number(readFileSync(`${state}.lock`, 'utf8').split(' ')[0]) : undefined;
    expect(left === undefined || [results[0], results[1]].some((r) => r.signal === 'SIGKILL') && !isRunning(left)).toBe(true);
  });
});
