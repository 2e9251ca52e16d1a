/**
 * PLAN.md R15.5 through the real SDK clients against the emulator: the declared deletedFraudsters are read with
 * DescribeFraudster per id, or one ListFraudsters listing of the domain beyond 75 ids (the cost model), and both
 * give the same answer; erased speaker ids are read with the opt-out ids even when those are trusted.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SeedResult } from '../../src/emulator/index.js';
import { chooseFraudsterRead, readFraudsters } from '../../src/live/fraudsters.js';
import { readLiveState } from '../../src/live/index.js';
import { desiredDomain, desiredState, owner, startFixture } from './emulator-fixture.js';
import type { Fixture } from './emulator-fixture.js';

let fx: Fixture;
let seed: SeedResult;
const ABSENT = 'id#AAAAAAAAAAAAAAAAAAAAAA';

beforeAll(async () => {
  fx = await startFixture();
  seed = await fx.emulator.admin.seed({
    domains: [{
      name: 'support', tags: owner('prod', 'support'),
      speakers: [{ customerSpeakerId: 'cust-1', status: 'ENROLLED' }, { customerSpeakerId: 'cust-2', status: 'OPTED_OUT' }],
      fraudsters: [{}, {}, {}],
    }],
  });
});
afterAll(async () => fx.close());

describe('the cost model of the fraudster read', () => {
  test('describes up to 75 ids at the documented rates, lists the domain beyond, and shares the quota between domains', () => {
    expect(chooseFraudsterRead(0, 10, 2)).toBe('none');
    expect(chooseFraudsterRead(75, 10, 2)).toBe('describe');
    expect(chooseFraudsterRead(76, 10, 2)).toBe('list');
    // A raised DescribeFraudster quota moves the crossover; sharing the account between domains does not.
    expect(chooseFraudsterRead(76, 20, 2)).toBe('describe');
    expect(chooseFraudsterRead(76, 10, 2, 4)).toBe('list');
  });
});

describe('reading the declared deletedFraudsters', () => {
  test('DescribeFraudster per id and one listing find the same live ids, an absent id in neither', async () => {
    const domainId = seed.domainIds[0]!;
    const ids = [seed.fraudsterIds[0]![0]!, seed.fraudsterIds[0]![2]!, ABSENT].sort();
    fx.emulator.admin.resetCallCounts();
    const described = await readFraudsters(fx.aws.voiceId, domainId, ids, 'describe', 2);
    expect(fx.emulator.admin.callCounts()).toEqual({ DescribeFraudster: 3 });
    fx.emulator.admin.resetCallCounts();
    const listed = await readFraudsters(fx.aws.voiceId, domainId, ids, 'list', 2);
    expect(Object.keys(fx.emulator.admin.callCounts())).toEqual(['ListFraudsters']);
    expect(described).toEqual([seed.fraudsterIds[0]![0]!, seed.fraudsterIds[0]![2]!].sort());
    expect(listed).toEqual(described);
  });

  test('readLiveState records them as liveFraudsters, and the erased ids\' statuses beside the opt-outs', async () => {
    const d = desiredDomain('support', { deletedFraudsters: [seed.fraudsterIds[0]![1]!, ABSENT].sort(), erasedSpeakers: ['cust-1', 'cust-2', 'cust-3'] });
    const live = await readLiveState(fx.aws, desiredState('prod', [d]), { region: 'us-east-1' });
    const details = live.domains[0]!.details!;
    expect(details.liveFraudsters).toEqual([seed.fraudsterIds[0]![1]!]);
    expect(details.speakers).toEqual({ 'cust-1': 'ENROLLED', 'cust-2': 'OPTED_OUT' });
  });

  test('erased ids are read even when the opt-out ids are trusted (R15.5: trust covers opt-outs only)', async () => {
    const d = desiredDomain('support', { optedOutSpeakers: ['cust-2'], erasedSpeakers: ['cust-1'] });
    const evidence = { commit: 'abcdef123456', appliedAt: 1, fullCheckAt: 1 };
    fx.emulator.admin.resetCallCounts();
    const live = await readLiveState(fx.aws, desiredState('prod', [d]), {
      region: 'us-east-1', speakerStrategy: 'describe', trust: async () => ({ kind: 'trusted', trustedIds: ['cust-2'], evidence }),
    });
    expect(live.domains[0]!.details!.speakers).toEqual({ 'cust-1': 'ENROLLED' });
    expect(fx.emulator.admin.callCounts()['DescribeSpeaker']).toBe(1);
  });

  test('a domain that declares no deletedFraudsters gets no liveFraudsters and no fraudster call', async () => {
    fx.emulator.admin.resetCallCounts();
    const live = await readLiveState(fx.aws, desiredState('prod', [desiredDomain('support')]), { region: 'us-east-1' });
    expect(live.domains[0]!.details!.liveFraudsters).toBeUndefined();
    const counts = fx.emulator.admin.callCounts();
    expect([counts['DescribeFraudster'], counts['ListFraudsters']]).toEqual([undefined, undefined]);
  });
});
