/**
 * Crash safety of the state file (EMULATOR.md §11: temp file + fsync + rename, "a reader never sees a torn file,
 * even after kill -9"): the `emulator` command runs in a child process, is killed with SIGKILL, and the file it
 * left behind must load.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListDomainsCommand, OptOutSpeakerCommand } from '@aws-sdk/client-voice-id';
import { createDomain, startHarness, voiceIdClient } from './harness.js';
import type { Harness } from './harness.js';
import { spawnBuiltCli } from '../helpers/built-cli.js';

let dir: string;
let child: ChildProcess | undefined;
let h: Harness | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'voiceid-crash-'));
});
afterEach(async () => {
  child?.kill('SIGKILL');
  await h?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Starts the built `voiceid-gitops emulator` and resolves with the endpoint it announces. */
function startCliEmulator(statePath: string): Promise<string> {
  const proc = spawnBuiltCli(['emulator', '--port', '0', '--state', statePath, '--quota-scale', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child = proc;
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m?.[1] !== undefined) resolve(m[1]);
    });
    proc.on('exit', (code) => reject(new Error(`emulator exited early with ${String(code)}: ${out}`)));
  });
}

/** Reads the state file until it holds `count` domains; every read must parse (no torn file). */
async function waitForDomains(statePath: string, count: number): Promise<number> {
  let reads = 0;
  for (;;) {
    const text = await readFile(statePath, 'utf8').catch(() => undefined);
    if (text !== undefined) {
      reads += 1;
      const state = JSON.parse(text) as { domains: unknown[] };
      if (state.domains.length >= count) return reads;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('state file after kill -9', () => {
  it('loads in a new emulator with everything that was written before the kill', async () => {
    const statePath = join(dir, 'state.json');
    const endpoint = await startCliEmulator(statePath);
    const client = voiceIdClient(endpoint, { maxAttempts: 1 });
    const cli = { voiceId: client };
    const ids = [await createDomain(cli, 'a'), await createDomain(cli, 'b'), await createDomain(cli, 'c')];
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => client.send(new OptOutSpeakerCommand({ DomainId: ids[0]!, SpeakerId: `s-${i}` }))),
    );
    const reads = await waitForDomains(statePath, 3);
    expect(reads).toBeGreaterThan(0);
    const exited = new Promise((r) => child?.once('exit', r));
    child?.kill('SIGKILL');
    await exited;
    client.destroy();
    h = await startHarness({ statePath });
    const list = await h.voiceId.send(new ListDomainsCommand({}));
    expect(list.DomainSummaries?.map((d) => d.DomainId)).toEqual(ids);
  });
});
