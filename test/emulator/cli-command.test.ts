import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { latency } from '../../src/cli/commands/emulator.js';

/** Starts `voiceid-gitops emulator ARGS` in-process; resolves once it prints its endpoint. */
async function startCommand(args: readonly string[], cwd = process.cwd()) {
  const controller = new AbortController();
  let out = '';
  let announce: (endpoint: string) => void = () => undefined;
  const listening = new Promise<string>((r) => (announce = r));
  const done = runCli(['emulator', ...args], {
    signal: controller.signal,
    cwd,
    stdout: (t) => {
      out += t;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) announce(m[1]!);
    },
  });
  const endpoint = await listening;
  return { endpoint, stop: async () => (controller.abort(), done), output: () => out };
}

describe('voiceid-gitops emulator', () => {
  it('prints the endpoint and the export lines, serves requests, and exits 0 when the signal aborts', async () => {
    const emu = await startCommand(['--port', '0']);
    const health = await (await fetch(`${emu.endpoint}/_emulator/health`)).json();
    const result = await emu.stop();
    expect(health).toEqual({ ok: true });
    expect(emu.output()).toMatch(/^Voice ID emulator listening on http:\/\/127\.0\.0\.1:\d+\n/);
    expect(emu.output()).toContain(`export AWS_ENDPOINT_URL=${emu.endpoint}`);
    expect(result.code).toBe(0);
  });

  it('prints a region line that AWS CLI v1 (AWS_DEFAULT_REGION) and v2 (AWS_REGION) both read', async () => {
    const emu = await startCommand(['--port', '0']);
    await emu.stop();
    expect(emu.output()).toContain('  export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local');
  });

  it('persists state to --state relative to the working directory, flushed on exit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'voiceid-emu-cli-'));
    try {
      const emu = await startCommand(['--port', '0', '--state', 'state.json'], dir);
      await fetch(`${emu.endpoint}/_emulator/seed`, { method: 'POST', body: JSON.stringify({ domains: [{ name: 'from-cli' }] }) });
      await emu.stop();
      const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { domains: { name: string }[] };
      expect(state.domains.map((d) => d.name)).toEqual(['from-cli']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('applies fault options from the command line', async () => {
    const emu = await startCommand(['--port', '0', '--error-rate', '1', '--seed', '7']);
    const r = await fetch(`${emu.endpoint}/`, { method: 'POST', body: '{}', headers: { 'x-amz-target': 'VoiceID.ListDomains', authorization: 'x' } });
    await emu.stop();
    expect(r.status).toBe(500);
  });

  it('refuses a rate outside 0..1 with exit 1 and a one-line error', async () => {
    const r = await runCli(['emulator', '--throttle-rate', '2']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('must be a share between 0 and 1');
  });

  it('refuses a port already in use with exit 1 and a one-line EMULATOR_PORT_IN_USE error', async () => {
    const first = await startCommand(['--port', '0']);
    const port = new URL(first.endpoint).port;
    const r = await runCli(['emulator', '--port', port]);
    await first.stop();
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe(`error EMULATOR_PORT_IN_USE: cannot listen on 127.0.0.1:${port}: the port is already in use`);
  });

  it('reads --latency as a fixed value or a MIN-MAX range', () => {
    expect([latency('50'), latency('20-200')]).toEqual([50, { min: 20, max: 200 }]);
  });
});

describe('voiceid-gitops demo', () => {
  // The demo became plan -> apply -> plan on examples/quickstart (apply engineer); fuller checks in test/integration/apply-demo.test.ts.
  it('runs plan, apply and a no-change plan on the embedded emulator and exits 0', async () => {
    const r = await runCli(['demo']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Verified: live state matches the desired state.');
    expect(r.stdout).toContain('Demo finished');
  });
});
