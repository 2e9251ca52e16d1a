/**
 * Durability (issue 12): kill -9 of `voiceid-gitops emulator --state F` in the middle of a burst of writes loses
 * no acknowledged one. The burst runs 40 OptOutSpeaker calls at a time; the kill comes after 300 answers, while
 * calls are still in flight; a new emulator on F must hold every speaker whose call was answered 200.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { admin, spawnEmulator, voiceId } from './emulator-process.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('emulator durability', () => {
  it('kill -9 during a burst of OptOutSpeaker calls: every acknowledged speaker is in the state file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'voiceid-hostile-kill-'));
    dirs.push(dir);
    const statePath = join(dir, 'state.json');
    const emu = await spawnEmulator(['--state', statePath]);
    const domainId = ((await admin(emu.endpoint, 'seed', '{"domains":[{"name":"d"}]}')).body as { domainIds: string[] }).domainIds[0]!;
    const acknowledged: string[] = [];
    let next = 0;
    let killed = false;
    const exited = emu.result;
    const worker = async (): Promise<void> => {
      while (!killed) {
        const id = `cust-${next++}`;
        const r = await voiceId(emu.endpoint, 'OptOutSpeaker', { DomainId: domainId, SpeakerId: id }).catch(() => undefined);
        if (r?.status === 200) acknowledged.push(id);
        if (acknowledged.length >= 300 && !killed) {
          killed = true;
          emu.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 40 }, worker));
    expect((await exited).signal).toBe('SIGKILL');
    const recovered = await startEmulator({ statePath });
    const state = recovered.admin.snapshot() as unknown as { domains: { speakers: { customerSpeakerId: string }[] }[] };
    await recovered.close();
    const kept = new Set(state.domains[0]!.speakers.map((s) => s.customerSpeakerId));
    const lost = acknowledged.filter((id) => !kept.has(id));
    // Whether calls were still unanswered at the kill depends on timing (on a quiet machine the answers of all 40
    // in flight may already sit in the sockets), so only the durability property is asserted.
    expect({ acknowledged: acknowledged.length >= 300, lost }).toEqual({ acknowledged: true, lost: [] });
  });
});
