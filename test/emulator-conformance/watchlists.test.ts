import { beforeEach, describe, expect, it } from 'vitest';
import {
  ConflictException,
  CreateWatchlistCommand,
  DeleteWatchlistCommand,
  DescribeDomainCommand,
  DescribeWatchlistCommand,
  ListWatchlistsCommand,
  UpdateWatchlistCommand,
  ValidationException,
} from '@aws-sdk/client-voice-id';
import { ID22, STATUS, createDomain, expectSdkError, harnessPerTest, expectNotFound, expectQuotaExceeded } from './harness.js';

const h = harnessPerTest();
let domainId: string;
beforeEach(async () => {
  domainId = await createDomain(h, 'watch-domain');
});

async function defaultWatchlistId(): Promise<string> {
  const d = await h.voiceId.send(new DescribeDomainCommand({ DomainId: domainId }));
  return d.Domain!.WatchlistDetails!.DefaultWatchlistId!;
}

describe('the default watchlist', () => {
  it('exists in a new domain and is marked DefaultWatchlist', async () => {
    const id = await defaultWatchlistId();
    const w = (await h.voiceId.send(new DescribeWatchlistCommand({ DomainId: domainId, WatchlistId: id }))).Watchlist!;
    expect(w.WatchlistId).toBe(id);
    expect(w.DomainId).toBe(domainId);
    expect(w.DefaultWatchlist).toBe(true);
    expect(w.CreatedAt?.toISOString()).toBe('2026-11-21T10:00:00.000Z');
  });

  it('is the only watchlist listed in a new domain', async () => {
    const id = await defaultWatchlistId();
    const list = await h.voiceId.send(new ListWatchlistsCommand({ DomainId: domainId }));
    expect(list.WatchlistSummaries?.map((w) => [w.WatchlistId, w.DefaultWatchlist])).toEqual([[id, true]]);
  });

  it('cannot be updated', async () => {
    const id = await defaultWatchlistId();
    await expectSdkError(
      h.voiceId.send(new UpdateWatchlistCommand({ DomainId: domainId, WatchlistId: id, Name: 'renamed' })),
      ValidationException,
      { name: 'ValidationException', status: STATUS.ValidationException },
    );
  });

  it('cannot be deleted', async () => {
    const id = await defaultWatchlistId();
    await expectSdkError(h.voiceId.send(new DeleteWatchlistCommand({ DomainId: domainId, WatchlistId: id })), ValidationException, {
      name: 'ValidationException',
      status: STATUS.ValidationException,
    });
    const list = await h.voiceId.send(new ListWatchlistsCommand({ DomainId: domainId }));
    expect(list.WatchlistSummaries).toHaveLength(1);
  });
});

describe('custom watchlists', () => {
  it('creates a watchlist that is not the default one', async () => {
    const out = await h.voiceId.send(new CreateWatchlistCommand({ DomainId: domainId, Name: 'high-risk', Description: 'Known fraud rings' }));
    const w = out.Watchlist!;
    expect(w.WatchlistId).toMatch(ID22);
    expect(w).toMatchObject({ DomainId: domainId, Name: 'high-risk', Description: 'Known fraud rings', DefaultWatchlist: false });
  });

  it('updates only the members given (UpdateWatchlist is not a clobber)', async () => {
    const w = (await h.voiceId.send(new CreateWatchlistCommand({ DomainId: domainId, Name: 'high-risk', Description: 'keep me' }))).Watchlist!;
    h.clock.advance(1000);
    const out = await h.voiceId.send(new UpdateWatchlistCommand({ DomainId: domainId, WatchlistId: w.WatchlistId, Name: 'higher-risk' }));
    expect(out.Watchlist).toMatchObject({ Name: 'higher-risk', Description: 'keep me' });
    expect(out.Watchlist?.UpdatedAt?.toISOString()).toBe('2026-11-21T10:00:01.000Z');
  });

  it('deletes an empty custom watchlist, after which describing it is ResourceNotFound WATCHLIST', async () => {
    const w = (await h.voiceId.send(new CreateWatchlistCommand({ DomainId: domainId, Name: 'temp' }))).Watchlist!;
    await h.voiceId.send(new DeleteWatchlistCommand({ DomainId: domainId, WatchlistId: w.WatchlistId }));
    await expectNotFound(h.voiceId.send(new DescribeWatchlistCommand({ DomainId: domainId, WatchlistId: w.WatchlistId })), 'WATCHLIST');
  });

  it('refuses a fourth watchlist (3 per domain including the default) with ServiceQuotaExceededException', async () => {
    await h.voiceId.send(new CreateWatchlistCommand({ DomainId: domainId, Name: 'one' }));
    await h.voiceId.send(new CreateWatchlistCommand({ DomainId: domainId, Name: 'two' }));
    await expectQuotaExceeded(h.voiceId.send(new CreateWatchlistCommand({ DomainId: domainId, Name: 'three' })));
  });

  it('frees a watchlist slot when a custom watchlist is deleted', async () => {
    await h.voiceId.send(new CreateWatchlistCommand({ DomainId: domainId, Name: 'one' }));
    const two = (await h.voiceId.send(new CreateWatchlistCommand({ DomainId: domainId, Name: 'two' }))).Watchlist!;
    await h.voiceId.send(new DeleteWatchlistCommand({ DomainId: domainId, WatchlistId: two.WatchlistId }));
    const again = await h.voiceId.send(new CreateWatchlistCommand({ DomainId: domainId, Name: 'three' }));
    expect(again.Watchlist?.Name).toBe('three');
  });

  it('allows two watchlists with the same name', async () => {
    const a = (await h.voiceId.send(new CreateWatchlistCommand({ DomainId: domainId, Name: 'same' }))).Watchlist!;
    const b = (await h.voiceId.send(new CreateWatchlistCommand({ DomainId: domainId, Name: 'same' }))).Watchlist!;
    expect(a.WatchlistId).not.toBe(b.WatchlistId);
  });

  it('refuses to delete a watchlist that holds a fraudster with ConflictException CANNOT_DELETE_NON_EMPTY_WATCHLIST', async () => {
    const seeded = await h.emulator.admin.seed({
      domains: [{ name: 'seeded', watchlists: [{ name: 'ring' }], fraudsters: [{ watchlists: ['ring'] }] }],
    });
    const sid = seeded.domainIds[0]!;
    const ring = seeded.watchlistIds[0]!['ring']!;
    await expectSdkError(h.voiceId.send(new DeleteWatchlistCommand({ DomainId: sid, WatchlistId: ring })), ConflictException, {
      name: 'ConflictException',
      status: STATUS.ConflictException,
      conflictType: 'CANNOT_DELETE_NON_EMPTY_WATCHLIST',
    });
  });

  it('answers an unknown watchlist id with ResourceNotFoundException WATCHLIST', async () => {
    await expectNotFound(h.voiceId.send(new DescribeWatchlistCommand({ DomainId: domainId, WatchlistId: 'W'.repeat(22) })), 'WATCHLIST');
  });
});
