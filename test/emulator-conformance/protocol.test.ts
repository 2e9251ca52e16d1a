/**
 * The wire (voice-id-constraints.md §1, §3; EMULATOR.md §2): AWS JSON 1.0 over POST /, errors by __type, epoch-second
 * timestamps, and the typed SDK exceptions those produce. Raw fetch is used only where the SDK would hide the wire.
 */
import { describe, expect, it } from 'vitest';
import {
  ConflictException,
  DeleteWatchlistCommand,
  DescribeDomainCommand,
  ResourceNotFoundException,
  VoiceIDServiceException,
} from '@aws-sdk/client-voice-id';
import { KEY_1, STATUS, createDomain, failure, harnessPerTest } from './harness.js';

const h = harnessPerTest();

const AUTH = 'AWS4-HMAC-SHA256 Credential=AKIDCONFORMANCE/20261121/us-east-1/voiceid/aws4_request, SignedHeaders=host, Signature=00';

/** `auth` null sends no Authorization header at all (undefined would pick the default). */
function post(target: string | undefined, body: string, auth: string | null = AUTH): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.0' };
  if (target !== undefined) headers['x-amz-target'] = target;
  if (auth !== null) headers['authorization'] = auth;
  return fetch(`${h.emulator.endpoint}/`, { method: 'POST', headers, body });
}

