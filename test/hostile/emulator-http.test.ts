/**
 * Hostile HTTP clients of `voiceid-gitops emulator` (issue 12): admin bodies that used to break it (`null` faults
 * dropping every later call, a 100,000,000-speaker seed blocking it ~50 s then running out of memory, a failing seed
 * half applied, unknown keys accepted), a 100 MB body (a connection reset), unmodelled members echoed. One emulator
 * child (small heap, RSS ceiling, timeout) serves every case; it must still answer and stay small at the end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postChunked } from '../helpers/oversized-request.js';
import { withinLimits } from './harness.js';
import { admin, spawnEmulator, voiceId, type EmulatorChild } from './emulator-process.js';

let emu: EmulatorChild;
beforeAll(async () => {
  emu = await spawnEmulator([], { maxOldSpaceMb: 128, maxRssMb: 400 });
});
afterAll(async () => {
  emu.kill('SIGTERM');
  const r = await emu.result;
  expect({ ...withinLimits(r), code: r.code }).toEqual({ timedOut: false, overMemory: false, killedBy: null, code: 0 });
});

const domainNames = async (): Promise<string[]> =>
  (((await (await voiceId(emu.endpoint, 'ListDomains', {})).json()) as { DomainSummaries: { Name: string }[] }).DomainSummaries).map((d) => d.Name);

describe('emulator admin API and bodies under hostile input', () => {
  it('faults `null` is a 400 and later AWS calls are still answered (not dropped)', async () => {
    expect(await admin(emu.endpoint, 'faults', 'null')).toEqual({ status: 400, body: { error: 'faults: (top level): expected object' } });
    expect((await voiceId(emu.endpoint, 'ListDomains', {})).status).toBe(200);
  });

  it('{"bogus":1} is refused, for faults and seed alike', async () => {
    expect((await admin(emu.endpoint, 'faults', '{"bogus":1}')).status).toBe(400);
    expect((await admin(emu.endpoint, 'seed', '{"bogus":1}')).status).toBe(400);
  });

  it('a seed of 100,000,000 speakers is refused at once, without growing the process', async () => {
    const started = performance.now();
    const r = await admin(emu.endpoint, 'seed', '{"domains":[{"name":"huge","bulkSpeakers":{"count":100000000,"prefix":"c-"}}]}');
    expect({ status: r.status, fast: performance.now() - started < 2000 }).toEqual({ status: 400, fast: true });
    expect(await domainNames()).not.toContain('huge');
  });

  it('a seed whose second domain is bad creates nothing', async () => {
    const r = await admin(emu.endpoint, 'seed', '{"domains":[{"name":"first"},{"name":"second","fraudsters":[{"watchlists":["missing"]}]}]}');
    expect(r.status).toBe(400);
    expect(await domainNames()).toEqual([]);
  });

  it('a 100 MB chunked body gets a 413 JSON error, not a connection reset', async () => {
    const answer = await postChunked(emu.endpoint, 100);
    expect({ status: answer.status, type: (JSON.parse(answer.body) as { __type: string }).__type }).toEqual({ status: 413, type: 'com.amazon.coral.service#RequestEntityTooLargeException' });
  });

  it('a job started with unmodelled nested members answers without them', async () => {
    const seeded = (await admin(emu.endpoint, 'seed', '{"domains":[{"name":"jobs"}]}')).body as { domainIds: string[] };
    const r = await voiceId(emu.endpoint, 'StartFraudsterRegistrationJob', {
      DomainId: seeded.domainIds[0], DataAccessRoleArn: 'arn:aws:iam::111122223333:role/r', InputDataConfig: { S3Uri: 's3://bucket/in', Evil: 'x' },
      OutputDataConfig: { S3Uri: 's3://bucket/out' }, RegistrationConfig: { DuplicateRegistrationAction: 'SKIP', Payload: { deep: true } },
    });
    const job = ((await r.json()) as { Job: { InputDataConfig: unknown; RegistrationConfig: unknown } }).Job;
    expect([job.InputDataConfig, job.RegistrationConfig]).toEqual([{ S3Uri: 's3://bucket/in' }, { DuplicateRegistrationAction: 'SKIP' }]);
  });
});
