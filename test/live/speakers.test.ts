import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SeedResult } from '../../src/emulator/index.js';
import { readLiveStateWithStats } from '../../src/live/index.js';
import { readSpeakers } from '../../src/live/speakers.js';
import { desiredDomain, desiredState, owner, startFixture } from './emulator-fixture.js';
import type { Fixture } from './emulator-fixture.js';

let fx: Fixture;
let seed: SeedResult;

// 40 speakers s-00..s-39 listed 5 per page (the emulator's in-process page size): 8 pages.
beforeAll(async () => {
  fx = await startFixture({ pageSize: 5 });
  const statuses = ['ENROLLED', 'OPTED_OUT', 'EXPIRED', 'PENDING'] as const;
  seed = await fx.emulator.admin.seed({
    domains: [{
      name: 'calls',
      tags: owner('prod', 'calls'),
      speakers: Array.from({ length: 40 }, (_, i) => ({ customerSpeakerId: `s-${String(i).padStart(2, '0')}`, status: statuses[i % 4]! })),
    }],
  });
});
afterAll(async () => fx.close());

const want = (ids: string[]) => desiredState('prod', [desiredDomain('calls', { optedOutSpeakers: ids })]);
const expected = { 's-03': 'PENDING', 's-17': 'OPTED_OUT', 's-38': 'EXPIRED' };
const spread = ['s-03', 's-17', 's-38', 'zz-absent'];

describe('speaker read strategies against the emulator', () => {
  for (const strategy of ['describe', 'list', 'both'] as const) {
    test(`${strategy} resolves present ids to their status and leaves absent ids out`, async () => {
      const read = await readLiveStateWithStats(fx.aws, want(spread), { region: 'us-east-1', discovery: 'tagging', speakerStrategy: strategy });
      expect(read.live.domains[0]!.details!.speakers).toEqual(expected);
      expect(read.stats.speakerStrategies).toEqual({ [seed.domainIds[0]!]: strategy });
    });
  }

  test('auto picks describe for a few ids', async () => {
    const read = await readLiveStateWithStats(fx.aws, want(spread), { region: 'us-east-1', discovery: 'tagging' });
    expect(read.stats.speakerStrategies[seed.domainIds[0]!]).toBe('describe');
    expect(read.live.domains[0]!.details!.speakers).toEqual(expected);
  });

  test('list stops at the page where the last desired id appears', async () => {
    const read = await readLiveStateWithStats(fx.aws, want(['s-01', 's-06']), { region: 'us-east-1', discovery: 'tagging', speakerStrategy: 'list' });
    expect(read.live.domains[0]!.details!.speakers).toEqual({ 's-01': 'OPTED_OUT', 's-06': 'EXPIRED' });
    expect(read.stats.calls.ListSpeakers?.calls).toBe(2);
  });

  test('list reads every page when a desired id is absent', async () => {
    const read = await readLiveStateWithStats(fx.aws, want(['s-01', 'zz-absent']), { region: 'us-east-1', discovery: 'tagging', speakerStrategy: 'list' });
    expect(read.live.domains[0]!.details!.speakers).toEqual({ 's-01': 'OPTED_OUT' });
    expect(read.stats.calls.ListSpeakers?.calls).toBe(8);
  });

  test('both stops listing once describes from the back have resolved the rest', async () => {
    const read = await readLiveStateWithStats(fx.aws, want(['s-00', 'zz-absent']), { region: 'us-east-1', discovery: 'tagging', speakerStrategy: 'both', describeWorkers: 1 });
    expect(read.live.domains[0]!.details!.speakers).toEqual({ 's-00': 'ENROLLED' });
    expect(read.stats.calls.ListSpeakers?.calls).toBeLessThan(8);
  });
});

