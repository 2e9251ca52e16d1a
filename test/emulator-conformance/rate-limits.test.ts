/**
 * API rate limits (voice-id-facts.md §2.2; EMULATOR.md §7): token bucket per operation on the injected clock,
 * burst one second's worth. The raw client (maxAttempts 1) shows the throttle instead of retrying with sleeps.
 */
import { describe, expect, it } from 'vitest';
import {
  DescribeDomainCommand,
  DescribeSpeakerCommand,
  EvaluateSessionCommand,
  ListDomainsCommand,
  ListSpeakerEnrollmentJobsCommand,
  ListSpeakersCommand,
  ListTagsForResourceCommand,
  ThrottlingException,
} from '@aws-sdk/client-voice-id';
import { GetResourcesCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import { DescribeKeyCommand } from '@aws-sdk/client-kms';
import { STATUS, domainArn, expectSdkError, harnessStartedByEachTest } from './harness.js';

const h = harnessStartedByEachTest();

const throttled = { name: 'ThrottlingException', status: STATUS.ThrottlingException } as const;

async function seededDomain(): Promise<string> {
  const s = await h.emulator.admin.seed({ domains: [{ name: 'limited' }] });
  return s.domainIds[0]!;
}

/** At the documented 2 TPS (burst 2): a seeded domain described twice, so DescribeDomain's bucket is empty now. */
async function drainedDescribeDomain(): Promise<string> {
  await h.start({ quotaScale: 1 });
  const id = await seededDomain();
  await describeDomain(id);
  await describeDomain(id);
  return id;
}

function describeDomain(id: string) {
  return h.raw.send(new DescribeDomainCommand({ DomainId: id }));
}

describe('with quotaScale 1', () => {
  it('answers the third DescribeDomain in the same instant with ThrottlingException (2 TPS)', async () => {
    const id = await drainedDescribeDomain();
    const e = await expectSdkError(describeDomain(id), ThrottlingException, throttled);
    expect(e.$fault).toBe('client');
  });

  it('succeeds again after the clock advances by one second', async () => {
    const id = await drainedDescribeDomain();
    await expectSdkError(describeDomain(id), ThrottlingException, throttled);
    h.clock.advance(1_000);
    const out = await describeDomain(id);
    expect(out.Domain?.DomainId).toBe(id);
  });

  it('refills half a token in 250 ms at 2 TPS, so one call passes after 500 ms but not after 250 ms', async () => {
    const id = await drainedDescribeDomain();
    h.clock.advance(250);
    await expectSdkError(describeDomain(id), ThrottlingException, throttled);
    h.clock.advance(250);
    expect((await describeDomain(id)).Domain?.DomainId).toBe(id);
  });

  it('keeps one bucket per operation: a throttled DescribeDomain does not throttle ListDomains', async () => {
    const id = await drainedDescribeDomain();
    await expectSdkError(describeDomain(id), ThrottlingException, throttled);
    const list = await h.raw.send(new ListDomainsCommand({}));
    expect(list.DomainSummaries).toHaveLength(1);
  });

  it('counts throttled calls in the admin call counts', async () => {
    await h.start({ quotaScale: 1 });
    const id = await seededDomain();
    h.emulator.admin.resetCallCounts();
    for (let i = 0; i < 4; i += 1) await describeDomain(id).catch(() => undefined);
    const counts = h.emulator.admin.callCounts();
    expect(counts['DescribeDomain']).toBe(4);
    expect(counts['throttled']).toBe(2);
  });

  it('applies tpsOverrides: DescribeDomain at 1 TPS throttles the second call', async () => {
    await h.start({ quotaScale: 1, tpsOverrides: { DescribeDomain: 1 } });
    const id = await seededDomain();
    await describeDomain(id);
    await expectSdkError(describeDomain(id), ThrottlingException, throttled);
  });

  it('scales the limit: quotaScale 2 lets four DescribeDomain calls through and throttles the fifth', async () => {
    await h.start({ quotaScale: 2 });
    const id = await seededDomain();
    for (let i = 0; i < 4; i += 1) await describeDomain(id);
    await expectSdkError(describeDomain(id), ThrottlingException, throttled);
  });
});

describe('the documented per-operation rates at quotaScale 1', () => {
  type Call = (id: string) => Promise<unknown>;
  const cases: readonly [string, number, Call][] = [
    ['ListSpeakers', 5, (id) => h.raw.send(new ListSpeakersCommand({ DomainId: id }))],
    ['DescribeSpeaker', 10, (id) => h.raw.send(new DescribeSpeakerCommand({ DomainId: id, SpeakerId: 'customer-0001' }))],
    ['ListTagsForResource', 2, (id) => h.raw.send(new ListTagsForResourceCommand({ ResourceArn: domainArn(id) }))],
    ['ListSpeakerEnrollmentJobs', 2, (id) => h.raw.send(new ListSpeakerEnrollmentJobsCommand({ DomainId: id }))],
    ['EvaluateSession', 60, (id) => h.raw.send(new EvaluateSessionCommand({ DomainId: id, SessionNameOrId: 'contact-1' }))],
    ['GetResources', 5, () => h.tagging.send(new GetResourcesCommand({ ResourceTypeFilters: ['voiceid:domain'] }))],
    ['DescribeKey', 50, () => h.kms.send(new DescribeKeyCommand({ KeyId: 'alias/voiceid' }))],
  ];

  it.each(cases)('%s lets %i calls through in one instant and throttles the next', async (_op, tps, call) => {
    await h.start({ quotaScale: 1 });
    const s = await h.emulator.admin.seed({ domains: [{ name: 'rates', speakers: [{ customerSpeakerId: 'customer-0001' }] }] });
    const id = s.domainIds[0]!;
    const names: string[] = [];
    for (let i = 0; i <= tps; i += 1) names.push(await call(id).then(() => 'ok', (e: unknown) => (e as Error).name));
    expect(names.slice(0, tps).includes('ThrottlingException')).toBe(false);
    expect(names[tps]).toBe('ThrottlingException');
  });
});

describe('with quotaScale 0', () => {
  it('never throttles, even 40 calls in the same instant', async () => {
    await h.start({ quotaScale: 0 });
    const id = await seededDomain();
    const results = await Promise.all(Array.from({ length: 40 }, () => describeDomain(id)));
    expect(results.every((r) => r.Domain?.DomainId === id)).toBe(true);
    expect(h.emulator.admin.callCounts()['throttled'] ?? 0).toBe(0);
  });
});
