/**
 * Review findings (CONTRACT §4: SUSPENDED = absent, deterministic ClientTokens): re-creating what was deleted must
 * create it again, not replay the idempotent answer of the deleted resource's creation (the emulator remembers a
 * ClientToken for 24 h, as AWS does).
 */
import { afterEach, expect, test } from 'vitest';
import { applyPlan } from '../../src/apply/index.js';
import { applyDesired, planOf } from './harness.js';
import { desiredDomain, desiredState, startFixture } from '../live/emulator-fixture.js';
import type { Fixture } from '../live/emulator-fixture.js';

let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

test('a domain deleted outside the tool and declared again unchanged is created anew and apply converges', async () => {
  fx = await startFixture();
  const desired = desiredState('prod', [desiredDomain('a', { watchlists: [{ name: 'w' }] })]);
  const first = await applyDesired(fx.aws, desired);
  expect(first.result.ok).toBe(true);
  const oldId = first.result.outcomes.length > 0 ? (await fx.aws.voiceId.listDomains({})).DomainSummaries?.[0]?.DomainId : undefined;
  await fx.aws.voiceId.deleteDomain({ DomainId: oldId! });
  const second = await applyDesired(fx.aws, desired);
  expect(second.result.outcomes.map((o) => [o.address, o.status])).toEqual([
    ['domain.a', 'applied'],
    ['domain.a.watchlist.w', 'applied'],
    ['domain.a.applied-record', 'applied'],
  ]);
  expect(second.replan.changes).toEqual([]);
});

test('a deleted domain declared again is created anew also when the tagging API still finds other domains of the stack', async () => {
  fx = await startFixture();
  const desired = desiredState('prod', [desiredDomain('a'), desiredDomain('b')]);
  const first = await applyDesired(fx.aws, desired);
  const created = first.plan.changes.find((c) => c.address === 'domain.a');
  expect(created?.action).toBe('create');
  const a = (await fx.aws.voiceId.listDomains({})).DomainSummaries?.find((d) => d.Name === 'a');
  await fx.aws.voiceId.deleteDomain({ DomainId: a!.DomainId! });
  const second = await applyDesired(fx.aws, desired);
  expect(second.result.outcomes.map((o) => [o.address, o.status])).toEqual([['domain.a', 'applied'], ['domain.a.applied-record', 'applied']]);
  expect(second.replan.changes).toEqual([]);
});

test('a domain pruned and declared again with another description gets its watchlist created without a ClientToken conflict', async () => {
  fx = await startFixture();
  const withW = (description: string) => desiredState('prod', [desiredDomain('a', { description, watchlists: [{ name: 'w' }] })]);
  expect((await applyDesired(fx.aws, withW('one'))).result.ok).toBe(true);
  expect((await applyDesired(fx.aws, { ...desiredState('prod', []), prune: true }, { allowDelete: true })).result.ok).toBe(true);
  const again = await applyDesired(fx.aws, withW('two'));
  expect(again.result.outcomes.map((o) => [o.address, o.status, o.reason])).toEqual([
    ['domain.a', 'applied', undefined],
    ['domain.a.watchlist.w', 'applied', undefined],
    ['domain.a.applied-record', 'applied', undefined],
  ]);
  expect(again.replan.changes).toEqual([]);
});

test('a watchlist deleted and declared again unchanged is created anew and apply converges', async () => {
  fx = await startFixture();
  const withW = desiredState('prod', [desiredDomain('a', { watchlists: [{ name: 'w', description: 'd' }] })]);
  // The domain exists first, so both creations of the watchlist are planned against the same DomainId.
  expect((await applyDesired(fx.aws, desiredState('prod', [desiredDomain('a')]))).result.ok).toBe(true);
  expect((await applyDesired(fx.aws, withW)).result.ok).toBe(true);
  const without = await applyDesired(fx.aws, desiredState('prod', [desiredDomain('a')]));
  expect(without.result.outcomes.map((o) => [o.address, o.status])).toEqual([['domain.a.watchlist.w', 'applied']]);
  const again = await applyDesired(fx.aws, withW);
  expect(again.result.outcomes.map((o) => [o.address, o.status])).toEqual([['domain.a.watchlist.w', 'applied']]);
  expect(again.replan.changes).toEqual([]);
});

test('the re-sent creation of a re-declared watchlist is itself idempotent: running its plan twice creates one watchlist', async () => {
  fx = await startFixture();
  const withW = desiredState('prod', [desiredDomain('a', { watchlists: [{ name: 'w' }] })]);
  await applyDesired(fx.aws, desiredState('prod', [desiredDomain('a')]));
  await applyDesired(fx.aws, withW);
  await applyDesired(fx.aws, desiredState('prod', [desiredDomain('a')]));
  const p = await planOf(fx.aws, withW);
  expect((await applyPlan(p, fx.aws.voiceId)).ok).toBe(true);
  expect((await applyPlan(p, fx.aws.voiceId)).ok).toBe(true);
  const domainId = p.changes[0]!.domainId!;
  const names = (await fx.aws.voiceId.listWatchlists({ DomainId: domainId })).WatchlistSummaries?.map((w) => w.Name);
  expect(names?.sort()).toEqual(['Default', 'w']);
});

test('a watchlist of a domain created in this run is sent with the token a re-plan gives it once the domain exists', async () => {
  fx = await startFixture({}, { retry: { maxAttempts: 1 } });
  const desired = desiredState('prod', [desiredDomain('a', { watchlists: [{ name: 'w' }] })]);
  fx.emulator.admin.setFaults({ operations: ['CreateWatchlist'], errorRate: 1 });
  const sent: string[] = [];
  const voiceId = fx.aws.voiceId;
  const api = { ...voiceId, createWatchlist: (i: Parameters<typeof voiceId.createWatchlist>[0]) => (sent.push(i.ClientToken), voiceId.createWatchlist(i)) };
  const first = await applyPlan(await planOf(fx.aws, desired), api);
  expect(first.outcomes.map((o) => [o.address, o.status])).toEqual([['domain.a', 'applied'], ['domain.a.watchlist.w', 'failed'], ['domain.a.applied-record', 'applied']]);
  fx.emulator.admin.setFaults({});
  const replan = await planOf(fx.aws, desired);
  const op = replan.changes[0]!.operations[0]!;
  expect(op.kind === 'CreateWatchlist' ? op.input.ClientToken : undefined).toBe(sent[0]);
});