describe('both, as the cost model chose it: the describes wait until the listing shows they pay', () => {
  // The model's rates (not the pacer's: the fixture does not pace): 5 pages a second, so a warm-up of 5 pages.
  const cost = { describeTps: 0.5, listTps: 5, pageSize: 5 };
  const read = async (ids: string[]) => {
    fx.emulator.admin.resetCallCounts();
    const speakers = await readSpeakers(fx.aws.voiceId, seed.domainIds[0]!, ids, { strategy: 'both', describeWorkers: 2, cost });
    return { speakers, counts: fx.emulator.admin.callCounts() };
  };

  test('ids spread over a small domain: the listing alone, no DescribeSpeaker', async () => {
    // Every other speaker: after 5 pages 13 of the 20 ids were seen, about 39 speakers, 7 ids in the last 14;
    // listing those 3 pages is the cheapest, and so at every later page.
    const ids = Array.from({ length: 20 }, (_, i) => `s-${String(2 * i).padStart(2, '0')}`);
    const r = await read(ids);
    expect(Object.keys(r.speakers)).toEqual(ids);
    expect([r.counts.ListSpeakers, r.counts.DescribeSpeaker ?? 0]).toEqual([8, 0]);
  });

  test('ids no page shows (absent live): describes join after the warm-up and the listing stops early', async () => {
    // After 5 pages 1 of 4 ids was seen: about 100 speakers, 75 not listed, 3 ids unresolved: describing pays.
    const r = await read(['s-01', 'zz-a', 'zz-b', 'zz-c']);
    expect(r.speakers).toEqual({ 's-01': 'OPTED_OUT' });
    expect(r.counts.DescribeSpeaker).toBeGreaterThanOrEqual(1);
    expect(r.counts.ListSpeakers).toBeGreaterThanOrEqual(5);
  });
});

describe('reads under injected faults', () => {
  test('a read under 30% throttling and 5% server errors equals the fault-free read', async () => {
    const desired = desiredState('prod', [desiredDomain('calls', { optedOutSpeakers: ['s-00', 's-13', 's-26', 's-39', 'zz-absent'] })]);
    for (const discovery of ['tagging', 'list'] as const) {
      for (const speakerStrategy of ['describe', 'list', 'both'] as const) {
        fx.emulator.admin.setFaults({});
        const clean = await readLiveStateWithStats(fx.aws, desired, { region: 'us-east-1', discovery, speakerStrategy });
        fx.emulator.admin.setFaults({ seed: 7, throttleRate: 0.3, errorRate: 0.05 });
        const faulty = await readLiveStateWithStats(fx.aws, desired, { region: 'us-east-1', discovery, speakerStrategy });
        fx.emulator.admin.setFaults({});
        expect(faulty.live).toEqual(clean.live);
        const totals = Object.values(faulty.stats.calls).reduce((a, s) => ({ throttles: a.throttles + s.throttles, retries: a.retries + s.retries, failures: a.failures + s.failures }), { throttles: 0, retries: 0, failures: 0 });
        expect(totals.throttles).toBeGreaterThan(0);
        expect(totals.retries).toBeGreaterThan(totals.throttles);
        expect(totals.failures).toBe(0);
      }
    }
  });

  test('a read survives dropped sockets, including after the answer was computed', async () => {
    const desired = desiredState('prod', [desiredDomain('calls', { optedOutSpeakers: ['s-05', 's-30'] })]);
    const clean = await readLiveStateWithStats(fx.aws, desired, { region: 'us-east-1', discovery: 'list', speakerStrategy: 'both' });
    fx.emulator.admin.setFaults({ seed: 11, dropRate: 0.15, dropAfterActionRate: 0.1 });
    const faulty = await readLiveStateWithStats(fx.aws, desired, { region: 'us-east-1', discovery: 'list', speakerStrategy: 'both' });
    fx.emulator.admin.setFaults({});
    expect(faulty.live).toEqual(clean.live);
    expect(Object.values(faulty.stats.calls).some((s) => s.retries > 0)).toBe(true);
  });
});
