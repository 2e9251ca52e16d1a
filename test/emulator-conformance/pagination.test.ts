/** Pagination (voice-id-constraints.md §2): NextToken/MaxResults on the six List operations, SDK paginators. */
import { describe, expect, it } from 'vitest';
import {
  DeleteSpeakerCommand,
  ListDomainsCommand,
  ListFraudsterRegistrationJobsCommand,
  ListFraudstersCommand,
  ListSpeakerEnrollmentJobsCommand,
  ListSpeakersCommand,
  ListWatchlistsCommand,
  OptOutSpeakerCommand,
  ValidationException,
  paginateListDomains,
  paginateListFraudsterRegistrationJobs,
  paginateListFraudsters,
  paginateListSpeakerEnrollmentJobs,
  paginateListSpeakers,
  paginateListWatchlists,
} from '@aws-sdk/client-voice-id';
import { STATUS, expectSdkError, harnessStartedByEachTest } from './harness.js';

const h = harnessStartedByEachTest();

const NAMES = Array.from({ length: 12 }, (_, i) => `domain-${String(i).padStart(2, '0')}`);

async function seedDomains(): Promise<readonly string[]> {
  const s = await h.emulator.admin.seed({ domains: NAMES.map((name) => ({ name })) });
  return s.domainIds;
}

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const p of pages) out.push(p);
  return out;
}

describe('ListDomains pages', () => {
  it('returns the server page size (5 in-process) and a NextToken when MaxResults is absent', async () => {
    await h.start();
    await seedDomains();
    const first = await h.voiceId.send(new ListDomainsCommand({}));
    expect(first.DomainSummaries?.map((d) => d.Name)).toEqual(NAMES.slice(0, 5));
    expect(typeof first.NextToken).toBe('string');
  });

  it('returns MaxResults items when it is below the server page size', async () => {
    await h.start();
    await seedDomains();
    const first = await h.voiceId.send(new ListDomainsCommand({ MaxResults: 3 }));
    expect(first.DomainSummaries?.map((d) => d.Name)).toEqual(NAMES.slice(0, 3));
  });

  it('returns 10 items for MaxResults 10 when the server page size allows it', async () => {
    await h.start({ pageSize: 100 });
    await seedDomains();
    const first = await h.voiceId.send(new ListDomainsCommand({ MaxResults: 10 }));
    expect(first.DomainSummaries).toHaveLength(10);
  });

  it('never returns more than 10 domains per page (the ListDomains range is 1..10) even with a server page size of 100', async () => {
    await h.start({ pageSize: 100 });
    await seedDomains();
    const first = await h.voiceId.send(new ListDomainsCommand({}));
    expect(first.DomainSummaries).toHaveLength(10);
    expect(typeof first.NextToken).toBe('string');
  });

  it('follows NextToken round trips to the last page, which has no NextToken', async () => {
    await h.start();
    const ids = await seedDomains();
    const seen: string[] = [];
    let token: string | undefined;
    let calls = 0;
    do {
      const page = await h.voiceId.send(new ListDomainsCommand({ NextToken: token }));
      calls += 1;
      seen.push(...(page.DomainSummaries ?? []).map((d) => d.DomainId!));
      token = page.NextToken;
    } while (token !== undefined);
    expect(seen).toEqual(ids);
    expect(calls).toBe(3);
  });

  it('collects every domain exactly once with paginateListDomains', async () => {
    await h.start();
    const ids = await seedDomains();
    const pages = await collect(paginateListDomains({ client: h.voiceId, pageSize: 4 }, {}));
    expect(pages.map((p) => p.DomainSummaries?.length)).toEqual([4, 4, 4]);
    expect(pages.flatMap((p) => p.DomainSummaries ?? []).map((d) => d.DomainId)).toEqual(ids);
  });

  it('treats an empty NextToken as the first page', async () => {
    await h.start();
    await seedDomains();
    const first = await h.voiceId.send(new ListDomainsCommand({ NextToken: '' }));
    expect(first.DomainSummaries?.[0]?.Name).toBe('domain-00');
  });

  it('rejects a garbage NextToken with ValidationException', async () => {
    await h.start();
    await seedDomains();
    await expectSdkError(h.voiceId.send(new ListDomainsCommand({ NextToken: 'not-a-token' })), ValidationException, {
      name: 'ValidationException',
      status: STATUS.ValidationException,
    });
  });

  it('rejects a NextToken older than 24 hours with ValidationException (model doc: tokens expire after 24 hours)', async () => {
    await h.start();
    await seedDomains();
    const first = await h.voiceId.send(new ListDomainsCommand({}));
    h.clock.advance(24 * 3600_000 + 1);
    await expectSdkError(h.voiceId.send(new ListDomainsCommand({ NextToken: first.NextToken })), ValidationException, {
      name: 'ValidationException',
      status: STATUS.ValidationException,
    });
  });

  it('neither skips nor repeats items when an item is added between pages', async () => {
    await h.start();
    const ids = await seedDomains();
    const first = await h.voiceId.send(new ListDomainsCommand({}));
    const late = await h.emulator.admin.seed({ domains: [{ name: 'late' }] });
    const rest = await collect(paginateListDomains({ client: h.voiceId, startingToken: first.NextToken }, {}));
    const all = [...(first.DomainSummaries ?? []), ...rest.flatMap((p) => p.DomainSummaries ?? [])].map((d) => d.DomainId);
    expect(all).toEqual([...ids, late.domainIds[0]]);
  });
});

