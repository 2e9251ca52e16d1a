/**
 * Signals (issue 12): the first SIGTERM or SIGINT ends `voiceid-gitops emulator` within 2 s even while a request
 * waits out an injected `--latency`, and it says "stopped" only when it truly stops, with its state saved.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withinLimits } from './harness.js';
import { admin, spawnEmulator, voiceId } from './emulator-process.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('emulator signals', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('one %s ends it within 2 s with a --latency 60000 request pending, state saved', async (signal) => {
    const dir = mkdtempSync(join(tmpdir(), 'voiceid-hostile-sig-'));
    dirs.push(dir);
    const statePath = join(dir, 'state.json');
    const emu = await spawnEmulator(['--state', statePath, '--latency', '60000']);
    const seeded = (await admin(emu.endpoint, 'seed', '{"domains":[{"name":"d"}]}')).body as { domainIds: string[] };
    const pending = voiceId(emu.endpoint, 'OptOutSpeaker', { DomainId: seeded.domainIds[0], SpeakerId: 'cust-1' }).catch((e: unknown) => e);
    // The call is counted when the emulator has it, before its latency: no sleep needed to know it is pending.
    while (((await admin(emu.endpoint, 'calls')).body as Record<string, number>)['OptOutSpeaker'] !== 1);
    const sent = emu.kill(signal);
    const r = await emu.result;
    expect({ ...withinLimits(r), code: r.code, fast: performance.now() - sent < 2000 }).toEqual({ timedOut: false, overMemory: false, killedBy: null, code: 0, fast: true });
    expect(r.stderr).toMatch(/Voice ID emulator stopped\n$/);
    expect(await pending).toBeInstanceOf(Error);
    const state = JSON.parse(readFileSync(statePath, 'utf8')) as { domains: { speakers: { customerSpeakerId: string }[] }[] };
    expect(state.domains[0]!.speakers.map((s) => s.customerSpeakerId)).toEqual(['cust-1']);
  });
});
