import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DebouncedWriter, writeAtomic } from '../../src/emulator/persistence.js';
import { startEmulator } from '../../src/emulator/index.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'voiceid-emu-test-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('state persistence', () => {
  it('keeps domains and speakers across a restart with the same statePath', async () => {
    const statePath = join(tempDir(), 'state.json');
    const first = await startEmulator({ statePath });
    const seeded = await first.admin.seed({ domains: [{ name: 'kept', tags: { team: 'a' }, speakers: [{ customerSpeakerId: 'cust-1' }] }] });
    await first.close();
    const second = await startEmulator({ statePath });
    const snap = second.admin.snapshot() as unknown as { domains: { domainId: string; name: string; tags: Record<string, string>; speakers: { customerSpeakerId: string }[] }[] };
    await second.close();
    expect(snap.domains.map((d) => [d.domainId, d.name, d.tags, d.speakers.map((s) => s.customerSpeakerId)])).toEqual([
      [seeded.domainIds[0], 'kept', { team: 'a' }, ['cust-1']],
    ]);
  });

  it('writes a file that parses as JSON and leaves no temp file behind', async () => {
    const dir = tempDir();
    await writeAtomic(join(dir, 's.json'), JSON.stringify({ a: 1 }));
    expect(JSON.parse(readFileSync(join(dir, 's.json'), 'utf8'))).toEqual({ a: 1 });
    expect(readdirSync(dir)).toEqual(['s.json']);
  });

  it('coalesces many changes into one write', async () => {
    const dir = tempDir();
    let n = 0;
    const writer = new DebouncedWriter(join(dir, 's.json'), () => JSON.stringify({ n }), 10_000);
    for (n = 1; n <= 20_000; n++) writer.markDirty();
    await writer.flush();
    expect(writer.writes).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, 's.json'), 'utf8'))).toEqual({ n: 20_001 });
  });

  it('close rejects with EMULATOR_STATE_WRITE_FAILED when the state could not be saved, instead of losing it silently', async () => {
    const dir = tempDir();
    const statePath = join(dir, 'gone', 'state.json');
    mkdirSync(join(dir, 'gone'));
    const emu = await startEmulator({ statePath });
    rmSync(join(dir, 'gone'), { recursive: true });
    await emu.admin.seed({ domains: [{ name: 'lost' }] });
    await expect(emu.close()).rejects.toMatchObject({
      code: 'EMULATOR_STATE_WRITE_FAILED',
      message: `cannot save the emulator state to ${statePath} (ENOENT): the changes made in this run are lost`,
    });
  });

  it('a failed write followed by a successful one leaves nothing to report at close', async () => {
    const dir = tempDir();
    const sub = join(dir, 'back');
    const writer = new DebouncedWriter(join(sub, 's.json'), () => '{}', 10_000);
    writer.markDirty();
    await writer.flush();
    expect((writer.failure as NodeJS.ErrnoException | undefined)?.code).toBe('ENOENT');
    mkdirSync(sub);
    writer.markDirty();
    await writer.flush();
    expect(writer.failure).toBeUndefined();
  });

  it('never leaves a torn file when the writer is killed with SIGKILL mid-write', async () => {
    const dir = tempDir();
    const path = join(dir, 'state.json');
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures/write-loop.ts'), path], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()));
    // Let it get well into further writes, then kill it without warning.
    await new Promise((r) => setTimeout(r, 150));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { round: number; speakers: unknown[] };
    expect(parsed.speakers).toHaveLength(20_000);
    expect(parsed.round).toBeGreaterThanOrEqual(3);
  });
});