describe('ListSpeakers pages', () => {
  it('rejects a NextToken reused with a different DomainId with ValidationException', async () => {
    await h.start();
    const s = await h.emulator.admin.seed({
      domains: [{ name: 'a', bulkSpeakers: { count: 8, prefix: 'a-' } }, { name: 'b', bulkSpeakers: { count: 8, prefix: 'b-' } }],
    });
    const first = await h.voiceId.send(new ListSpeakersCommand({ DomainId: s.domainIds[0]! }));
    await expectSdkError(
      h.voiceId.send(new ListSpeakersCommand({ DomainId: s.domainIds[1]!, NextToken: first.NextToken })),
      ValidationException,
      { name: 'ValidationException', status: STATUS.ValidationException },
    );
  });

  it('continues after the last returned speaker was deleted, with no item skipped or repeated', async () => {
    await h.start();
    const s = await h.emulator.admin.seed({ domains: [{ name: 'del', bulkSpeakers: { count: 12, prefix: 'd' } }] });
    const id = s.domainIds[0]!;
    const first = await h.voiceId.send(new ListSpeakersCommand({ DomainId: id }));
    expect(first.SpeakerSummaries?.map((x) => x.CustomerSpeakerId)).toEqual(['d00', 'd01', 'd02', 'd03', 'd04']);
    await h.voiceId.send(new DeleteSpeakerCommand({ DomainId: id, SpeakerId: 'd04' }));
    const rest = await collect(paginateListSpeakers({ client: h.voiceId, startingToken: first.NextToken }, { DomainId: id }));
    expect(rest.flatMap((p) => p.SpeakerSummaries ?? []).map((x) => x.CustomerSpeakerId)).toEqual(['d05', 'd06', 'd07', 'd08', 'd09', 'd10', 'd11']);
  });

  it('rejects ListSpeakers MaxResults 101 and accepts 100', async () => {
    await h.start();
    const s = await h.emulator.admin.seed({ domains: [{ name: 'a', bulkSpeakers: { count: 3, prefix: 's' } }] });
    await expectSdkError(h.voiceId.send(new ListSpeakersCommand({ DomainId: s.domainIds[0]!, MaxResults: 101 })), ValidationException, {
      name: 'ValidationException',
      status: STATUS.ValidationException,
    });
    const ok = await h.voiceId.send(new ListSpeakersCommand({ DomainId: s.domainIds[0]!, MaxResults: 100 }));
    expect(ok.SpeakerSummaries?.map((x) => x.CustomerSpeakerId)).toEqual(['s0', 's1', 's2']);
  });

  it('collects 250 speakers exactly once with paginateListSpeakers at MaxResults 100 and a server page size of 100', async () => {
    await h.start({ pageSize: 100 });
    const s = await h.emulator.admin.seed({ domains: [{ name: 'big', bulkSpeakers: { count: 250, prefix: 'c' } }] });
    await h.voiceId.send(new OptOutSpeakerCommand({ DomainId: s.domainIds[0]!, SpeakerId: 'c000' }));
    const pages = await collect(paginateListSpeakers({ client: h.voiceId, pageSize: 100 }, { DomainId: s.domainIds[0]! }));
    expect(pages.map((p) => p.SpeakerSummaries?.length)).toEqual([100, 100, 50]);
    const ids = pages.flatMap((p) => p.SpeakerSummaries ?? []).map((x) => x.CustomerSpeakerId);
    expect(new Set(ids).size).toBe(250);
    expect(ids[0]).toBe('c000');
    expect(ids[249]).toBe('c249');
  });
});

