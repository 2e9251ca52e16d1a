/**
 * Failures before any answer are told apart, each naming the endpoint: no DNS answer at all, a name that does not
 * resolve (a Region without Voice ID only when the Region is not one of Voice ID's), no route, nothing listening,
 * a timeout, a failed TLS handshake. Real SDK clients against real loopback sockets where the machine allows it;
 * DNS outcomes and unroutable networks, which a test machine cannot produce on demand, as Node's error objects.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { createAwsClients } from '../../src/aws/client-factory.js';
import { classifyAwsError } from '../../src/aws/errors.js';
import { rerunText, type RerunHint } from '../../src/model/command-line.js';

const ENV = { AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' };
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<number> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

async function listDomainsAt(endpointUrl: string, requestTimeoutMs?: number): Promise<{ code: string; message: string; hint?: string }> {
  const c = createAwsClients({ env: ENV, region: 'us-east-1', endpointUrl, ...(requestTimeoutMs ? { requestTimeoutMs } : {}), pacing: { sleep: async () => undefined, retry: { maxAttempts: 1 }, rerun } });
  try {
    return (await c.voiceId.listDomains({}).then(() => ({ code: 'none', message: 'answered' }), (e: unknown) => e)) as { code: string; message: string };
  } finally {
    c.destroy();
  }
}

/** Hints that are the run's command, changed, filled in as the CLI does for `voiceid-gitops plan estate --profile p`. */
const rerun = (h: RerunHint): string => rerunText(h, ['plan', 'estate', '--profile', 'p'], (o) => o === '--profile' || o === '--region');

const nodeError = (message: string, fields: Record<string, unknown>): Error => Object.assign(new Error(message), fields);

describe('network failures, told apart and naming the endpoint', () => {
  test('nothing listening: AWS_CONNECTION_REFUSED at the endpoint, with how to start the emulator', async () => {
    const port = await listen(() => undefined);
    await new Promise((r) => servers.pop()!.close(r));
    const err = await listDomainsAt(`http://127.0.0.1:${port}`);
    expect(err).toMatchObject({ code: 'AWS_CONNECTION_REFUSED', message: `Voice ID ListDomains failed: http://127.0.0.1:${port} refused the connection (ECONNREFUSED)` });
    expect(err.hint).toContain('voiceid-gitops emulator');
  });

  test('a server that never answers: AWS_TIMEOUT at the endpoint', async () => {
    const port = await listen(() => undefined);
    const err = await listDomainsAt(`http://127.0.0.1:${port}`, 200);
    expect(err).toMatchObject({ code: 'AWS_TIMEOUT', message: expect.stringContaining(`http://127.0.0.1:${port} did not answer in time`) });
  });

  test('https:// to a server that does not speak TLS: AWS_TLS at the endpoint', async () => {
    const port = await listen((_req, res) => res.end('{}'));
    const err = await listDomainsAt(`https://127.0.0.1:${port}`);
    expect(err).toMatchObject({ code: 'AWS_TLS', message: expect.stringContaining(`the TLS handshake with https://127.0.0.1:${port} failed`) });
    expect(err.hint).toContain('NODE_EXTRA_CA_CERTS');
  });

  test('no DNS answer at all (offline) in a Region of Voice ID: AWS_DNS naming the host, not "Region unsupported"', () => {
    const offline = nodeError('getaddrinfo EAI_AGAIN voiceid.us-east-1.amazonaws.com', { code: 'EAI_AGAIN', syscall: 'getaddrinfo', hostname: 'voiceid.us-east-1.amazonaws.com' });
    const g = classifyAwsError(offline, { service: 'voiceid', operation: 'ListDomains', rerun, region: 'us-east-1', endpoint: 'https://voiceid.us-east-1.amazonaws.com' });
    expect(g).toMatchObject({ code: 'AWS_DNS', message: 'Voice ID ListDomains failed: no DNS answer for voiceid.us-east-1.amazonaws.com (EAI_AGAIN): this machine cannot reach a DNS server' });
    expect(g.hint).not.toContain('Voice ID was offered');
    expect(g.hint).toContain('run against the embedded emulator: `voiceid-gitops plan estate --local`');
  });

  test('a name that does not resolve in a Region of Voice ID: AWS_DNS, not "Region unsupported"', () => {
    const nx = nodeError('getaddrinfo ENOTFOUND voiceid.eu-west-2.amazonaws.com', { code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname: 'voiceid.eu-west-2.amazonaws.com' });
    expect(classifyAwsError(nx, { service: 'voiceid', operation: 'ListDomains', region: 'eu-west-2' })).toMatchObject({
      code: 'AWS_DNS',
      message: 'Voice ID ListDomains failed: voiceid.eu-west-2.amazonaws.com does not resolve (ENOTFOUND)',
    });
  });

  test('a Region that is not one of Voice ID\'s: AWS_REGION_UNSUPPORTED, whatever the lookup said', () => {
    const nx = nodeError('getaddrinfo EAI_AGAIN voiceid.sa-east-1.amazonaws.com', { code: 'EAI_AGAIN', hostname: 'voiceid.sa-east-1.amazonaws.com' });
    const g = classifyAwsError(nx, { service: 'voiceid', operation: 'ListDomains', rerun, region: 'sa-east-1' });
    expect(g).toMatchObject({ code: 'AWS_REGION_UNSUPPORTED', message: 'Voice ID is not available in region sa-east-1: voiceid.sa-east-1.amazonaws.com does not resolve' });
    expect(g.hint).toContain('pass one: `voiceid-gitops plan estate --profile p --region us-east-1`');
  });

  test('no route to the host: AWS_NO_ROUTE naming the endpoint', () => {
    const unreachable = nodeError('connect ENETUNREACH 10.255.255.1:443', { code: 'ENETUNREACH', syscall: 'connect', address: '10.255.255.1', port: 443 });
    expect(classifyAwsError(unreachable, { service: 'kms', operation: 'DescribeKey', endpoint: 'https://kms.us-east-1.amazonaws.com' })).toMatchObject({
      code: 'AWS_NO_ROUTE',
      message: 'KMS DescribeKey failed: no route to https://kms.us-east-1.amazonaws.com (ENETUNREACH)',
    });
    expect(classifyAwsError(unreachable, { service: 'kms', operation: 'DescribeKey' }).message).toContain('no route to 10.255.255.1:443');
  });

  test('the clients name the service endpoint of the Region when none is configured', async () => {
    const c = createAwsClients({ env: ENV, region: 'us-east-1', pacing: { sleep: async () => undefined, retry: { maxAttempts: 1 }, rerun } });
    try {
      // A TLS failure from the socket layer, as the SDK would surface it; the pacer adds the endpoint it called.
      const failing = nodeError('self-signed certificate in certificate chain', { code: 'SELF_SIGNED_CERT_IN_CHAIN' });
      const err = await c.pacer.call({ service: 'voiceid', operation: 'ListDomains' }, () => Promise.reject(failing)).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'AWS_TLS', message: expect.stringContaining('the TLS handshake with https://voiceid.us-east-1.amazonaws.com failed') });
    } finally {
      c.destroy();
    }
  });
});
