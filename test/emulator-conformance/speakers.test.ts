/** Speakers (voice-id-constraints.md §6 S12-S13): OptOutSpeaker is an upsert; ids by customer or generated id. */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  DeleteSpeakerCommand,
  DescribeSpeakerCommand,
  ListSpeakersCommand,
  OptOutSpeakerCommand,
  paginateListSpeakers,
} from '@aws-sdk/client-voice-id';
import { GENERATED_ID, harnessPerTest, expectNotFound, expectQuotaExceeded } from './harness.js';

const h = harnessPerTest({ maxSpeakersPerDomain: 3 });
let domainId: string;
let enrolledGeneratedId: string;

beforeEach(async () => {
  const s = await h.emulator.admin.seed({
    domains: [{ name: 'speakers', speakers: [{ customerSpeakerId: 'customer-0001', status: 'ENROLLED' }] }],
  });
  domainId = s.domainIds[0]!;
  enrolledGeneratedId = s.speakerIds[0]![0]!;
});

describe('OptOutSpeaker', () => {
  it('creates an unknown speaker in status OPTED_OUT with a generated id', async () => {
    const out = await h.voiceId.send(new OptOutSpeakerCommand({ DomainId: domainId, SpeakerId: 'customer-0002' }));
    expect(out.Speaker).toMatchObject({ DomainId: domainId, CustomerSpeakerId: 'customer-0002', Status: 'OPTED_OUT' });
    expect(out.Speaker?.GeneratedSpeakerId).toMatch(GENERATED_ID);
    expect(out.Speaker?.CreatedAt?.toISOString()).toBe('2026-11-21T10:00:00.000Z');
  });

  it('overrides the status of an existing ENROLLED speaker and keeps its generated id', async () => {
    const out = await h.voiceId.send(new OptOutSpeakerCommand({ DomainId: domainId, SpeakerId: 'customer-0001' }));
    expect(out.Speaker?.Status).toBe('OPTED_OUT');
    expect(out.Speaker?.GeneratedSpeakerId).toBe(enrolledGeneratedId);
  });

  it('moves UpdatedAt to the clock and keeps CreatedAt when it overrides an existing speaker', async () => {
    h.clock.advance(3_600_000);
    const out = await h.voiceId.send(new OptOutSpeakerCommand({ DomainId: domainId, SpeakerId: 'customer-0001' }));
    expect(out.Speaker?.CreatedAt?.toISOString()).toBe('2026-11-21T10:00:00.000Z');
    expect(out.Speaker?.UpdatedAt?.toISOString()).toBe('2026-11-21T11:00:00.000Z');
  });

  it('cannot create a speaker from an unknown generated id (ResourceNotFoundException SPEAKER)', async () => {
    await expectNotFound(h.voiceId.send(new OptOutSpeakerCommand({ DomainId: domainId, SpeakerId: `id#${'s'.repeat(22)}` })), 'SPEAKER');
  });

  it('opts out a speaker named by its generated id', async () => {
    const out = await h.voiceId.send(new OptOutSpeakerCommand({ DomainId: domainId, SpeakerId: enrolledGeneratedId }));
    expect(out.Speaker).toMatchObject({ CustomerSpeakerId: 'customer-0001', Status: 'OPTED_OUT' });
  });

  it('is idempotent in effect: a second opt-out leaves one speaker', async () => {
    await h.voiceId.send(new OptOutSpeakerCommand({ DomainId: domainId, SpeakerId: 'customer-0002' }));
    await h.voiceId.send(new OptOutSpeakerCommand({ DomainId: domainId, SpeakerId: 'customer-0002' }));
    const list = await h.voiceId.send(new ListSpeakersCommand({ DomainId: domainId }));
    expect(list.SpeakerSummaries?.map((s) => s.CustomerSpeakerId)).toEqual(['customer-0001', 'customer-0002']);
  });

  it('refuses to create a speaker beyond the configured speaker quota with ServiceQuotaExceededException', async () => {
    await h.voiceId.send(new OptOutSpeakerCommand({ DomainId: domainId, SpeakerId: 'customer-0002' }));
    await h.voiceId.send(new OptOutSpeakerCommand({ DomainId: domainId, SpeakerId: 'customer-0003' }));
    await expectQuotaExceeded(h.voiceId.send(new OptOutSpeakerCommand({ DomainId: domainId, SpeakerId: 'customer-0004' })));
  });

  it('frees a speaker slot when a speaker is deleted', async () => {
    await h.voiceId.send(new OptOutSpeakerCommand({ DomainId: domainId, SpeakerId: 'customer-0002' }));
    await h.voiceId.send(new OptOutSpeakerCommand({ DomainId: domainId, SpeakerId: 'customer-0003' }));
    await h.voiceId.send(new DeleteSpeakerCommand({ DomainId: domainId, SpeakerId: 'customer-0002' }));
    const out = await h.voiceId.send(new OptOutSpeakerCommand({ DomainId: domainId, SpeakerId: 'customer-0004' }));
    expect(out.Speaker?.Status).toBe('OPTED_OUT');
  });

  it('still opts out an existing speaker when the speaker quota is full', async () => {
    await h.voiceId.send(new OptOutSpeakerCommand({ DomainId: domainId, SpeakerId: 'customer-0002' }));
    await h.voiceId.send(new OptOutSpeakerCommand({ DomainId: domainId, SpeakerId: 'customer-0003' }));
    const out = await h.voiceId.send(new OptOutSpeakerCommand({ DomainId: domainId, SpeakerId: 'customer-0001' }));
    expect(out.Speaker?.Status).toBe('OPTED_OUT');
  });
});

