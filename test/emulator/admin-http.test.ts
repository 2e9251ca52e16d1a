import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';

let emu: RunningEmulator;
beforeEach(async () => {
  emu = await startEmulator({ port: 0 });
});
afterEach(async () => {
  await emu.close();
});

const post = (path: string, body: unknown = {}) =>
  fetch(`${emu.endpoint}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

const aws = (target: string, body: unknown = {}) =>
  fetch(`${emu.endpoint}/`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.0', authorization: 'AWS4-HMAC-SHA256 Credential=x/20261121/us-east-1/voiceid/aws4_request, SignedHeaders=host, Signature=00' },
  });

describe('HTTP admin API', () => {
  it('answers health', async () => {
    const r = await fetch(`${emu.endpoint}/_emulator/health`);
    expect(await r.json()).toEqual({ ok: true });
  });

  it('seeds domains and returns their ids, visible through ListDomains', async () => {
    const seeded = (await (await post('/_emulator/seed', { domains: [{ name: 'seeded-a' }, { name: 'seeded-b' }] })).json()) as { domainIds: string[] };
    const list = (await (await aws('VoiceID.ListDomains')).json()) as { DomainSummaries: { DomainId: string; Name: string }[] };
    expect(list.DomainSummaries.map((d) => [d.DomainId, d.Name])).toEqual([
      [seeded.domainIds[0], 'seeded-a'],
      [seeded.domainIds[1], 'seeded-b'],
    ]);
  });

  it('returns the full state with the seeded watchlists', async () => {
    await post('/_emulator/seed', { domains: [{ name: 'with-lists', watchlists: [{ name: 'high-risk' }] }] });
    const state = (await (await fetch(`${emu.endpoint}/_emulator/state`)).json()) as { domains: { watchlists: { name: string }[] }[] };
    expect(state.domains[0]!.watchlists.map((w) => w.name)).toEqual(['Default', 'high-risk']);
  });

  it('counts calls per operation and resets the counts', async () => {
    await aws('VoiceID.ListDomains');
    await aws('VoiceID.ListDomains');
    await aws('TrentService.DescribeKey', { KeyId: 'alias/voiceid' });
    expect(await (await fetch(`${emu.endpoint}/_emulator/calls`)).json()).toEqual({ ListDomains: 2, DescribeKey: 1 });
    await post('/_emulator/calls/reset');
    expect(await (await fetch(`${emu.endpoint}/_emulator/calls`)).json()).toEqual({});
  });

  it('changes faults at runtime', async () => {
    await post('/_emulator/faults', { errorRate: 1 });
    const r = await aws('VoiceID.ListDomains');
    expect([r.status, ((await r.json()) as { __type: string }).__type]).toEqual([500, 'com.amazonaws.voiceid#InternalServerException']);
  });

  it('empties the state on reset', async () => {
    await post('/_emulator/seed', { domains: [{ name: 'gone' }] });
    await post('/_emulator/reset');
    const list = (await (await aws('VoiceID.ListDomains')).json()) as { DomainSummaries: unknown[] };
    expect(list.DomainSummaries).toEqual([]);
  });

  it('answers a seed with an unknown watchlist name with 400 and the reason', async () => {
    const r = await post('/_emulator/seed', { domains: [{ name: 'x', fraudsters: [{ watchlists: ['nope'] }] }] });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: string }).error).toContain("unknown watchlist 'nope'");
  });

  it('answers a request without Authorization with MissingAuthenticationTokenException', async () => {
    const r = await fetch(`${emu.endpoint}/`, { method: 'POST', body: '{}', headers: { 'x-amz-target': 'VoiceID.ListDomains' } });
    expect([r.status, r.headers.get('x-amzn-errortype')]).toEqual([400, 'MissingAuthenticationTokenException']);
  });

  it('answers malformed JSON with SerializationException', async () => {
    const r = await fetch(`${emu.endpoint}/`, {
      method: 'POST',
      body: '{not json',
      headers: { 'x-amz-target': 'VoiceID.ListDomains', authorization: 'x' },
    });
    expect(((await r.json()) as { __type: string }).__type).toBe('com.amazon.coral.service#SerializationException');
  });
});
