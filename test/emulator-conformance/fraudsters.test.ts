/** Fraudsters (voice-id-constraints.md §6 S10-S11): created by registration jobs, live in ≥ 1 watchlist. */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  AssociateFraudsterCommand,
  DeleteFraudsterCommand,
  DeleteWatchlistCommand,
  DescribeFraudsterCommand,
  DisassociateFraudsterCommand,
  ListFraudstersCommand,
  ListWatchlistsCommand,
  StartFraudsterRegistrationJobCommand,
  ValidationException,
} from '@aws-sdk/client-voice-id';
import { GENERATED_ID, ROLE_ARN, STATUS, createDomain, expectSdkError, harnessPerTest, expectNotFound, expectQuotaExceeded } from './harness.js';

const h = harnessPerTest({ maxFraudstersPerWatchlist: 2 });
let domainId: string;
let ringId: string;
let otherId: string;
let fraudsterId: string;

beforeEach(async () => {
  const seeded = await h.emulator.admin.seed({
    domains: [
      {
        name: 'fraud-domain',
        watchlists: [{ name: 'ring' }, { name: 'other' }],
        fraudsters: [{ watchlists: ['ring'] }],
      },
    ],
  });
  domainId = seeded.domainIds[0]!;
  ringId = seeded.watchlistIds[0]!['ring']!;
  otherId = seeded.watchlistIds[0]!['other']!;
  fraudsterId = seeded.fraudsterIds[0]![0]!;
});

describe('DescribeFraudster and ListFraudsters', () => {
  it('describes a seeded fraudster with its generated id and its one watchlist', async () => {
    const f = (await h.voiceId.send(new DescribeFraudsterCommand({ DomainId: domainId, FraudsterId: fraudsterId }))).Fraudster!;
    expect(f.GeneratedFraudsterId).toBe(fraudsterId);
    expect(fraudsterId).toMatch(GENERATED_ID);
    expect(f.DomainId).toBe(domainId);
    expect(f.WatchlistIds).toEqual([ringId]);
    expect(f.CreatedAt).toBeInstanceOf(Date);
  });

  it('lists the fraudster in its watchlist and not in another one', async () => {
    const inRing = await h.voiceId.send(new ListFraudstersCommand({ DomainId: domainId, WatchlistId: ringId }));
    const inOther = await h.voiceId.send(new ListFraudstersCommand({ DomainId: domainId, WatchlistId: otherId }));
    expect(inRing.FraudsterSummaries?.map((f) => f.GeneratedFraudsterId)).toEqual([fraudsterId]);
    expect(inOther.FraudsterSummaries).toEqual([]);
  });

  it('lists every fraudster of the domain when no watchlist is given', async () => {
    const all = await h.voiceId.send(new ListFraudstersCommand({ DomainId: domainId }));
    expect(all.FraudsterSummaries?.map((f) => f.GeneratedFraudsterId)).toEqual([fraudsterId]);
  });

  it('answers ListFraudsters for an unknown watchlist with ResourceNotFoundException WATCHLIST', async () => {
    await expectNotFound(h.voiceId.send(new ListFraudstersCommand({ DomainId: domainId, WatchlistId: 'Y'.repeat(22) })), 'WATCHLIST');
  });

  it('answers an unknown fraudster with ResourceNotFoundException FRAUDSTER', async () => {
    await expectNotFound(h.voiceId.send(new DescribeFraudsterCommand({ DomainId: domainId, FraudsterId: `id#${'f'.repeat(22)}` })), 'FRAUDSTER');
  });
});