describe('DescribeSpeaker and DeleteSpeaker', () => {
  it('describes a speaker by its customer id', async () => {
    const out = await h.voiceId.send(new DescribeSpeakerCommand({ DomainId: domainId, SpeakerId: 'customer-0001' }));
    expect(out.Speaker).toMatchObject({ CustomerSpeakerId: 'customer-0001', GeneratedSpeakerId: enrolledGeneratedId, Status: 'ENROLLED' });
  });

  it('describes a speaker by its generated id', async () => {
    const out = await h.voiceId.send(new DescribeSpeakerCommand({ DomainId: domainId, SpeakerId: enrolledGeneratedId }));
    expect(out.Speaker?.CustomerSpeakerId).toBe('customer-0001');
  });

  it('answers an unknown speaker with ResourceNotFoundException SPEAKER', async () => {
    await expectNotFound(h.voiceId.send(new DescribeSpeakerCommand({ DomainId: domainId, SpeakerId: 'nobody' })), 'SPEAKER');
  });

  it('deletes a speaker, after which describing it is ResourceNotFound', async () => {
    await h.voiceId.send(new DeleteSpeakerCommand({ DomainId: domainId, SpeakerId: 'customer-0001' }));
    await expectNotFound(h.voiceId.send(new DescribeSpeakerCommand({ DomainId: domainId, SpeakerId: enrolledGeneratedId })), 'SPEAKER');
  });

  it('lets a deleted speaker be opted out again as a new speaker', async () => {
    await h.voiceId.send(new DeleteSpeakerCommand({ DomainId: domainId, SpeakerId: 'customer-0001' }));
    const out = await h.voiceId.send(new OptOutSpeakerCommand({ DomainId: domainId, SpeakerId: 'customer-0001' }));
    expect(out.Speaker?.Status).toBe('OPTED_OUT');
    expect(out.Speaker?.GeneratedSpeakerId).not.toBe(enrolledGeneratedId);
  });
});

describe('ListSpeakers over a bulk-seeded domain', () => {
  it('pages through 23 speakers in creation order with the paginator, each exactly once', async () => {
    const s = await h.emulator.admin.seed({ domains: [{ name: 'bulk', bulkSpeakers: { count: 23, prefix: 'cust-', status: 'ENROLLED' } }] });
    const ids: string[] = [];
    let pages = 0;
    for await (const page of paginateListSpeakers({ client: h.voiceId }, { DomainId: s.domainIds[0]! })) {
      pages += 1;
      for (const sp of page.SpeakerSummaries ?? []) ids.push(sp.CustomerSpeakerId!);
    }
    const expected = Array.from({ length: 23 }, (_, i) => `cust-${String(i).padStart(2, '0')}`);
    expect(ids).toEqual(expected);
    expect(pages).toBe(5);
  });
});
