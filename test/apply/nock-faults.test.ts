/**
 * Faults the emulator cannot make (STYLE: nock only for those): a socket dropped after the service acted on a
 * CreateDomain, and a truncated 200 body. The pacer retries with the SAME input, so the retry carries the same
 * ClientToken, the service answers with the original domain, and apply creates exactly one.
 */
import { droppedMidBody } from '../aws/dropped-mid-body.js';
import nock from 'nock';
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createAwsClients } from '../../src/aws/index.js';
import { applyPlan } from '../../src/apply/index.js';
import { plan } from '../../src/plan/index.js';
import { desiredDomain, desiredState } from '../live/emulator-fixture.js';

const ENDPOINT = 'http://voiceid.apply.test';
const JSON_HEADERS = { 'content-type': 'application/x-amz-json-1.0' };

/** A minimal idempotent CreateDomain service: the token decides the domain, as Voice ID does. */
class FakeService {
  readonly tokens: string[] = [];
  readonly domains = new Map<string, string>();
  readonly watchlistDomainIds: string[] = [];
  /** ResourceArns of TagResource calls (the applied record of the new domain, PLAN.md R11.4). */
  readonly taggedArns: string[] = [];

  tagResource(body: string): object {
    this.taggedArns.push((parse(body) as { ResourceArn: string }).ResourceArn);
    return {};
  }

  createDomain(body: string): object {
    const input = parse(body) as { ClientToken: string; Name: string };
    this.tokens.push(input.ClientToken);
    if (!this.domains.has(input.ClientToken)) this.domains.set(input.ClientToken, `Dom${String(this.domains.size).padStart(19, '0')}`);
    const id = this.domains.get(input.ClientToken)!;
    return { Domain: { DomainId: id, Arn: `arn:aws:voiceid:us-east-1:111122223333:domain/${id}`, Name: input.Name, DomainStatus: 'ACTIVE' } };
  }

  createWatchlist(body: string): object {
    const input = parse(body) as { DomainId: string; Name: string };
    this.watchlistDomainIds.push(input.DomainId);
    return { Watchlist: { DomainId: input.DomainId, WatchlistId: 'Wl000000000000000000001', Name: input.Name } };
  }
}

const parse = (body: string): unknown => JSON.parse(body);
/** nock hands a reply function (uri, body): the body as sent, a string for AWS JSON (not parsed, as its type is not application/json). */
const bodyOf = (body: unknown): string => (typeof body === 'string' ? body : JSON.stringify(body));
const target = (op: string) => nock(ENDPOINT).post('/').matchHeader('x-amz-target', `VoiceID.${op}`);

let service: FakeService;
beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
  service = new FakeService();
  target('TagResource').reply(200, (_uri: string, body: unknown) => service.tagResource(bodyOf(body)), JSON_HEADERS);
});
afterEach(() => nock.cleanAll());

const newDomainPlan = () =>
  plan(desiredState('prod', [desiredDomain('support', { watchlists: [{ name: 'w' }] })]), { region: 'us-east-1', domains: [], kmsKeys: {} });

const clients = () =>
  createAwsClients({ env: { AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' }, region: 'us-east-1', endpointUrl: ENDPOINT, pacing: { sleep: async () => undefined, rateLimits: { scale: 0 } } });

describe('apply under faults made with nock', () => {
  test('a socket dropped after CreateDomain acted is retried with the same token and creates one domain', async () => {
    target('CreateDomain').reply(200, (_uri: string, body: unknown) => {
      service.createDomain(bodyOf(body));
      return droppedMidBody('{"Domain":');
    }, { ...JSON_HEADERS, 'content-length': '400' });
    target('CreateDomain').reply(200, (_uri: string, body: unknown) => service.createDomain(bodyOf(body)), JSON_HEADERS);
    target('CreateWatchlist').reply(200, (_uri: string, body: unknown) => service.createWatchlist(bodyOf(body)), JSON_HEADERS);

    const result = await applyPlan(newDomainPlan(), clients().voiceId);
    expect(result.ok).toBe(true);
    expect(service.tokens).toHaveLength(2);
    expect(new Set(service.tokens).size).toBe(1);
    expect(service.domains.size).toBe(1);
    expect(service.watchlistDomainIds).toEqual([...service.domains.values()]);
  });

  test('a truncated CreateDomain answer is retried with the same token and the ref resolves to the original id', async () => {
    target('CreateDomain').reply(200, (_uri: string, body: unknown) => JSON.stringify(service.createDomain(bodyOf(body))).slice(0, 25), JSON_HEADERS);
    target('CreateDomain').reply(200, (_uri: string, body: unknown) => service.createDomain(bodyOf(body)), JSON_HEADERS);
    target('CreateWatchlist').reply(200, (_uri: string, body: unknown) => service.createWatchlist(bodyOf(body)), JSON_HEADERS);

    const result = await applyPlan(newDomainPlan(), clients().voiceId);
    expect(result.outcomes.map((o) => o.status)).toEqual(['applied', 'applied', 'applied']);
    expect(service.tokens[0]).toBe(service.tokens[1]);
    expect(service.domains.size).toBe(1);
    expect(service.watchlistDomainIds).toEqual(['Dom0000000000000000000']);
    expect(service.taggedArns).toEqual(['arn:aws:voiceid:us-east-1:111122223333:domain/Dom0000000000000000000']);
  });

  test('a connection reset before the service acted is retried and still creates one domain', async () => {
    target('CreateDomain').replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    target('CreateDomain').reply(200, (_uri: string, body: unknown) => service.createDomain(bodyOf(body)), JSON_HEADERS);
    target('CreateWatchlist').reply(200, (_uri: string, body: unknown) => service.createWatchlist(bodyOf(body)), JSON_HEADERS);

    const result = await applyPlan(newDomainPlan(), clients().voiceId);
    expect(result.ok).toBe(true);
    expect(service.tokens).toHaveLength(1);
    expect(service.domains.size).toBe(1);
  });
});