describe('AssociateFraudster and DisassociateFraudster', () => {
  it('adds a second watchlist to a fraudster', async () => {
    const out = await h.voiceId.send(new AssociateFraudsterCommand({ DomainId: domainId, WatchlistId: otherId, FraudsterId: fraudsterId }));
    expect([...(out.Fraudster?.WatchlistIds ?? [])].sort()).toEqual([ringId, otherId].sort());
  });

  it('removes a watchlist from a fraudster that has two', async () => {
    await h.voiceId.send(new AssociateFraudsterCommand({ DomainId: domainId, WatchlistId: otherId, FraudsterId: fraudsterId }));
    const out = await h.voiceId.send(new DisassociateFraudsterCommand({ DomainId: domainId, WatchlistId: ringId, FraudsterId: fraudsterId }));
    expect(out.Fraudster?.WatchlistIds).toEqual([otherId]);
  });

  it('answers a disassociation from a watchlist the fraudster is not in with ResourceNotFoundException FRAUDSTER', async () => {
    await h.voiceId.send(new AssociateFraudsterCommand({ DomainId: domainId, WatchlistId: otherId, FraudsterId: fraudsterId }));
    const defaultList = (await h.voiceId.send(new ListWatchlistsCommand({ DomainId: domainId }))).WatchlistSummaries!.find((w) => w.DefaultWatchlist)!;
    await expectNotFound(h.voiceId.send(new DisassociateFraudsterCommand({ DomainId: domainId, WatchlistId: defaultList.WatchlistId, FraudsterId: fraudsterId })), 'FRAUDSTER');
  });

  it('treats associating a fraudster with a watchlist it is already in as a no-op', async () => {
    const out = await h.voiceId.send(new AssociateFraudsterCommand({ DomainId: domainId, WatchlistId: ringId, FraudsterId: fraudsterId }));
    expect(out.Fraudster?.WatchlistIds).toEqual([ringId]);
  });

  it('refuses to remove a fraudster from its only watchlist with ValidationException', async () => {
    await expectSdkError(
      h.voiceId.send(new DisassociateFraudsterCommand({ DomainId: domainId, WatchlistId: ringId, FraudsterId: fraudsterId })),
      ValidationException,
      { name: 'ValidationException', status: STATUS.ValidationException },
    );
  });

  it('answers an association with an unknown watchlist with ResourceNotFoundException WATCHLIST', async () => {
    await expectNotFound(h.voiceId.send(new AssociateFraudsterCommand({ DomainId: domainId, WatchlistId: 'Z'.repeat(22), FraudsterId: fraudsterId })), 'WATCHLIST');
  });
});

describe('DeleteFraudster', () => {
  it('deletes the fraudster, after which DescribeFraudster is ResourceNotFound', async () => {
    await h.voiceId.send(new DeleteFraudsterCommand({ DomainId: domainId, FraudsterId: fraudsterId }));
    await expectNotFound(h.voiceId.send(new DescribeFraudsterCommand({ DomainId: domainId, FraudsterId: fraudsterId })), 'FRAUDSTER');
  });

  it('empties its watchlists so the watchlist can then be deleted', async () => {
    await h.voiceId.send(new DeleteFraudsterCommand({ DomainId: domainId, FraudsterId: fraudsterId }));
    await h.voiceId.send(new DeleteWatchlistCommand({ DomainId: domainId, WatchlistId: ringId }));
    const list = await h.voiceId.send(new ListFraudstersCommand({ DomainId: domainId }));
    expect(list.FraudsterSummaries).toEqual([]);
  });
});

describe('fraudsters from a registration job', () => {
  it('creates one fraudster in the job watchlist once the job has completed on the clock', async () => {
    const id = await createDomain(h, 'job-fraud');
    const job = await h.voiceId.send(
      new StartFraudsterRegistrationJobCommand({
        DomainId: id,
        DataAccessRoleArn: ROLE_ARN,
        InputDataConfig: { S3Uri: 's3://bucket/fraud/manifest.json' },
        OutputDataConfig: { S3Uri: 's3://bucket/fraud/out/' },
      }),
    );
    expect(job.Job?.JobStatus).toBe('SUBMITTED');
    h.clock.advance(2_000);
    const list = await h.voiceId.send(new ListFraudstersCommand({ DomainId: id }));
    expect(list.FraudsterSummaries).toHaveLength(1);
    expect(list.FraudsterSummaries![0]!.GeneratedFraudsterId).toMatch(GENERATED_ID);
  });
});

describe('fraudsters from a registration job into a custom watchlist', () => {
  it('puts the fraudster in the watchlist named by RegistrationConfig', async () => {
    await h.voiceId.send(
      new StartFraudsterRegistrationJobCommand({
        DomainId: domainId,
        DataAccessRoleArn: ROLE_ARN,
        InputDataConfig: { S3Uri: 's3://bucket/fraud/manifest.json' },
        OutputDataConfig: { S3Uri: 's3://bucket/fraud/out/' },
        RegistrationConfig: { WatchlistIds: [otherId] },
      }),
    );
    h.clock.advance(2_000);
    const inOther = await h.voiceId.send(new ListFraudstersCommand({ DomainId: domainId, WatchlistId: otherId }));
    expect(inOther.FraudsterSummaries).toHaveLength(1);
    expect(inOther.FraudsterSummaries![0]!.WatchlistIds).toEqual([otherId]);
  });
});

describe('fraudsters-per-watchlist quota', () => {
  it('refuses a third fraudster in a watchlist limited to 2 with ServiceQuotaExceededException', async () => {
    const s = await h.emulator.admin.seed({
      domains: [{ name: 'q', watchlists: [{ name: 'full' }], fraudsters: [{ watchlists: ['full'] }, { watchlists: ['full'] }, {}] }],
    });
    const qid = s.domainIds[0]!;
    const full = s.watchlistIds[0]!['full']!;
    const outsider = s.fraudsterIds[0]![2]!;
    await expectQuotaExceeded(h.voiceId.send(new AssociateFraudsterCommand({ DomainId: qid, WatchlistId: full, FraudsterId: outsider })));
  });
});
