/**
 * Speaker counts of the domains a prune deletes (src/live/speaker-count.ts, PLAN.md R8.3): at most two ListSpeakers
 * pages per such domain, through the real SDK clients against the emulator; no other domain is counted.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SeedResult } from '../../src/emulator/index.js';
import { readLiveState } from '../../src/live/index.js';
import { plan } from '../../src/plan/index.js';
import { risks } from '../../src/render/risks.js';
import { desiredDomain, desiredState, owner, startFixture } from './emulator-fixture.js';
import type { Fixture } from './emulator-fixture.js';

let fx: Fixture;
let seed: SeedResult;

// 0 kept (declared), 1 empty, 2 with 150 speakers (two pages), 3 with 250 (more than two pages), 4 protected,
// 5 of another stack, 6 unmanaged.
beforeAll(async () => {
  // Pages of 100, as the service gives for MaxResults 100 (the in-process default is 5).
  fx = await startFixture({ pageSize: 100 });
  seed = await fx.emulator.admin.seed({
    domains: [
      { name: 'kept', tags: owner('prod', 'kept'), bulkSpeakers: { count: 30, prefix: 'k' } },
      { name: 'empty', tags: owner('prod', 'empty') },
      { name: 'small', tags: owner('prod', 'small'), bulkSpeakers: { count: 150, prefix: 's' } },
      { name: 'large', tags: owner('prod', 'large'), bulkSpeakers: { count: 250, prefix: 'l' } },
      { name: 'guarded', tags: { ...owner('prod', 'guarded'), 'voiceid-gitops:protect': 'true' }, bulkSpeakers: { count: 5, prefix: 'g' } },
      { name: 'theirs', tags: owner('other', 'theirs'), bulkSpeakers: { count: 5, prefix: 't' } },
      { name: 'loose', bulkSpeakers: { count: 5, prefix: 'u' } },
    ],
  });
});
afterAll(async () => fx.close());

const desired = (prune: boolean) => ({ ...desiredState('prod', [desiredDomain('kept')]), prune });

describe('speaker counts of domains to delete', () => {
  test('prune: true counts exactly what fits in two pages and says "more" beyond, reading nothing else', async () => {
    fx.emulator.admin.resetCallCounts();
    const live = await readLiveState(fx.aws, desired(true), { region: 'us-east-1' });
    const counts = Object.fromEntries(live.domains.map((d) => [d.name, d.speakerCount]));
    expect(counts).toEqual({
      kept: undefined,
      empty: { listed: 0, complete: true },
      small: { listed: 150, complete: true },
      large: { listed: 200, complete: false },
      guarded: undefined,
      theirs: undefined,
      loose: undefined,
    });
    // empty: 1 page, small: 2, large: 2 (stopped there); the kept domain declares no opt-outs, so none for it.
    expect(fx.emulator.admin.callCounts().ListSpeakers).toBe(5);
    expect(seed.domainIds).toHaveLength(7);
  });

  test('the plan carries the counts into its delete changes and risk lines', async () => {
    const live = await readLiveState(fx.aws, desired(true), { region: 'us-east-1' });
    const p = plan(desired(true), live);
    const deletes = p.changes.filter((c) => c.kind === 'domain' && c.action === 'delete');
    expect(deletes.map((c) => [c.address, c.kind === 'domain' ? c.speakerCount : undefined])).toEqual([
      ['domain.empty', { listed: 0, complete: true }],
      ['domain.large', { listed: 200, complete: false }],
      ['domain.small', { listed: 150, complete: true }],
    ]);
    expect(risks(p).filter((r) => r.kind === 'delete').map((r) => r.detail.replace(/ \([0-9A-Za-z]{22}\)/, ''))).toEqual([
      'DELETED with all its fraudsters (it holds no speakers) (apply needs --allow-delete)',
      'DELETED with at least 200 speakers (more were not counted), and all its fraudsters and voiceprints (apply needs --allow-delete)',
      'DELETED with its 150 speakers, their voiceprints and all its fraudsters (apply needs --allow-delete)',
    ]);
  });

  test('prune: false counts nothing', async () => {
    fx.emulator.admin.resetCallCounts();
    const live = await readLiveState(fx.aws, desired(false), { region: 'us-east-1' });
    expect(live.domains.filter((d) => d.speakerCount !== undefined)).toEqual([]);
    expect(fx.emulator.admin.callCounts().ListSpeakers ?? 0).toBe(0);
  });
});
