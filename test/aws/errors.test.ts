import nock from 'nock';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { droppedMidBody } from './dropped-mid-body.js';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createAwsClients } from '../../src/aws/client-factory.js';
import type { AwsClients } from '../../src/aws/client-factory.js';
import { classifyAwsError, retryKind } from '../../src/aws/errors.js';
import { rerunText, type RerunHint } from '../../src/model/command-line.js';

const ENDPOINT = 'http://voiceid.nock.test';
const JSON_HEADERS = { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'req-42' };
const AFTER_EOS = Date.parse('2026-11-21T00:00:00Z');

/** Real SDK clients against a nock endpoint, one attempt, so each test sees exactly one classified failure. */
/** Hints that are the run's command, changed, filled in as the CLI does for `voiceid-gitops plan estate --profile p`. */
const rerun = (h: RerunHint): string => rerunText(h, ['plan', 'estate', '--profile', 'p'], (o) => o === '--profile' || o === '--region');

function clients(endpoint = ENDPOINT): AwsClients {
  return createAwsClients({
    env: { AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'secret' },
    region: 'us-east-1',
    endpointUrl: endpoint,
    pacing: { retry: { maxAttempts: 1 }, now: () => AFTER_EOS, sleep: async () => undefined, rerun },
  });
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('AWS error classification (HTTP faults)', () => {
  test('an AccessDenied body names the missing permission', async () => {
    nock(ENDPOINT).post('/').reply(400, { __type: 'com.amazonaws.voiceid#AccessDeniedException', Message: 'User: arn:aws:iam::111122223333:user/ci is not authorized to perform: voiceid:ListDomains' }, JSON_HEADERS);
    const err = await clients().voiceId.listDomains({}).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'AWS_ACCESS_DENIED',
      source: 'aws',
      message: 'access denied to Voice ID ListDomains: missing permission voiceid:ListDomains (AccessDeniedException, request id req-42)',
      options: { aws: { operation: 'ListDomains', awsCode: 'AccessDeniedException', requestId: 'req-42', httpStatus: 400 } },
    });
  });

  test('an AccessDenied without the permission in its text still names voiceid:<operation>, and recalls the end of support', async () => {
    nock(ENDPOINT).post('/').reply(403, { __type: 'AccessDeniedException', Message: 'Access denied' }, JSON_HEADERS);
    const err = await clients().voiceId.describeDomain({ DomainId: 'AbCdEfGhIjKlMnOpQrStUv' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'AWS_ACCESS_DENIED', message: expect.stringContaining('missing permission voiceid:DescribeDomain') });
    expect((err as { hint: string }).hint).toContain('AWS ended support for Voice ID on 2026-05-20');
  });

  test('an end-of-support answer says AWS ended support on 2026-05-20', async () => {
    nock(ENDPOINT).post('/').reply(400, { __type: 'AccessDeniedException', Message: 'Amazon Connect Voice ID is no longer available.' }, JSON_HEADERS);
    const err = await clients().voiceId.listDomains({}).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'AWS_VOICE_ID_ENDED', message: expect.stringContaining('AWS ended support for Amazon Connect Voice ID on 2026-05-20') });
  });

  test('a body cut short is a retryable network fault', async () => {
    nock(ENDPOINT).post('/').reply(200, '{"DomainSummaries":[{"DomainId":"Ab', JSON_HEADERS);
    const err = await clients().voiceId.listDomains({}).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'AWS_NETWORK', source: 'aws' });
    // V8's JSON.parse wording after the prefix differs between Node versions.
    expect((err as Error).message).toMatch(/^Voice ID ListDomains failed: the response was cut short \(Unterminated string in JSON/);
    expect(retryKind((err as { cause: unknown }).cause)).toBe('transient');
  });

  test('a socket dropped mid-response is a retryable network fault', async () => {
    nock(ENDPOINT).post('/').reply(200, () => droppedMidBody('{"DomainSummaries":['), { ...JSON_HEADERS, 'content-length': '400' });
    const err = await clients().voiceId.listDomains({}).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'AWS_NETWORK' });
    expect(retryKind((err as { cause: unknown }).cause)).toBe('transient');
  });

  test('a truncated body is retried and the retry succeeds', async () => {
    nock(ENDPOINT).post('/').reply(200, '{"DomainSummaries":[', JSON_HEADERS);
    nock(ENDPOINT).post('/').reply(200, { DomainSummaries: [] }, JSON_HEADERS);
    const c = createAwsClients({ env: { AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' }, region: 'us-east-1', endpointUrl: ENDPOINT, pacing: { sleep: async () => undefined } });
    await expect(c.voiceId.listDomains({})).resolves.toMatchObject({ DomainSummaries: [] });
    expect(c.stats().ListDomains).toEqual({ calls: 2, throttles: 0, retries: 1, failures: 0, notFound: 0 });
  });

  test('a 500 answer is retried, then reported with its status when it persists', async () => {
    nock(ENDPOINT).post('/').times(2).reply(500, { __type: 'InternalServerException', Message: 'oops' }, JSON_HEADERS);
    const c = createAwsClients({ env: { AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' }, region: 'us-east-1', endpointUrl: ENDPOINT, pacing: { sleep: async () => undefined, retry: { maxAttempts: 2 } } });
    const err = await c.voiceId.listDomains({}).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'AWS_SERVICE_ERROR', message: 'Voice ID ListDomains failed with HTTP 500 after 2 attempts: oops (InternalServerException, request id req-42)' });
  });

  test('validation, not-found and conflict answers each get their own code', async () => {
    const answers = [['ValidationException', 'AWS_VALIDATION'], ['ResourceNotFoundException', 'AWS_NOT_FOUND'], ['ConflictException', 'AWS_CONFLICT'], ['ServiceQuotaExceededException', 'AWS_QUOTA_EXCEEDED']] as const;
    const codes: string[] = [];
    for (const [type] of answers) {
      nock(ENDPOINT).post('/').reply(400, { __type: type, Message: 'no' }, JSON_HEADERS);
      codes.push(((await clients().voiceId.describeDomain({ DomainId: 'AbCdEfGhIjKlMnOpQrStUv' }).catch((e: unknown) => e)) as { code: string }).code);
    }
    expect(codes).toEqual(answers.map((a) => a[1]));
  });

  test('a customer speaker id in an AWS message is masked', async () => {
    nock(ENDPOINT).post('/').reply(400, { __type: 'ValidationException', Message: 'Speaker customer-0001 is invalid' }, JSON_HEADERS);
    const err = await clients().voiceId.describeSpeaker({ DomainId: 'AbCdEfGhIjKlMnOpQrStUv', SpeakerId: 'customer-0001' }).catch((e: unknown) => e);
    expect((err as Error).message).toBe(`Voice ID DescribeSpeaker rejected the request: Speaker cu…01 (sha256:696e3e40) is invalid (ValidationException, request id req-42)`);
  });
});

describe('AWS error classification (connection faults)', () => {
  test('a socket closed before any response is retried, then reported as a network fault', async () => {
    nock.enableNetConnect('127.0.0.1');
    let hits = 0;
    const server = createServer((req) => {
      hits++;
      req.socket.destroy();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const c = createAwsClients({ env: { AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' }, region: 'us-east-1', endpointUrl: `http://127.0.0.1:${port}`, pacing: { sleep: async () => undefined, retry: { maxAttempts: 3 } } });
      const err = await c.voiceId.listDomains({}).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'AWS_NETWORK', message: expect.stringContaining('after 3 attempts') });
      expect(hits).toBe(3);
      c.destroy();
    } finally {
      server.close();
      nock.disableNetConnect();
    }
  });

  test('a real lookup of voiceid.<region>.amazonaws.com that fails names the Region', async () => {
    nock.enableNetConnect('voiceid.xx-nowhere-9.amazonaws.com');
    try {
      const c = createAwsClients({ env: { AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' }, region: 'xx-nowhere-9', pacing: { sleep: async () => undefined } });
      const err = await c.voiceId.listDomains({}).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'AWS_REGION_UNSUPPORTED', message: 'Voice ID is not available in region xx-nowhere-9: voiceid.xx-nowhere-9.amazonaws.com does not resolve' });
      expect(c.stats().ListDomains?.calls).toBe(1);
      c.destroy();
    } finally {
      nock.disableNetConnect();
    }
  });

  test('a Region whose voiceid host does not resolve is reported as a Region without Voice ID', () => {
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND voiceid.xx-nowhere-9.amazonaws.com'), { code: 'ENOTFOUND', hostname: 'voiceid.xx-nowhere-9.amazonaws.com' });
    expect(retryKind(dns)).toBeUndefined();
    expect(classifyAwsError(dns, { service: 'voiceid', operation: 'ListDomains' })).toMatchObject({
      code: 'AWS_REGION_UNSUPPORTED',
      message: 'Voice ID is not available in region xx-nowhere-9: voiceid.xx-nowhere-9.amazonaws.com does not resolve',
    });
  });

  test('missing credentials are reported without a stack trace in the message', () => {
    const e = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
    const g = classifyAwsError(e, { service: 'voiceid', operation: 'ListDomains' });
    expect(g).toMatchObject({ code: 'AWS_NO_CREDENTIALS', source: 'aws', message: 'no AWS credentials found for Voice ID ListDomains' });
  });

  test('missing credentials name the profile in use and how to check it', () => {
    const e = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
    const g = classifyAwsError(e, { service: 'voiceid', operation: 'ListDomains', profile: 'nosuch', rerun });
    expect(g).toMatchObject({ code: 'AWS_NO_CREDENTIALS', message: 'no AWS credentials found for Voice ID ListDomains with profile "nosuch"' });
    expect(g.hint).toContain('check that profile "nosuch" exists in ~/.aws/config or ~/.aws/credentials');
  });

  test('a tagging denial names the tag: permission', () => {
    const e = Object.assign(new Error('not authorized'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } });
    expect(classifyAwsError(e, { service: 'tag', operation: 'GetResources' }).message).toContain('missing permission tag:GetResources');
  });
});
