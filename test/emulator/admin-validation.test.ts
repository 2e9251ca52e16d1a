/** The admin API refuses bad bodies before anything changes (EMULATOR.md §9). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ListDomainsCommand, VoiceIDClient } from '@aws-sdk/client-voice-id';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';

let emu: RunningEmulator;
let client: VoiceIDClient;
beforeEach(async () => {
  emu = await startEmulator({ port: 0 });
  client = new VoiceIDClient({ endpoint: emu.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
});
afterEach(async () => {
  client.destroy();
  await emu.close();
});

async function post(path: string, body: string): Promise<{ status: number; body: unknown }> {
  const r = await fetch(`${emu.endpoint}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  return { status: r.status, body: await r.json() };
}

const domainNames = async (): Promise<string[]> => ((await client.send(new ListDomainsCommand({}))).DomainSummaries ?? []).map((d) => d.Name!);

describe('POST /_emulator/faults', () => {
  it.each([
    ['null', 'faults: (top level): expected object'],
    ['[]', 'faults: (top level): expected object'],
    ['{"bogus":1}', 'faults: bogus: unknown key'],
    ['{"errorRate":"1"}', 'faults: errorRate: expected number'],
    ['{"errorRate":2}', 'faults: errorRate: must be <= 1'],
    ['{"latencyMs":{"min":5,"max":1}}', 'faults: latencyMs.max: must be at least latencyMs.min'],
    ['{"operations":["OptOutSpeakr"]}', "faults: operations[0]: 'OptOutSpeakr' is not an operation of the emulator"],
    ['{', 'the body is not valid JSON'],
  ])('%s is a 400 with a message, and the fault settings in force stay as they were', async (body, error) => {
    expect(await post('/_emulator/faults', '{"errorRate":1,"operations":["ListDomains"]}')).toEqual({ status: 200, body: { ok: true } });
    expect(await post('/_emulator/faults', body)).toEqual({ status: 400, body: { error } });
    await expect(client.send(new ListDomainsCommand({}))).rejects.toMatchObject({ name: 'InternalServerException' });
    expect(await post('/_emulator/faults', '{}')).toEqual({ status: 200, body: { ok: true } });
    expect(await domainNames()).toEqual([]);
  });

  it('the in-process setFaults refuses the same bodies', () => {
    expect(() => emu.admin.setFaults(null as never)).toThrow('faults: (top level): expected object');
  });
});

describe('POST /_emulator/seed', () => {
  it.each([
    ['null', 'seed: (top level): expected object'],
    ['{"count":100000000}', 'seed: count: unknown key'],
    ['{"domains":[{"name":"a","bulkSpeakers":{"count":100000000,"prefix":"c-"}}]}', 'seed: domains[0].speakers + bulkSpeakers.count: 100000000 is more than the 100000 speakers a domain takes'],
    ['{"domains":[{"name":"a"},{"name":"b","fraudsters":[{"watchlists":["nope"]}]}]}', "seed: domains[1].fraudsters[0].watchlists: names unknown watchlist 'nope'"],
    ['{"domains":[{"name":"a"},{"name":"b c"}]}', 'seed: domains[1].name: must match ^[a-zA-Z0-9][a-zA-Z0-9_-]*$ (DomainName)'],
    ['{"domains":[{"name":"a","speakers":[{"customerSpeakerId":"c-1"},{"customerSpeakerId":"c-1"}]}]}', 'seed: domains[0].speakers[1].customerSpeakerId: repeats a speaker id of the domain'],
    ['{"domains":[{"name":"a","speakers":[{"customerSpeakerId":"c-1"}],"bulkSpeakers":{"count":3,"prefix":"c-"}}]}', 'seed: domains[0].speakers[0].customerSpeakerId: repeats a speaker id of the domain'],
    ['{"domains":[{"name":"a","watchlists":[{"name":"w1"},{"name":"w2"},{"name":"w3"}]}]}', 'seed: domains[0].watchlists: 3 is more than the 2 watchlists a domain takes besides its default one'],
  ])('%s is a 400 with a message, and nothing of it is created', async (body, error) => {
    expect(await post('/_emulator/seed', body)).toEqual({ status: 400, body: { error } });
    expect(await domainNames()).toEqual([]);
  });

  it('a seed over the account\'s speakers (domains quota x speakers per domain) counts those already there', async () => {
    const bulk = (prefix: string) => ({ name: prefix, bulkSpeakers: { count: 100_000, prefix } });
    await emu.admin.seed({ domains: [bulk('a'), bulk('b'), bulk('c')] });
    await expect(emu.admin.seed({ domains: [{ name: 'd', speakers: [{ customerSpeakerId: 'one-more' }] }] })).rejects.toMatchObject({
      code: 'EMULATOR_ADMIN_INVALID',
      message: 'seed: speakers in all domains: 300001 is more than the 300000 speakers the account takes (domains quota x speakers per domain)',
    });
    expect(await domainNames()).toEqual(['a', 'b', 'c']);
  });

  it('reset takes no body', async () => {
    expect(await post('/_emulator/reset', '{"all":true}')).toEqual({ status: 400, body: { error: '/_emulator/reset takes no body (or {})' } });
  });
});
