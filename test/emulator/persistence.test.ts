import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomic } from '../../src/emulator/persistence.js';
import { startEmulator } from '../../src/emulator/index.js';
import { Journal } from '../../src/emulator/journal.js';
import { resolveLimits } from '../../src/emulator/index.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const tempDir = tempDirs('voiceid-emu-test-');

const header = { h: 1 as const, limits: resolveLimits({}), kmsKeys: [] };
const step = (i: number) => ({ op: 'OptOutSpeaker', in: { i }, c: [i], r: [] });

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

  it('close leaves the state file alone: no journal, no temp file, no lock', async () => {
    const dir = tempDir();
    const emu = await startEmulator({ statePath: join(dir, 'state.json') });
    await emu.admin.seed({ domains: [{ name: 'd' }] });
    await emu.close();
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('writes a file that parses as JSON and leaves no temp file behind', async () => {
    const dir = tempDir();
    await writeAtomic(join(dir, 's.json'), JSON.stringify({ a: 1 }));
    expect(JSON.parse(readFileSync(join(dir, 's.json'), 'utf8'))).toEqual({ a: 1 });
    expect(readdirSync(dir)).toEqual(['s.json']);
  });

  it('steps appended in one tick are written and synced together (group commit)', async () => {
    const dir = tempDir();
    const journal = new Journal(join(dir, 's.json'), header, () => '{}', 0);
    await Promise.all(Array.from({ length: 500 }, (_, i) => journal.append(step(i))));
    expect(journal.syncs).toBe(1);
    const lines = readFileSync(journal.path, 'utf8').trimEnd().split('\n');
    expect(lines.length).toBe(501);
    expect(JSON.parse(lines[500]!)).toEqual({ n: 500, ...step(499) });
    // Closed like every journal: an open handle left to the garbage collector is Node's DEP0137 warning.
    await journal.close();
  });

  it('a checkpoint writes the state naming the last record it holds and empties the journal to its header', async () => {
    const dir = tempDir();
    const journal = new Journal(join(dir, 's.json'), header, (n) => JSON.stringify({ journal: n }), 0);
    await journal.append(step(1));
    await journal.append(step(2));
    await journal.checkpoint();
    expect(JSON.parse(readFileSync(join(dir, 's.json'), 'utf8'))).toEqual({ journal: 2 });
    expect(readFileSync(journal.path, 'utf8')).toBe(`${JSON.stringify(header)}\n`);
    await journal.close();
    expect(existsSync(journal.path)).toBe(false);
  });

  it('close rejects with EMULATOR_STATE_WRITE_FAILED when the state could not be saved, instead of losing it silently', async () => {
    const dir = tempDir();
    const statePath = join(dir, 'gone', 'state.json');
    mkdirSync(join(dir, 'gone'));
    const emu = await startEmulator({ statePath });
    rmSync(join(dir, 'gone'), { recursive: true });
    const failure = { code: 'EMULATOR_STATE_WRITE_FAILED', message: `cannot save the emulator state to ${statePath} (ENOENT): the changes made in this run are lost` };
    await expect(emu.admin.seed({ domains: [{ name: 'lost' }] })).rejects.toMatchObject(failure);
    await expect(emu.close()).rejects.toMatchObject(failure);
  });

  it('recovers from a torn last journal line (a write never acknowledged) and refuses a bad line before it', async () => {
    const dir = tempDir();
    const statePath = join(dir, 'state.json');
    const emu = await startEmulator({ statePath, now: () => 1_000 });
    await emu.admin.seed({ domains: [{ name: 'd' }] });
    await emu.close();
    writeFileSync(`${statePath}.journal`, `${JSON.stringify(header)}\n{"n":1,"op":"OptOutSp`);
    const again = await startEmulator({ statePath });
    await again.close();
    expect(JSON.parse(readFileSync(statePath, 'utf8')).domains).toHaveLength(1);
    writeFileSync(`${statePath}.journal`, `${JSON.stringify(header)}\nnot json\n${JSON.stringify({ n: 1, ...step(1) })}\n`);
    await expect(startEmulator({ statePath })).rejects.toMatchObject({
      code: 'EMULATOR_STATE_INVALID',
      message: `cannot load the emulator state file ${statePath}.journal: line 2 is not valid JSON`,
    });
  });

  it('never leaves a torn file when the writer is killed with SIGKILL mid-write', async () => {
    const dir = tempDir();
    const path = join(dir, 'state.json');
    const child = spawn(process.execPath, [join(import.meta.dirname, 'fixtures/write-loop.mjs'), path], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    // Killed while it is busy rewriting: after it reported three complete rounds (no sleep: it says so).
    let out = '';
    await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => (out += d.toString()).includes('wrote 3\n') && resolve()));
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { round: number; speakers: unknown[] };
    expect(parsed.speakers).toHaveLength(20_000);
    expect(parsed.round).toBeGreaterThanOrEqual(3);
  });
});

