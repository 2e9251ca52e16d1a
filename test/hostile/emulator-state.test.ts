/**
 * State files (issue 12): valid JSON of the wrong shape, or a device, given to `emulator --state` or
 * `plan --local-state` is one EMULATOR_STATE_INVALID line naming the file and the first bad path; nothing is
 * overwritten (was `error INTERNAL: ... is not iterable`, or speakers silently dropped).
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, withinLimits } from './harness.js';
import { domainYaml, tempRepo, type TempRepo } from './temp-repo.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

const WRONG_SHAPE = JSON.stringify({ version: 1, seq: 3, domains: [{ speakers: 'not a list' }], idempotency: [] });
const firstError = (stderr: string) => stderr.split('\n').find((l) => l.startsWith('error'));

describe('state files of the wrong shape', () => {
  it('`emulator --state F` refuses it, naming F and the first bad path, and leaves F as it was', async () => {
    repo = tempRepo({ 'state.json': WRONG_SHAPE });
    const state = repo.path('state.json');
    const r = await runCli(['emulator', '--port', '0', '--state', state], { timeoutMs: 20_000 });
    expect({ ...withinLimits(r), code: r.code, first: firstError(r.stderr) }).toEqual({
      timedOut: false, overMemory: false, killedBy: null, code: 1,
      first: `error EMULATOR_STATE_INVALID: cannot load the emulator state file ${state}: it does not match the state schema at domains[0].seq: missing`,
    });
    expect(readFileSync(state, 'utf8')).toBe(WRONG_SHAPE);
  });

  it('`plan --local-state F` refuses a file whose speakers are not a list, at that path', async () => {
    const domain = { seq: 1, domainId: 'D'.repeat(22), arn: 'a', name: 'd', status: 'ACTIVE', kmsKeyId: 'k', createdAt: 0, updatedAt: 0, defaultWatchlistId: 'W'.repeat(22), tags: {}, watchlists: [], speakers: {}, fraudsters: [], jobs: [] };
    const text = JSON.stringify({ version: 1, seq: 1, domains: [domain], idempotency: [] });
    repo = tempRepo({ 'voiceid/main.yaml': domainYaml(), 'state.json': text });
    const state = repo.path('state.json');
    const r = await runCli(['plan', repo.path('voiceid'), '--local-state', state], { cwd: repo.dir });
    expect({ code: r.code, first: firstError(r.stderr) }).toEqual({
      code: 1,
      first: `error EMULATOR_STATE_INVALID: cannot load the emulator state file ${state}: it does not match the state schema at domains[0].speakers: expected array`,
    });
    expect(readFileSync(state, 'utf8')).toBe(text);
  });

  it('`emulator --state /dev/zero` is refused without reading it', async () => {
    const r = await runCli(['emulator', '--port', '0', '--state', '/dev/zero'], { maxOldSpaceMb: 64, maxRssMb: 300 });
    expect({ ...withinLimits(r), code: r.code, first: firstError(r.stderr) }).toEqual({
      timedOut: false, overMemory: false, killedBy: null, code: 1,
      first: 'error EMULATOR_STATE_INVALID: cannot load the emulator state file /dev/zero: it is not a regular file',
    });
  });
});
