/**
 * Watchlist members (PLAN.md §16) against the emulator with the real SDK clients: plan -> apply -> the re-plan is
 * empty, both from a fresh read and from apply's answers (A6.3: each write's answer is its verification). One
 * emulator for the file, reset before each test.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { desiredDomain, desiredState, owner, startFixture } from '../live/emulator-fixture.js';
import type { Fixture } from '../live/emulator-fixture.js';
import { operationKinds } from '../apply/harness.js';
import { applyPlan } from '../../src/apply/index.js';
import { answeredLive, readLiveState } from '../../src/live/index.js';
import { plan } from '../../src/plan/index.js';
import { loadFromMemory } from '../../src/config/index.js';
import { readForExport } from '../../src/cli/export-read.js';
import { buildExport } from '../../src/cli/export-yaml.js';
import type { DesiredDomain, DesiredState, DesiredWatchlist } from '../../src/model/desired.js';
import type { Plan } from '../../src/model/plan.js';

let fx: Fixture;
beforeAll(async () => {
  // Pages of up to 100 (MaxResults) as Voice ID answers: the 500-member watchlist is still 5 pages.
  fx = await startFixture({ pageSize: 100 });
});
afterAll(async () => fx.close());
beforeEach(() => fx.emulator.admin.reset());

const STACK = 'prod';

/** One managed domain `support` with custom watchlists and fraudsters (each in the watchlists named, `Default` too). */
async function seed(watchlists: readonly string[], fraudsters: readonly (readonly string[])[]) {
  const r = await fx.emulator.admin.seed({
    domains: [{ name: 'support', tags: owner(STACK, 'support'), watchlists: watchlists.map((name) => ({ name })), fraudsters: fraudsters.map((w) => ({ watchlists: [...w] })) }],
  });
  return { domainId: r.domainIds[0]!, ids: r.watchlistIds[0]!, fraudsters: r.fraudsterIds[0]! };
}

const domain = (watchlists: DesiredWatchlist[], extra: Partial<DesiredDomain> = {}): DesiredState =>
  desiredState(STACK, [desiredDomain('support', { watchlists, ...extra })]);

async function planFor(desired: DesiredState): Promise<{ plan: Plan; live: Awaited<ReturnType<typeof readLiveState>> }> {
  const live = await readLiveState(fx.aws, desired, { region: 'us-east-1' });
  return { plan: plan(desired, live), live };
}

/** plan -> apply -> the re-plan from a fresh read, and from apply's answers. */
async function converge(desired: DesiredState) {
  const { plan: p, live } = await planFor(desired);
  expect(p.errors).toEqual([]);
  const result = await applyPlan(p, fx.aws.voiceId);
  const fresh = (await planFor(desired)).plan;
  const answered = plan(desired, await answeredLive(live, result.answers!, fx.aws.voiceId));
  return { plan: p, result, fresh, answered };
}

/** Every fraudster's watchlist ids, as the service holds them. */
async function membership(domainId: string): Promise<Record<string, string[]>> {
  const list = await fx.aws.voiceId.listFraudsters({ DomainId: domainId, MaxResults: 100 });
  return Object.fromEntries((list.FraudsterSummaries ?? []).map((f) => [f.GeneratedFraudsterId!, [...(f.WatchlistIds ?? [])].sort()]));
}