describe('journal replay', () => {
  it('a copy of the files taken while the emulator runs (what kill -9 leaves) loads to the same state, ids and timestamps included', async () => {
    const dir = tempDir();
    const statePath = join(dir, 'state.json');
    let t = 1_700_000_000_000;
    const emu = await startEmulator({ statePath, now: () => t, jobStepMs: 10 });
    const { VoiceIDClient, CreateDomainCommand, CreateWatchlistCommand, OptOutSpeakerCommand, TagResourceCommand, UpdateDomainCommand, StartFraudsterRegistrationJobCommand, ListFraudsterRegistrationJobsCommand, DeleteSpeakerCommand, DeleteDomainCommand } = await import('@aws-sdk/client-voice-id');
    const c = new VoiceIDClient({ endpoint: emu.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
    const key = { KmsKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab' };
    const d = (await c.send(new CreateDomainCommand({ Name: 'd', ClientToken: 'tok-1', ServerSideEncryptionConfiguration: key }))).Domain!.DomainId!;
    const other = (await c.send(new CreateDomainCommand({ Name: 'other', ServerSideEncryptionConfiguration: key }))).Domain!.DomainId!;
    const w = (await c.send(new CreateWatchlistCommand({ DomainId: d, Name: 'w' }))).Watchlist!.WatchlistId!;
    await Promise.all(Array.from({ length: 30 }, (_, i) => c.send(new OptOutSpeakerCommand({ DomainId: d, SpeakerId: `s-${i}` }))));
    await c.send(new TagResourceCommand({ ResourceArn: `arn:aws:voiceid:us-east-1:111122223333:domain/${d}`, Tags: [{ Key: 'k', Value: 'v' }] }));
    await c.send(new UpdateDomainCommand({ DomainId: d, Name: 'd2', ServerSideEncryptionConfiguration: { KmsKeyId: '0987dcba-09fe-87dc-65ba-ab0987654321' } }));
    await c.send(new StartFraudsterRegistrationJobCommand({
      DomainId: d, DataAccessRoleArn: 'arn:aws:iam::111122223333:role/r', InputDataConfig: { S3Uri: 's3://bucket/i' }, OutputDataConfig: { S3Uri: 's3://bucket/o' }, RegistrationConfig: { WatchlistIds: [w] },
    }));
    t += 25; // the job completes (and makes a fraudster with a random id) during the next read
    await c.send(new ListFraudsterRegistrationJobsCommand({ DomainId: d }));
    await c.send(new DeleteSpeakerCommand({ DomainId: d, SpeakerId: 's-3' }));
    await c.send(new DeleteDomainCommand({ DomainId: other }));
    const crashed = tempDir();
    for (const f of readdirSync(dir).filter((f) => f.startsWith('state.json'))) copyFileSync(join(dir, f), join(crashed, f));
    const before = emu.admin.snapshot();
    c.destroy();
    await emu.close();
    rmSync(join(crashed, 'state.json.lock'), { force: true });
    // Everything is in the journal: no checkpoint ran yet.
    expect(readFileSync(join(crashed, 'state.json.journal'), 'utf8').trimEnd().split('\n').length).toBeGreaterThan(38);
    // Another clock and PRNG: the replay must use the recorded readings and draws, not these.
    const recovered = await startEmulator({ statePath: join(crashed, 'state.json'), now: () => t, random: () => 0.5, jobStepMs: 10 });
    const after = recovered.admin.snapshot();
    await recovered.close();
    expect(after).toEqual(before);
    expect(existsSync(join(crashed, 'state.json.journal'))).toBe(false);
  });
});
