/**
 * Crash safety of the state file (EMULATOR.md §11: every answered change is in the synced journal or the
 * atomically written state file): the `emulator` command runs in a child process, is killed with SIGKILL right
 * after its last answer, and what it left behind must load with every answered change.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListDomainsCommand, OptOutSpeakerCommand, paginateListSpeakers } from '@aws-sdk/client-voice-id';
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
    // No wait for any file: every answered call is on disk already (the journal is synced before the answer).
    const exited = new Promise((r) => child?.once('exit', r));
    child?.kill('SIGKILL');
    await exited;
    client.destroy();
    h = await startHarness({ statePath });
    const list = await h.voiceId.send(new ListDomainsCommand({}));
    expect(list.DomainSummaries?.map((d) => d.DomainId)).toEqual(ids);
    const speakers: string[] = [];
    for await (const page of paginateListSpeakers({ client: h.voiceId }, { DomainId: ids[0]! })) speakers.push(...(page.SpeakerSummaries ?? []).map((s) => s.CustomerSpeakerId!));
    expect(speakers.sort()).toEqual(Array.from({ length: 30 }, (_, i) => `s-${i}`).sort());
  });
});