describe('watchlist members against the emulator', () => {
  test('associates a fraudster of the default watchlist to a declared one; the re-plan is empty', async () => {
    const s = await seed(['high-risk'], [['Default']]);
    const [f] = s.fraudsters;
    const r = await converge(domain([{ name: 'high-risk', fraudsters: [f!] }]));
    expect(operationKinds(r.plan)).toEqual(['AssociateFraudster']);
    expect(r.result.ok).toBe(true);
    expect(await membership(s.domainId)).toEqual({ [f!]: [s.ids.Default!, s.ids['high-risk']!].sort() });
    expect([r.fresh.changes, r.answered.changes]).toEqual([[], []]);
  });

  test('moves a fraudster between two watchlists: associated first, so it never has none', async () => {
    const s = await seed(['high-risk', 'low-risk'], [['high-risk']]);
    const [f] = s.fraudsters;
    fx.emulator.admin.resetCallCounts();
    const r = await converge(domain([{ name: 'high-risk', fraudsters: [] }, { name: 'low-risk', fraudsters: [f!] }]));
    expect(r.plan.changes.find((c) => c.kind === 'watchlist-members')?.operations.map((o) => `${o.kind} ${'watchlist' in o ? o.watchlist : ''}`)).toEqual([
      'AssociateFraudster low-risk', 'DisassociateFraudster high-risk',
    ]);
    // Disassociating first would have failed (a fraudster's only watchlist): the apply succeeding shows the order.
    expect(r.result.ok).toBe(true);
    expect(await membership(s.domainId)).toEqual({ [f!]: [s.ids['low-risk']!] });
    expect([r.fresh.changes, r.answered.changes]).toEqual([[], []]);
  });

  test('removes a member that keeps another watchlist; `default:` declares the default watchlist exactly', async () => {
    const s = await seed(['high-risk'], [['Default', 'high-risk'], ['Default']]);
    const [f, g] = s.fraudsters;
    const r = await converge(domain([{ name: 'high-risk', fraudsters: [] }], { defaultWatchlist: { fraudsters: [f!, g!] } }));
    expect(operationKinds(r.plan)).toEqual(['DisassociateFraudster']);
    expect(await membership(s.domainId)).toEqual({ [f!]: [s.ids.Default!], [g!]: [s.ids.Default!] });
    expect([r.fresh.changes, r.answered.changes]).toEqual([[], []]);
  });

  test('refuses a plan that leaves a fraudster in no watchlist, naming it; nothing is called', async () => {
    const s = await seed(['high-risk'], [['high-risk']]);
    const [f] = s.fraudsters;
    const { plan: p } = await planFor(domain([{ name: 'high-risk', fraudsters: [] }]));
    expect(p.errors.map((e) => [e.code, e.message])).toEqual([
      ['E_FRAUDSTER_NO_WATCHLIST', `fraudster ${f!} would be in no watchlist: Voice ID keeps every fraudster in at least one`],
    ]);
    fx.emulator.admin.resetCallCounts();
    await expect(applyPlan(p, fx.aws.voiceId)).rejects.toThrow(/PLAN_HAS_ERRORS|cannot be applied/);
    expect(fx.emulator.admin.callCounts()).toEqual({});
    expect(await membership(s.domainId)).toEqual({ [f!]: [s.ids['high-risk']!] });
  });

  test('empties a watchlist to delete (its members move to a watchlist created in the same plan), then deletes it', async () => {
    const s = await seed(['old-ring'], [['Default', 'old-ring'], ['old-ring']]);
    const [f, g] = s.fraudsters;
    const r = await converge(domain([{ name: 'fresh', fraudsters: [g!] }]));
    expect(r.plan.changes.map((c) => `${c.action} ${c.address}`)).toEqual([
      'delete domain.support.watchlist.old-ring', 'create domain.support.watchlist.fresh', 'update domain.support.watchlist-members',
    ]);
    const members = r.plan.changes.find((c) => c.kind === 'watchlist-members')!;
    expect(members.operations.map((o) => [o.kind, 'watchlist' in o ? o.watchlist : '', 'input' in o && 'WatchlistId' in o.input ? o.input.WatchlistId : ''])).toEqual([
      ['DisassociateFraudster', 'old-ring', s.ids['old-ring']],
      ['AssociateFraudster', 'fresh', { ref: 'domain.support.watchlist.fresh' }],
      ['DisassociateFraudster', 'old-ring', s.ids['old-ring']],
    ]);
    expect(r.result.ok).toBe(true);
    const listed = await fx.aws.voiceId.listWatchlists({ DomainId: s.domainId, MaxResults: 10 });
    const fresh = listed.WatchlistSummaries!.find((w) => w.Name === 'fresh')!.WatchlistId!;
    expect(listed.WatchlistSummaries!.map((w) => w.Name).sort()).toEqual(['Default', 'fresh']);
    expect(await membership(s.domainId)).toEqual({ [f!]: [s.ids.Default!], [g!]: [fresh] });
    expect([r.fresh.changes, r.answered.changes]).toEqual([[], []]);
  });

  test('a fraudster in deletedFraudsters needs no other watchlist: its watchlist is deleted after it', async () => {
    const s = await seed(['old-ring'], [['old-ring'], ['Default', 'old-ring']]);
    const [gone, kept] = s.fraudsters;
    const desired = domain([], { deletedFraudsters: [gone!] });
    const { plan: p, live } = await planFor(desired);
    expect(p.errors).toEqual([]);
    expect(p.changes.find((c) => c.kind === 'watchlist-members')?.operations.map((o) => [o.kind, 'fraudsterIds' in o ? o.fraudsterIds : []])).toEqual([['DisassociateFraudster', [kept]]]);
    const result = await applyPlan(p, fx.aws.voiceId, { allowDelete: true });
    expect(result.outcomes.map((o) => [o.address, o.status])).toEqual(expect.arrayContaining([['domain.support.watchlist.old-ring', 'applied']]));
    expect(result.ok).toBe(true);
    expect(await membership(s.domainId)).toEqual({ [kept!]: [s.ids.Default!] });
    expect((await planFor(desired)).plan.changes).toEqual([]);
    expect(plan(desired, await answeredLive(live, result.answers!, fx.aws.voiceId)).changes).toEqual([]);
  });

  test('keeps a watchlist to delete that is the only one of a fraudster: blocked, naming it', async () => {
    const s = await seed(['old-ring'], [['old-ring']]);
    const { plan: p } = await planFor(domain([]));
    const del = p.changes.find((c) => c.address === 'domain.support.watchlist.old-ring')!;
    expect(del.blocked?.reason).toContain(`it is the only watchlist of fraudster ${s.fraudsters[0]!}`);
    expect(p.changes.some((c) => c.kind === 'watchlist-members')).toBe(false);
  });

  test('fills a watchlist to 500 fraudsters; a swap that would pass 500 while members move is refused before any call', async () => {
    // 499 only in high-risk, one also in Default (500 in high-risk), one in Default that joins, five more in Default.
    const s = await seed(['high-risk', 'low-risk'], [...Array.from({ length: 499 }, () => ['high-risk']), ['Default', 'high-risk'], ['Default'], ...Array.from({ length: 5 }, () => ['Default'])]);
    const h = s.fraudsters.slice(0, 499);
    const [leaving, joining] = [s.fraudsters[499]!, s.fraudsters[500]!];
    const extra = s.fraudsters.slice(501);
    // The one leaving keeps Default, so it leaves before the new one joins: never more than 500.
    const r = await converge(domain([{ name: 'high-risk', fraudsters: [...h, joining] }, { name: 'low-risk' }]));
    expect(operationKinds(r.plan)).toEqual(['DisassociateFraudster', 'AssociateFraudster']);
    expect(r.result.ok).toBe(true);
    const inHigh = (m: Record<string, string[]>) => Object.keys(m).filter((f) => m[f]!.includes(s.ids['high-risk']!)).sort();
    expect(inHigh(await membershipAll(s.domainId))).toEqual([...h, joining].sort());
    expect(leaving in (await membershipAll(s.domainId))).toBe(true);
    expect([r.fresh.changes, r.answered.changes]).toEqual([[], []]);

    // Five move to low-risk (high-risk is their only watchlist: they leave after joining it) while five others join.
    const { plan: refused } = await planFor(domain([{ name: 'high-risk', fraudsters: [...h.slice(5), joining, ...extra] }, { name: 'low-risk', fraudsters: h.slice(0, 5) }]));
    expect(refused.errors.map((e) => [e.code, e.message])).toEqual([
      ['E_WATCHLIST_FULL', 'watchlist "high-risk" would hold 505 fraudsters while members move (the new ones are associated before the others leave): Voice ID takes at most 500 per watchlist'],
    ]);
    fx.emulator.admin.resetCallCounts();
    await expect(applyPlan(refused, fx.aws.voiceId)).rejects.toThrow(/cannot be applied/);
    expect(fx.emulator.admin.callCounts()).toEqual({});
  });

  test('export writes the memberships (a long list in a file beside the YAML), and plan on the export plans nothing', async () => {
    const s = await seed(['high-risk', 'quiet'], [...Array.from({ length: 12 }, () => ['high-risk']), ['Default', 'high-risk'], ['Default']]);
    const read = await readForExport(fx.aws, { stack: STACK, includeUnmanaged: false, discovery: 'list' });
    const doc = buildExport(read, { stack: STACK, region: 'us-east-1', optOuts: { kind: 'files', dir: 'backup.optouts' }, header: [], fraudsterDir: 'backup.fraudsters' });
    const files = new Map(doc.optOutFiles.map((f) => [f.path, new TextEncoder().encode(f.text)] as const));
    expect([...files.keys()]).toEqual(['backup.fraudsters/support.high-risk.txt']);
    expect(doc.yaml).toContain('fraudstersFile: backup.fraudsters/support.high-risk.txt');
    expect(doc.yaml).toContain(`default:\n        fraudsters:\n          - ${[s.fraudsters[12]!, s.fraudsters[13]!].sort()[0]}`);
    const loaded = loadFromMemory([{ file: 'backup.yaml', bytes: new TextEncoder().encode(doc.yaml) }], files);
    if (loaded.kind !== 'valid') throw new Error(JSON.stringify(loaded.diagnostics));
    const high = loaded.state.domains[0]!.watchlists.find((w) => w.name === 'high-risk');
    expect(high?.fraudsters).toEqual(s.fraudsters.slice(0, 13).sort());
    expect(loaded.state.domains[0]!.watchlists.find((w) => w.name === 'quiet')).toEqual({ name: 'quiet' });
    expect((await planFor(loaded.state)).plan.changes.filter((c) => c.kind !== 'applied-record')).toEqual([]);
  });
});

async function membershipAll(domainId: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  let token: string | undefined;
  do {
    const page = await fx.aws.voiceId.listFraudsters({ DomainId: domainId, MaxResults: 100, ...(token ? { NextToken: token } : {}) });
    for (const f of page.FraudsterSummaries ?? []) out[f.GeneratedFraudsterId!] = [...(f.WatchlistIds ?? [])];
    token = page.NextToken;
  } while (token);
  return out;
}
