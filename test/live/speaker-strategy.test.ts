import { describe, expect, test } from 'vitest';
import { chooseSpeakerStrategy, describesPay, estimateLiveSpeakers, estimateSpeakerReads, warmUpPages } from '../../src/live/speaker-strategy.js';

const quotas = { describeTps: 10, listTps: 5, pageSize: 100 };

describe('speaker read cost model', () => {
  test('reads nothing when no id is desired', () => {
    expect(chooseSpeakerStrategy({ ...quotas, desiredIds: 0, liveSpeakers: 100_000 }).kind).toBe('none');
  });

  test('describes a handful of ids rather than listing a large domain', () => {
    expect(chooseSpeakerStrategy({ ...quotas, desiredIds: 5, liveSpeakers: 100_000 }).kind).toBe('describe');
  });

  test('lists a small domain when many ids are desired', () => {
    expect(chooseSpeakerStrategy({ ...quotas, desiredIds: 2_000, liveSpeakers: 3_000 }).kind).toBe('list');
  });

  test('lists and describes at once when that is more than 15% faster than either alone', () => {
    // 2,000 ids in 100,000 speakers: describe 200 s, list 200 s, both 100 s.
    expect(chooseSpeakerStrategy({ ...quotas, desiredIds: 2_000, liveSpeakers: 100_000 }).kind).toBe('both');
  });

  test('lists alone when describing beside it saves less than 15% for its calls', () => {
    // 20,000 ids in 100,000 speakers over 3 domains: list 600 s (3,000 pages), both 545 s with 1,800 more calls.
    const choice = chooseSpeakerStrategy({ ...quotas, desiredIds: 20_000, liveSpeakers: 100_000, concurrentDomains: 3 });
    expect(choice.estimates.both.seconds).toBeLessThan(choice.estimates.list.seconds);
    expect(choice.kind).toBe('list');
  });

  test('estimates describe as one call per id at the describe rate', () => {
    expect(estimateSpeakerReads({ ...quotas, desiredIds: 50, liveSpeakers: 1_000 }).describe).toEqual({ seconds: 5, calls: 50 });
  });

  test('estimates list as one page per 100 speakers at the list rate', () => {
    expect(estimateSpeakerReads({ ...quotas, desiredIds: 50, liveSpeakers: 100_000 }).list).toEqual({ seconds: 200, calls: 1_000 });
  });

  test('estimates both from the combined resolution rate', () => {
    // 20,000 ids over 100,000 speakers: 10 describes/s plus 5 pages/s x 100 x 20% = 110 ids/s.
    expect(estimateSpeakerReads({ ...quotas, desiredIds: 20_000, liveSpeakers: 100_000 }).both.seconds).toBeCloseTo(181.818, 2);
  });

  test('divides the account quotas among domains read at the same time', () => {
    expect(estimateSpeakerReads({ ...quotas, desiredIds: 30, liveSpeakers: 100, concurrentDomains: 3 }).describe.seconds).toBeCloseTo(9, 6);
  });
});

describe('re-deciding as the listing goes', () => {
  test('estimates a domain from the share of desired ids its first pages held', () => {
    // 5,000 listed held 3,000 of 6,000 ids: about 10,000 speakers.
    expect(estimateLiveSpeakers(5_000, 3_000, 6_000, 100_000)).toBe(10_000);
    expect(estimateLiveSpeakers(5_000, 0, 6_000, 100_000)).toBe(100_000);
    expect(estimateLiveSpeakers(5_000, 1, 6_000, 100_000)).toBe(100_000);
    expect(estimateLiveSpeakers(5_000, 6_000, 6_000, 100_000)).toBe(5_000);
  });

  test('warms up for one second of the domain\'s share of ListSpeakers', () => {
    expect(warmUpPages({ ...quotas, listTps: 50 })).toBe(50);
    expect(warmUpPages({ ...quotas, concurrentDomains: 3 })).toBe(2);
  });

  test('the big list at quotas x10 (6,000 ids in 20,000 speakers): listing alone once 5,000 speakers are seen', () => {
    const x10 = { describeTps: 100, listTps: 50, pageSize: 100 };
    // The prior (100,000 speakers) chose both: 15 s against 20 s listing.
    expect(chooseSpeakerStrategy({ ...x10, desiredIds: 6_000, liveSpeakers: 100_000 }).kind).toBe('both');
    expect(describesPay({ listed: 5_000, seen: 3_000, desired: 6_000, unresolved: 3_000, bound: 100_000 }, x10)).toBe(false);
    // No desired id seen in the first 5,000: the domain may be the largest allowed, and describing pays.
    expect(describesPay({ listed: 5_000, seen: 0, desired: 6_000, unresolved: 6_000, bound: 100_000 }, x10)).toBe(true);
  });
});