describe('MaxResults ranges of the other List operations (1..100)', () => {
  it.each([
    ['ListWatchlists', (id: string, n: number) => h.voiceId.send(new ListWatchlistsCommand({ DomainId: id, MaxResults: n }))],
    ['ListFraudsters', (id: string, n: number) => h.voiceId.send(new ListFraudstersCommand({ DomainId: id, MaxResults: n }))],
    ['ListSpeakerEnrollmentJobs', (id: string, n: number) => h.voiceId.send(new ListSpeakerEnrollmentJobsCommand({ DomainId: id, MaxResults: n }))],
    ['ListFraudsterRegistrationJobs', (id: string, n: number) => h.voiceId.send(new ListFraudsterRegistrationJobsCommand({ DomainId: id, MaxResults: n }))],
  ] as const)('%s rejects MaxResults 101 and 0 and accepts 100', async (_op, list) => {
    await h.start();
    const id = (await h.emulator.admin.seed({ domains: [{ name: 'r' }] })).domainIds[0]!;
    for (const n of [101, 0]) {
      await expectSdkError(list(id, n), ValidationException, { name: 'ValidationException', status: STATUS.ValidationException });
    }
    const ok = await list(id, 100);
    expect(ok.$metadata.httpStatusCode).toBe(200);
  });
});

describe('job list tokens', () => {
  it('rejects a ListSpeakerEnrollmentJobs token reused with a different JobStatus filter', async () => {
    await h.start({ pageSize: 2 });
    const jobs = Array.from({ length: 4 }, (_, i) => ({ jobName: `j${i}`, status: 'COMPLETED' as const }));
    const s = await h.emulator.admin.seed({ domains: [{ name: 'j', enrollmentJobs: jobs }] });
    const first = await h.voiceId.send(new ListSpeakerEnrollmentJobsCommand({ DomainId: s.domainIds[0]!, JobStatus: 'COMPLETED' }));
    expect(first.JobSummaries).toHaveLength(2);
    await expectSdkError(
      h.voiceId.send(new ListSpeakerEnrollmentJobsCommand({ DomainId: s.domainIds[0]!, JobStatus: 'FAILED', NextToken: first.NextToken })),
      ValidationException,
      { name: 'ValidationException', status: STATUS.ValidationException },
    );
  });
});

describe('the other paginators', () => {
  it('paginateListWatchlists collects the default and two custom watchlists over pages of 2', async () => {
    await h.start({ pageSize: 2 });
    const s = await h.emulator.admin.seed({ domains: [{ name: 'w', watchlists: [{ name: 'one' }, { name: 'two' }] }] });
    const pages = await collect(paginateListWatchlists({ client: h.voiceId }, { DomainId: s.domainIds[0]! }));
    expect(pages.map((p) => p.WatchlistSummaries?.length)).toEqual([2, 1]);
    const ids = pages.flatMap((p) => p.WatchlistSummaries ?? []).map((w) => w.WatchlistId).sort();
    expect(ids).toEqual(Object.values(s.watchlistIds[0]!).sort());
  });

  it('paginateListFraudsters collects 7 seeded fraudsters exactly once', async () => {
    await h.start({ pageSize: 3 });
    const s = await h.emulator.admin.seed({ domains: [{ name: 'f', fraudsters: Array.from({ length: 7 }, () => ({})) }] });
    const pages = await collect(paginateListFraudsters({ client: h.voiceId }, { DomainId: s.domainIds[0]! }));
    expect(pages.map((p) => p.FraudsterSummaries?.length)).toEqual([3, 3, 1]);
    expect(pages.flatMap((p) => p.FraudsterSummaries ?? []).map((f) => f.GeneratedFraudsterId)).toEqual(s.fraudsterIds[0]);
  });

  it('paginateListSpeakerEnrollmentJobs and paginateListFraudsterRegistrationJobs collect seeded jobs in order', async () => {
    await h.start({ pageSize: 2 });
    const jobs = Array.from({ length: 5 }, (_, i) => ({ jobName: `job-${i}`, status: 'COMPLETED' as const }));
    const s = await h.emulator.admin.seed({ domains: [{ name: 'j', enrollmentJobs: jobs, registrationJobs: jobs }] });
    const e = await collect(paginateListSpeakerEnrollmentJobs({ client: h.voiceId }, { DomainId: s.domainIds[0]! }));
    const r = await collect(paginateListFraudsterRegistrationJobs({ client: h.voiceId }, { DomainId: s.domainIds[0]! }));
    expect(e.flatMap((p) => p.JobSummaries ?? []).map((j) => j.JobId)).toEqual(s.enrollmentJobIds[0]);
    expect(r.flatMap((p) => p.JobSummaries ?? []).map((j) => j.JobId)).toEqual(s.registrationJobIds[0]);
    expect(e).toHaveLength(3);
  });
});
