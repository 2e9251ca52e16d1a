/**
 * Review finding (PLAN.md R4.1/R4.2): a domain holds at most 50 tags, so replacing user tags near the limit must
 * remove the old keys before adding the new ones.
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

test('replacing 48 user tags by 48 others on a domain at the 50-tag limit is applied and converges', async () => {
  fx = await startFixture();
  await fx.emulator.admin.seed({ domains: [{ name: 'a', tags: { ...owner('prod', 'a'), ...tags('old', 48) } }] });
  const run = await applyDesired(fx.aws, desiredState('prod', [desiredDomain('a', { tags: tags('new', 48) })]));
  expect(run.result.outcomes.map((o) => [o.address, o.status, o.reason])).toEqual([['domain.a.tags', 'applied', undefined]]);
  expect(run.replan.changes).toEqual([]);
});