describe('AWS JSON 1.0 framing', () => {
  it('answers a success with Content-Type application/x-amz-json-1.0 and a request id', async () => {
    const res = await post('VoiceID.ListDomains', '{}');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(res.headers.get('x-amzn-requestid')?.length).toBeGreaterThan(0);
    expect(await res.json()).toEqual({ DomainSummaries: [] });
  });

  it('accepts an empty body as {}', async () => {
    const res = await post('VoiceID.ListDomains', '');
    expect(res.status).toBe(200);
  });

  it('sends timestamps as epoch seconds (JSON numbers)', async () => {
    const res = await post(
      'VoiceID.CreateDomain',
      JSON.stringify({ Name: 'wire', ServerSideEncryptionConfiguration: { KmsKeyId: KEY_1 } }),
    );
    const body = (await res.json()) as { Domain: { CreatedAt: unknown; UpdatedAt: unknown } };
    expect(body.Domain.CreatedAt).toBe(1795255200);
    expect(body.Domain.UpdatedAt).toBe(1795255200);
  });

  it('sends millisecond fractions of epoch seconds, which the SDK turns into exact Dates', async () => {
    h.clock.advance(123);
    const raw = await post('VoiceID.CreateDomain', JSON.stringify({ Name: 'frac', ServerSideEncryptionConfiguration: { KmsKeyId: KEY_1 } }));
    const body = (await raw.json()) as { Domain: { DomainId: string; CreatedAt: unknown } };
    expect(body.Domain.CreatedAt).toBe(1795255200.123);
    const d = await h.voiceId.send(new DescribeDomainCommand({ DomainId: body.Domain.DomainId }));
    expect(d.Domain?.CreatedAt?.toISOString()).toBe('2026-11-21T10:00:00.123Z');
  });

  it('answers KMS and tagging calls with the JSON 1.1 content type', async () => {
    const res = await fetch(`${h.emulator.endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.DescribeKey', authorization: AUTH },
      body: JSON.stringify({ KeyId: 'alias/unknown' }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(((await res.json()) as Record<string, string>)['__type']).toMatch(/NotFoundException$/);
  });

  it('answers GET / and other paths with 404 UnknownOperationException', async () => {
    const res = await fetch(`${h.emulator.endpoint}/some/path`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as Record<string, string>)['__type']).toMatch(/UnknownOperationException$/);
  });

  it('answers an error with __type, Message, ResourceType, the x-amzn-ErrorType header and the JSON 1.0 content type', async () => {
    const res = await post('VoiceID.DescribeDomain', JSON.stringify({ DomainId: 'a'.repeat(22) }));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(res.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
    const body = (await res.json()) as Record<string, string>;
    expect(body['__type']).toBe('com.amazonaws.voiceid#ResourceNotFoundException');
    expect(body['ResourceType']).toBe('DOMAIN');
    expect(typeof body['Message']).toBe('string');
  });

  it('answers a request without Authorization with 400 MissingAuthenticationTokenException', async () => {
    const res = await post('VoiceID.ListDomains', '{}', null);
    expect(res.status).toBe(400);
    const body = (await res.json()) as Record<string, string>;
    expect(body['__type']).toMatch(/MissingAuthenticationTokenException$/);
  });

  it('answers an unknown operation with 400 UnknownOperationException', async () => {
    const res = await post('VoiceID.FrobnicateDomain', '{}');
    expect(res.status).toBe(400);
    expect(((await res.json()) as Record<string, string>)['__type']).toMatch(/UnknownOperationException$/);
  });

  it('answers invalid JSON with 400 SerializationException', async () => {
    const res = await post('VoiceID.ListDomains', '{not json');
    expect(res.status).toBe(400);
    expect(((await res.json()) as Record<string, string>)['__type']).toMatch(/SerializationException$/);
  });

  it('answers a member of the wrong JSON type with 400 SerializationException', async () => {
    const res = await post('VoiceID.ListDomains', JSON.stringify({ MaxResults: 'ten' }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as Record<string, string>)['__type']).toMatch(/SerializationException$/);
  });
});

describe('typed SDK exceptions', () => {
  it('surfaces ResourceNotFound as the SDK class with name, message, status, fault and ResourceType', async () => {
    const e = await failure(h.voiceId.send(new DescribeDomainCommand({ DomainId: 'a'.repeat(22) })));
    expect(e).toBeInstanceOf(ResourceNotFoundException);
    expect(e).toBeInstanceOf(VoiceIDServiceException);
    const err = e as ResourceNotFoundException;
    expect(err.name).toBe('ResourceNotFoundException');
    expect(err.$fault).toBe('client');
    expect(err.$metadata.httpStatusCode).toBe(STATUS.ResourceNotFoundException);
    expect(err.$metadata.requestId?.length).toBeGreaterThan(0);
    expect(err.ResourceType).toBe('DOMAIN');
    expect(err.message.length).toBeGreaterThan(0);
  });

  it('surfaces ConflictException with its ConflictType member', async () => {
    const s = await h.emulator.admin.seed({ domains: [{ name: 'c', watchlists: [{ name: 'ring' }], fraudsters: [{ watchlists: ['ring'] }] }] });
    const e = await failure(h.voiceId.send(new DeleteWatchlistCommand({ DomainId: s.domainIds[0]!, WatchlistId: s.watchlistIds[0]!['ring']! })));
    expect(e).toBeInstanceOf(ConflictException);
    expect((e as ConflictException).ConflictType).toBe('CANNOT_DELETE_NON_EMPTY_WATCHLIST');
    expect((e as ConflictException).$metadata.httpStatusCode).toBe(409);
  });
});

describe('admin HTTP API', () => {
  it('reports health', async () => {
    const res = await fetch(`${h.emulator.endpoint}/_emulator/health`);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('seeds through POST /_emulator/seed and shows the state through GET /_emulator/state', async () => {
    const res = await fetch(`${h.emulator.endpoint}/_emulator/seed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ domains: [{ name: 'seeded-over-http' }] }),
    });
    expect(res.status).toBe(200);
    const seeded = (await res.json()) as { domainIds: string[] };
    expect(seeded.domainIds).toHaveLength(1);
    const d = await h.voiceId.send(new DescribeDomainCommand({ DomainId: seeded.domainIds[0]! }));
    expect(d.Domain?.Name).toBe('seeded-over-http');
    const state = (await (await fetch(`${h.emulator.endpoint}/_emulator/state`)).json()) as { version: number; domains: unknown[] };
    expect(state.version).toBe(1);
    expect(state.domains).toHaveLength(1);
  });

  it('counts calls through GET /_emulator/calls and resets them through POST /_emulator/calls/reset', async () => {
    await createDomain(h);
    const counts = (await (await fetch(`${h.emulator.endpoint}/_emulator/calls`)).json()) as Record<string, number>;
    expect(counts['CreateDomain']).toBe(1);
    await fetch(`${h.emulator.endpoint}/_emulator/calls/reset`, { method: 'POST' });
    const after = (await (await fetch(`${h.emulator.endpoint}/_emulator/calls`)).json()) as Record<string, number>;
    expect(after['CreateDomain'] ?? 0).toBe(0);
  });

  it('sets faults through POST /_emulator/faults', async () => {
    await fetch(`${h.emulator.endpoint}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ seed: 1, errorRate: 1 }),
    });
    const e = await failure(h.raw.send(new DescribeDomainCommand({ DomainId: 'a'.repeat(22) })));
    expect((e as Error).name).toBe('InternalServerException');
  });

  it('empties the state through POST /_emulator/reset', async () => {
    await createDomain(h);
    await fetch(`${h.emulator.endpoint}/_emulator/reset`, { method: 'POST' });
    expect(h.emulator.admin.snapshot().domains).toEqual([]);
  });
});
