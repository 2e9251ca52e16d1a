/** Injected faults (EMULATOR.md §8): seeded and reproducible, seen by the real SDK as the service would show them. */
import { describe, expect, it } from 'vitest';
import {
  CreateDomainCommand,
  DescribeDomainCommand,
  InternalServerException,
  ListDomainsCommand,
  ThrottlingException,
  VoiceIDServiceException,
} from '@aws-sdk/client-voice-id';
import { DescribeKeyCommand } from '@aws-sdk/client-kms';
import { KEY_1, STATUS, expectSdkError, failure, startHarness, harnessStartedByEachTest } from './harness.js';
import type { FaultConfig } from '../../src/emulator/index.js';

const h = harnessStartedByEachTest();

async function seededDomain(): Promise<string> {
  return (await h.emulator.admin.seed({ domains: [{ name: 'faulty' }] })).domainIds[0]!;
}

/** One fixed call sequence; each outcome is 'ok' or the error name the SDK surfaced. */
async function outcomes(faults: FaultConfig): Promise<string[]> {
  const x = await startHarness();
  try {
    const id = (await x.emulator.admin.seed({ domains: [{ name: 'faulty' }] })).domainIds[0]!;
    x.emulator.admin.setFaults(faults);
    const out: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      const call = i % 2 === 0 ? x.raw.send(new DescribeDomainCommand({ DomainId: id })) : x.raw.send(new ListDomainsCommand({}));
      out.push(await call.then(() => 'ok', (e: unknown) => (e as Error).name));
    }
    return out;
  } finally {
    await x.close();
  }
}

describe('seeded faults', () => {
  it('yields the same outcome list for the same seed and the same call sequence', async () => {
    const faults = { seed: 42, throttleRate: 0.3, errorRate: 0.3 };
    const first = await outcomes(faults);
    const second = await outcomes(faults);
    expect(second).toEqual(first);
    expect(new Set(first)).toEqual(new Set(['ok', 'ThrottlingException', 'InternalServerException']));
  });
});

describe('fault kinds', () => {
  it('throttles every call with throttleRate 1 (429 ThrottlingException, Rate exceeded)', async () => {
    await h.start({ faults: { seed: 1, throttleRate: 1 } });
    const e = await expectSdkError(h.raw.send(new ListDomainsCommand({})), ThrottlingException, {
      name: 'ThrottlingException',
      status: STATUS.ThrottlingException,
    });
    expect(e.message).toBe('Rate exceeded');
  });

  it('answers 500 InternalServerException with errorRate 1, a server fault', async () => {
    await h.start({ faults: { seed: 1, errorRate: 1 } });
    const e = await expectSdkError(h.raw.send(new ListDomainsCommand({})), InternalServerException, {
      name: 'InternalServerException',
      status: STATUS.InternalServerException,
    });
    expect(e.$fault).toBe('server');
  });

  it('lets the SDK default client retry a 500 (three attempts in all, counted by the emulator)', async () => {
    await h.start({ faults: { seed: 1, errorRate: 1 } });
    await expectSdkError(h.voiceId.send(new ListDomainsCommand({})), InternalServerException, { name: 'InternalServerException' });
    expect(h.emulator.admin.callCounts()['ListDomains']).toBe(3);
  });

  it('shows a dropped socket as a network error, not a service exception, and applies nothing', async () => {
    await h.start({ faults: { seed: 1, dropRate: 1 } });
    const e = await failure(h.raw.send(new CreateDomainCommand({ Name: 'dropped', ServerSideEncryptionConfiguration: { KmsKeyId: KEY_1 } })));
    expect(e).toBeInstanceOf(Error);
    expect(e).not.toBeInstanceOf(VoiceIDServiceException);
    expect(`${(e as { code?: string }).code ?? ''} ${(e as Error).message}`).toMatch(/ECONNRESET|socket hang up/);
    expect(h.emulator.admin.snapshot().domains).toHaveLength(0);
  });

  it('applies the operation before dropping the socket with dropAfterActionRate 1; a token retry returns the same domain', async () => {
    await h.start({ faults: { seed: 1, dropAfterActionRate: 1 } });
    const input = { Name: 'applied', ClientToken: 'drop-after', ServerSideEncryptionConfiguration: { KmsKeyId: KEY_1 } };
    const e = await failure(h.raw.send(new CreateDomainCommand(input)));
    expect(e).not.toBeInstanceOf(VoiceIDServiceException);
    expect(h.emulator.admin.snapshot().domains).toHaveLength(1);
    h.emulator.admin.setFaults({});
    const retry = await h.raw.send(new CreateDomainCommand(input));
    const list = await h.raw.send(new ListDomainsCommand({}));
    expect(list.DomainSummaries?.map((d) => d.DomainId)).toEqual([retry.Domain?.DomainId]);
  });

  it('restricts faults to the listed operations', async () => {
    await h.start();
    const id = await seededDomain();
    h.emulator.admin.setFaults({ seed: 3, errorRate: 1, operations: ['DescribeDomain'] });
    const list = await h.raw.send(new ListDomainsCommand({}));
    expect(list.DomainSummaries).toHaveLength(1);
    await expectSdkError(h.raw.send(new DescribeDomainCommand({ DomainId: id })), InternalServerException, {
      name: 'InternalServerException',
      status: STATUS.InternalServerException,
    });
  });

  it('faults KMS DescribeKey calls too', async () => {
    await h.start({ faults: { seed: 1, throttleRate: 1 } });
    const e = await failure(h.kms.send(new DescribeKeyCommand({ KeyId: KEY_1 })));
    expect((e as Error).name).toBe('ThrottlingException');
  });

  it('never faults the admin API', async () => {
    await h.start({ faults: { seed: 1, errorRate: 1, dropRate: 1 } });
    const res = await fetch(`${h.emulator.endpoint}/_emulator/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('still answers correctly with latency injected, and counts each call once', async () => {
    await h.start();
    await seededDomain();
    h.emulator.admin.resetCallCounts();
    h.emulator.admin.setFaults({ seed: 9, latencyMs: { min: 1, max: 3 } });
    const pages = await Promise.all([1, 2, 3].map(() => h.raw.send(new ListDomainsCommand({}))));
    expect(pages.map((p) => p.DomainSummaries?.length)).toEqual([1, 1, 1]);
    expect(h.emulator.admin.callCounts()['ListDomains']).toBe(3);
  });
});
