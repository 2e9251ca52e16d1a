import { describe, expect, test } from 'vitest';
import { chooseSpeakerStrategy, estimateSpeakerReads } from '../../src/live/speaker-strategy.js';

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

  test('lists and describes at once when both are needed to go fastest', () => {
    expect(chooseSpeakerStrategy({ ...quotas, desiredIds: 20_000, liveSpeakers: 100_000, concurrentDomains: 3 }).kind).toBe('both');
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
