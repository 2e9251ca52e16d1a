/**
 * SIGINT / SIGTERM end the CLI whatever is pending (CONTRACT §8), in real child processes: a call to an endpoint
 * that never answers, calls in flight during apply. The 2 s bound is measured in bench/, not asserted here (the
 * machine is shared); each case only has to end by itself, well before the harness would kill it.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { spawnCli, spawnCliOnTerminal } from './harness.js';
import { domainYaml, tempRepo, type TempRepo } from './temp-repo.js';

const AWS_ENV = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' };
const IDS = Array.from({ length: 40 }, (_, i) => `cust-${String(i).padStart(4, '0')}`);
/** Ended by itself: far below the harness's SIGKILL, so a hang fails here instead of timing out vitest. */
const ENDS_WITHIN_MS = 8000;

let silent: Server;
let silentUrl: string;
const sockets = new Set<Socket>();
let repo: TempRepo;

beforeAll(async () => {
  // Accepts connections and never answers: a call to it stays pending until the SDK's own timeouts (minutes).
  silent = createServer((s) => void sockets.add(s));
  await new Promise<void>((res) => silent.listen(0, '127.0.0.1', res));
  silentUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
  repo = tempRepo({ 'voiceid/main.yaml': domainYaml(`    optedOutSpeakers: [${IDS.join(', ')}]\n`) });
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((res) => silent.close(res));
  repo.cleanup();
});

describe('a signal while a call waits on an endpoint that never answers', () => {
  it('SIGTERM ends plan once the grace for calls in flight is over, saying so', async () => {
    const c = spawnCli(['plan', 'voiceid', '--endpoint-url', silentUrl], { cwd: repo.dir, env: AWS_ENV, timeoutMs: 20_000 });
    await c.waitFor(/Reading live state/);
    const sent = c.kill('SIGTERM');
    const r = await c.result;
    expect({ timedOut: r.timedOut, signal: r.signal }).toEqual({ timedOut: false, signal: 'SIGTERM' });
    expect(r.stderr).toContain('SIGTERM received: finishing calls in flight');
    expect(r.stderr).toContain('still running 1.5 s after SIGTERM: exiting now');
    expect(r.endedAt - sent).toBeLessThan(ENDS_WITHIN_MS);
  });

  it('a second SIGINT ends it at once', async () => {
    const c = spawnCli(['plan', 'voiceid', '--endpoint-url', silentUrl], { cwd: repo.dir, env: AWS_ENV, timeoutMs: 20_000 });
    await c.waitFor(/Reading live state/);
    c.kill('SIGINT');
    await c.waitFor(/SIGINT received/);
    c.kill('SIGINT');
    const r = await c.result;
    expect({ timedOut: r.timedOut, signal: r.signal }).toEqual({ timedOut: false, signal: 'SIGINT' });
    expect(r.stderr).toContain('SIGINT received again: exiting now');
    expect(r.stderr).not.toContain('still running');
  });
});

describe('a signal during apply', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => emulator.close());

  it('SIGTERM lets the calls in flight finish, reports the interruption and exits 1', async () => {
    emulator.admin.setFaults({ operations: ['OptOutSpeaker'], latencyMs: 300 });
    const c = spawnCli(['apply', 'voiceid', '--endpoint-url', emulator.endpoint, '--auto-approve', '--quota-scale', '0'], { cwd: repo.dir, env: AWS_ENV, timeoutMs: 20_000 });
    const started = setInterval(() => {
      if ((emulator.admin.callCounts().OptOutSpeaker ?? 0) >= 1) {
        clearInterval(started);
        c.kill('SIGTERM');
      }
    }, 5);
    const r = await c.result.finally(() => clearInterval(started));
    expect({ timedOut: r.timedOut, code: r.code }).toEqual({ timedOut: false, code: 1 });
    expect(r.stdout).toMatch(/! domain\.main\.opt-outs: interrupted \(\d+\/40 calls\)/);
    expect(r.stdout).toContain('Interrupted: calls in flight finished, no new ones were started.');
    expect(r.stderr).not.toContain('still running');
    expect(emulator.admin.callCounts().OptOutSpeaker).toBeLessThan(40);
  });

  // A prompt needs a terminal: util-linux `script` provides one (present on Linux CI images; absent elsewhere).
  it.runIf(existsSync('/usr/bin/script'))('SIGTERM at the approval prompt answers no: "Apply cancelled", no call made, the CLI ends', async () => {
    emulator.admin.setFaults({});
    const before = emulator.admin.callCounts().OptOutSpeaker ?? 0;
    const c = spawnCliOnTerminal(['apply', 'voiceid', '--endpoint-url', emulator.endpoint, '--quota-scale', '0'], { cwd: repo.dir, env: AWS_ENV, timeoutMs: 20_000 });
    await c.waitFor(/Only "yes" will be accepted/, 'stdout'); // the terminal carries stdout and stderr alike
    process.kill(c.ttyPid(), 'SIGTERM');
    const r = await c.result;
    expect({ timedOut: r.timedOut, code: r.code }).toEqual({ timedOut: false, code: 1 });
    expect(r.stdout).toContain('Apply cancelled: nothing was changed.');
    expect(r.stdout).not.toContain('still running');
    expect(emulator.admin.callCounts().OptOutSpeaker ?? 0).toBe(before);
  });
});
