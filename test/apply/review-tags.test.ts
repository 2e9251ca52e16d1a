/**
 * Review finding (PLAN.md R4.1/R4.2): a domain holds at most 50 tags, so replacing user tags near the limit must
 * remove the old keys before adding the new ones. 47 user tags is the most a YAML may declare: voiceid-gitops adds
 * its 2 ownership tags and its applied record (PLAN.md §11).
 */
import { afterEach, expect, test } from 'vitest';
import { applyDesired } from './harness.js';
import { desiredDomain, desiredState, owner, startFixture } from '../live/emulator-fixture.js';
import type { Fixture } from '../live/emulator-fixture.js';

let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

const tags = (prefix: string, n: number): Record<string, string> =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${String(i).padStart(2, '0')}`, 'v']));

test('replacing 48 user tags by 47 others on a domain at the 50-tag limit is applied, recorded and converges', async () => {
  fx = await startFixture();
  await fx.emulator.admin.seed({ domains: [{ name: 'a', tags: { ...owner('prod', 'a'), ...tags('old', 48) } }] });
  const run = await applyDesired(fx.aws, desiredState('prod', [desiredDomain('a', { tags: tags('new', 47) })]));
  expect(run.result.outcomes.map((o) => [o.address, o.status, o.reason])).toEqual([
    ['domain.a.tags', 'applied', undefined],
    ['domain.a.applied-record', 'applied', undefined],
  ]);
  expect(run.replan.changes).toEqual([]);
});

test('adopting a domain that carries 50 user tags removes the undeclared ones before adding the ownership tags', async () => {
  fx = await startFixture({ maxTagsPerDomain: 50 });
  const seed = await fx.emulator.admin.seed({ domains: [{ name: 'a', tags: tags('old', 50) }] });
  const kept = tags('old', 47);
  const run = await applyDesired(fx.aws, desiredState('prod', [desiredDomain('a', { adopt: seed.domainIds[0]!, tags: kept })]));
  expect(run.result.outcomes.map((o) => [o.address, o.status, o.reason])).toEqual([
    ['domain.a', 'applied', undefined],
    ['domain.a.applied-record', 'applied', undefined],
  ]);
  const live = await fx.aws.voiceId.listTagsForResource({ ResourceArn: seed.domainArns[0]! });
  const { 'voiceid-gitops:applied': record, ...rest } = Object.fromEntries((live.Tags ?? []).map((t) => [t.Key, t.Value]));
  expect(rest).toEqual({ ...kept, ...owner('prod', 'a') });
  expect(record).toMatch(/^v1 n=\S{10} d=\S{10} k=\S{10} t=\S{10} o=\S{10}$/);
  expect(run.replan.changes).toEqual([]);
});

test('adopting a domain with 49 user tags while replacing most of them never passes the 50-tag limit', async () => {
  fx = await startFixture({ maxTagsPerDomain: 50 });
  const seed = await fx.emulator.admin.seed({ domains: [{ name: 'a', tags: tags('old', 49) }] });
  const desired = { ...tags('old', 40), ...tags('new', 7) };
  const run = await applyDesired(fx.aws, desiredState('prod', [desiredDomain('a', { adopt: seed.domainIds[0]!, tags: desired })]));
  expect(run.result.outcomes.map((o) => [o.address, o.status, o.reason])).toEqual([
    ['domain.a', 'applied', undefined],
    ['domain.a.tags', 'applied', undefined],
    ['domain.a.applied-record', 'applied', undefined],
  ]);
  expect(run.replan.changes).toEqual([]);
});
