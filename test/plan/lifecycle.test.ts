/** PLAN.md §12 rules that the golden fixtures do not pin down, on plan() directly (pure, no emulator). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDesiredState } from '../../src/config/load-desired.js';
import type { DesiredDomain, DesiredState } from '../../src/model/desired.js';
import type { LiveDomain, LiveState } from '../../src/model/live.js';
import { plan, targetAddresses, unknownTargets } from '../../src/plan/index.js';
import { liveOf } from '../helpers/live-of.js';

const KMS = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const domain = (key: string, extra: Partial<DesiredDomain> = {}): DesiredDomain => ({
  key, name: key, kmsKeyId: KMS, tags: {}, optedOutSpeakers: [], watchlists: [], enrollmentJobs: [], fraudsterRegistrationJobs: [], ...extra,
});
const state = (...domains: DesiredDomain[]): DesiredState => ({ version: 1, stack: 'unit', region: 'us-east-1', prune: true, domains });
const addresses = (s: DesiredState, l: LiveState, targets?: string[]) => plan(s, l, targets ? { targets } : {}).changes.map((c) => `${c.address} ${c.action}`);
const job = { jobName: 'j1', dataAccessRoleArn: 'arn:aws:iam::111122223333:role/R', inputS3Uri: 's3://b/i', outputS3Uri: 's3://b/o/', watchlists: ['vip'] };

describe('protect', () => {
  it('counts the protection tag against the 50 tags: 46 user tags fit a protected domain, 47 do not', () => {
    const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`t${i}`, 'v']));
    const errors = (n: number, protect: boolean) => plan(state(domain('a', { tags: tags(n), protect })), { region: 'us-east-1', kmsKeys: {}, domains: [] }).errors.map((e) => e.code);
    expect(errors(46, true)).toEqual([]);
    expect(errors(47, true)).toEqual(['E_TOO_MANY_TAGS']);
    expect(errors(47, false)).toEqual([]);
  });

  it('treats the protection tag with any value as protection (a hand-set tag is not a way round it)', () => {
    const live = liveOf(state(domain('a')));
    const [d] = live.domains as [LiveDomain];
    const handSet = { ...live, domains: [{ ...d, tags: { ...d.tags, 'voiceid-gitops:protect': 'no' } }] };
    expect(plan(state(), handSet).errors.map((e) => e.code)).toEqual(['E_PROTECTED']);
    expect(plan(state(), live).changes.map((c) => c.action)).toEqual(['delete']);
  });
});

describe('ignoreChanges', () => {
  it('keeps all user tags with `tags`, so an adopt removes none of them', () => {
    const live: LiveState = { region: 'us-east-1', kmsKeys: {}, domains: [{ domainId: 'AbCdEfGhIjKlMnOpQrStUv', arn: 'arn:aws:voiceid:us-east-1:111122223333:domain/AbCdEfGhIjKlMnOpQrStUv', name: 'a', status: 'ACTIVE', kmsKeyId: KMS, tags: { owner: 'x' }, details: { speakers: {}, watchlists: [], enrollmentJobs: [], fraudsterRegistrationJobs: [] } }] };
    const adopting = (ignoreChanges?: DesiredDomain['ignoreChanges']) => state(domain('a', { adopt: 'AbCdEfGhIjKlMnOpQrStUv', tags: { team: 'cc' }, ...(ignoreChanges ? { ignoreChanges } : {}) }));
    const ops = (s: DesiredState) => plan(s, live).changes.flatMap((c) => c.operations.map((o) => o.kind));
    expect(ops(adopting())).toEqual(['UntagResource', 'TagResource', 'TagResource', 'TagResource']);
    expect(ops(adopting(['tags']))).toEqual(['TagResource', 'TagResource']);
  });

  it('creates a new domain with the declared values of ignored attributes', () => {
    const p = plan(state(domain('a', { description: 'declared', ignoreChanges: ['description', 'tags.owner'], tags: { owner: 'me' } })), { region: 'us-east-1', kmsKeys: {}, domains: [] });
    const create = p.changes[0]!.operations[0]!;
    expect(create.kind === 'CreateDomain' && [create.input.Description, create.input.Tags.find((t) => t.Key === 'owner')?.Value]).toEqual(['declared', 'me']);
  });
});

describe('--target', () => {
  const desired = state(domain('a', { watchlists: [{ name: 'vip' }], fraudsterRegistrationJobs: [job] }), domain('b', { tags: { team: 'x' } }));
  const live: LiveState = { region: 'us-east-1', kmsKeys: {}, domains: [] };

  it('brings the new domain and the watchlist a targeted job names, and nothing of other domains', () => {
    expect(addresses(desired, live, ['domain.a.fraudster-registration-job.j1'])).toEqual(['domain.a create', 'domain.a.watchlist.vip create', 'domain.a.fraudster-registration-job.j1 start', 'domain.a.applied-record create']);
    expect(addresses(desired, live, ['domain.b'])).toEqual(['domain.b create', 'domain.b.applied-record create']);
  });

  it('targets a domain\'s watchlist members, bringing the watchlists this plan creates that it associates to', () => {
    const fraudster = { name: 'vip', fraudsters: ['f-1'] };
    const base = liveOf(state(domain('m')));
    const [d] = base.domains as [LiveDomain];
    const known: LiveState = { ...base, domains: [{ ...d, details: { ...d.details!, memberships: { read: [], fraudsters: { 'f-1': ['w-default'] } } } }] };
    const members = state(domain('m', { watchlists: [fraudster, { name: 'other' }] }));
    expect(targetAddresses(members, known)).toContain('domain.m.watchlist-members');
    expect(addresses(members, known, ['domain.m.watchlist-members'])).toEqual(['domain.m.watchlist.vip create', 'domain.m.watchlist-members update']);
  });

  it('brings, with a targeted watchlist delete, the members change that empties it (fixture members-empty-then-delete)', async () => {
    const dir = join(import.meta.dirname, '..', 'fixtures', 'members-empty-then-delete');
    const fixture = await loadDesiredState(['desired.yaml'], { cwd: dir });
    const fixtureLive = JSON.parse(readFileSync(join(dir, 'live.json'), 'utf8')) as LiveState;
    const p = plan(fixture, fixtureLive, { targets: ['domain.support-prod.watchlist.old-ring'] });
    expect(p.changes.map((c) => `${c.address} ${c.action}`)).toEqual(['domain.support-prod.watchlist.old-ring delete', 'domain.support-prod.watchlist-members update']);
    expect(p.errors).toEqual([]);
  });

  /** Domain `m` live with custom watchlist `old-ring` (and `keep` if asked); fraudster f-1 exists, in old-ring only. */
  const withOldRing = (...more: string[]): LiveState => {
    const base = liveOf(state(domain('m', { watchlists: [{ name: 'old-ring' }, ...more.map((name) => ({ name }))] })));
    const [d] = base.domains as [LiveDomain];
    const ids = d.details!.watchlists.map((w) => w.watchlistId).sort();
    const oldRing = d.details!.watchlists.find((w) => w.name === 'old-ring')!.watchlistId;
    return { ...base, domains: [{ ...d, details: { ...d.details!, liveFraudsters: ['f-1'], memberships: { read: ids, fraudsters: { 'f-1': [oldRing] } } } }] };
  };

  it('brings what a brought change needs: the delete brings the members change, which brings the watchlist create it moves f-1 to', () => {
    const moving = state(domain('m', { watchlists: [{ name: 'new-ring', fraudsters: ['f-1'] }] }));
    expect(addresses(moving, withOldRing(), ['domain.m.watchlist.old-ring'])).toEqual([
      'domain.m.watchlist.old-ring delete', 'domain.m.watchlist.new-ring create', 'domain.m.watchlist-members update',
    ]);
  });

  it('brings the deleted-fraudsters change that empties a targeted watchlist delete, and nothing else of the domain', () => {
    const deleting = state(domain('m', { watchlists: [{ name: 'keep', description: 'now described' }], deletedFraudsters: ['f-1'] }));
    expect(addresses(deleting, withOldRing('keep'))).toEqual(['domain.m.watchlist.old-ring delete', 'domain.m.watchlist.keep update', 'domain.m.deleted-fraudsters delete']);
    expect(addresses(deleting, withOldRing('keep'), ['domain.m.watchlist.old-ring'])).toEqual(['domain.m.watchlist.old-ring delete', 'domain.m.deleted-fraudsters delete']);
  });

  it('brings no deleted-fraudsters change with an empty watchlist\'s delete (f-1 is deleted, but it is in keep)', () => {
    const live = withOldRing('keep');
    const [d] = live.domains as [LiveDomain];
    const keep = d.details!.watchlists.find((w) => w.name === 'keep')!.watchlistId;
    const inKeep: LiveState = { ...live, domains: [{ ...d, details: { ...d.details!, memberships: { ...d.details!.memberships!, fraudsters: { 'f-1': [keep] } } } }] };
    const deleting = state(domain('m', { watchlists: [{ name: 'keep' }], deletedFraudsters: ['f-1'] }));
    expect(addresses(deleting, inKeep)).toEqual(['domain.m.watchlist.old-ring delete', 'domain.m.deleted-fraudsters delete']);
    expect(addresses(deleting, inKeep, ['domain.m.watchlist.old-ring'])).toEqual(['domain.m.watchlist.old-ring delete']);
  });

  it('drops the errors and notes of domains it does not name, and keeps those without an address', () => {
    const wrongRegion = { ...desired, region: 'eu-west-2' };
    const codes = plan(wrongRegion, live, { targets: ['domain.b'] });
    expect([codes.errors.map((e) => e.code), codes.warnings.map((w) => w.code)]).toEqual([['E_REGION_MISMATCH'], ['W_TARGETED']]);
  });

  it('lists declared and managed addresses as valid, and reports only the targets that match none', () => {
    const valid = targetAddresses(desired, live);
    expect(valid).toEqual(['domain.a', 'domain.a.fraudster-registration-job.j1', 'domain.a.opt-outs', 'domain.a.tags', 'domain.a.watchlist-members', 'domain.a.watchlist.vip', 'domain.b', 'domain.b.opt-outs', 'domain.b.tags', 'domain.b.watchlist-members']);
    expect(unknownTargets(['domain.a', 'domain.a.watchlist.vip', 'domain.a.watchlist.other', 'domain.c'], valid)).toEqual(['domain.a.watchlist.other', 'domain.c']);
  });
});
