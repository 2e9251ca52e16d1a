/** PLAN.md §11: the last-applied record tells changes made outside voiceid-gitops from changes the YAML makes. */
import { describe, expect, it } from 'vitest';
import type { DesiredDomain, DesiredState } from '../../src/model/desired.js';
import { APPLIED_RECORD_TAG } from '../../src/model/desired.js';
import type { LiveDomain, LiveState } from '../../src/model/live.js';
import { formatRecord, parseRecord, recordDigest } from '../../src/plan/applied-record.js';
import { plan } from '../../src/plan/index.js';
import { liveDomainOf } from '../helpers/live-of.js';

const KMS = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const OTHER_KMS = 'arn:aws:kms:us-east-1:111122223333:key/99999999-12ab-34cd-56ef-1234567890ab';
const STACK = 'unit';
const domain = (extra: Partial<DesiredDomain> = {}): DesiredDomain => ({
  key: 'a', name: 'a', description: 'Support', kmsKeyId: KMS, tags: { team: 'cc' }, optedOutSpeakers: ['cust-1', 'cust-2'], watchlists: [], enrollmentJobs: [], fraudsterRegistrationJobs: [], ...extra,
});
const state = (d: DesiredDomain): DesiredState => ({ version: 1, stack: STACK, region: 'us-east-1', prune: false, domains: [d] });
const liveState = (l: LiveDomain, kmsKeys: Record<string, string> = {}): LiveState => ({ region: 'us-east-1', domains: [l], kmsKeys });

/** What apply of `d` left live: `d` realised, plus the record of `d` (written by hand here, as apply would). */
function appliedLive(d: DesiredDomain, edit: (l: LiveDomain) => LiveDomain = (l) => l): LiveDomain {
  const l = liveDomainOf(STACK, d);
  const record = formatRecord({
    name: recordDigest(d.name),
    description: recordDigest(d.description),
    kmsKeyId: recordDigest(d.kmsKeyId),
    tags: recordDigest(d.tags),
    optedOutSpeakers: recordDigest([...d.optedOutSpeakers].sort()),
  });
  return edit({ ...l, tags: { ...l.tags, [APPLIED_RECORD_TAG]: record } });
}
const labels = (p: ReturnType<typeof plan>) => p.changes.filter((c) => c.kind !== 'applied-record').map((c) => [c.address, c.changedOutside ?? []]);

describe('the applied record', () => {
  it('reads its own format, ignores fields it does not know and refuses other versions', () => {
    expect(parseRecord('v1 n=abc c=0123456789abcdef o=xyz')).toEqual({ name: 'abc', optedOutSpeakers: 'xyz' });
    expect(parseRecord('v2 n=abc')).toBeUndefined();
    expect(parseRecord(undefined)).toBeUndefined();
  });

  it('pins the digest: sha256 of the canonical JSON (keys sorted), base64url, 10 characters; live records hold these', () => {
    // Literals from the shell: printf %s '"New"' | sha256sum | xxd -r -p | base64 | tr '+/' '-_' | cut -c1-10
    expect(recordDigest('New')).toBe('6ffM6zmGDF');
    expect(recordDigest([])).toBe('T1PNoYwrqg');
    expect(recordDigest(['c-1', 'c-2', 'c-3'])).toBe('tvsBgBVUhq');
    expect([recordDigest(undefined), recordDigest(null)]).toEqual(['dCNOmK_nSY', 'dCNOmK_nSY']);
    expect(recordDigest({})).toBe('RBNvo1WzZ4');
    expect(recordDigest({ team: 'cc' })).toBe('QfssQmWeZV');
    expect(recordDigest({ b: 1, a: 2 })).toBe('02JqwwqH5v');
  });

  it('fits the Tag value limits: at most 256 characters of the allowed set', () => {
    const value = formatRecord({ name: recordDigest('x'.repeat(256)), description: recordDigest(undefined), kmsKeyId: recordDigest(KMS), tags: recordDigest({}), optedOutSpeakers: recordDigest([]) });
    expect(value.length).toBeLessThanOrEqual(256);
    expect(value).toMatch(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u);
  });
});

describe('changes made outside voiceid-gitops (R11.2, R11.3)', () => {
  it('labels a name, description and KMS key changed by hand since the last apply', () => {
    const d = domain();
    const live = appliedLive(d, (l) => ({ ...l, name: 'renamed-in-console', description: 'edited', kmsKeyId: OTHER_KMS }));
    const p = plan(state(d), liveState(live));
    expect(labels(p)).toEqual([['domain.a', ['name', 'description', 'kmsKeyId']]]);
    expect(p.summary.outside).toBe(1);
  });

  it('does not label a change that comes from editing the YAML', () => {
    const before = domain();
    const p = plan(state(domain({ name: 'new-name', description: 'New', kmsKeyId: OTHER_KMS, tags: { team: 'sales' }, optedOutSpeakers: ['cust-1', 'cust-2', 'cust-3'] })), liveState(appliedLive(before)));
    expect(labels(p)).toEqual([
      ['domain.a', []],
      ['domain.a.tags', []],
      ['domain.a.opt-outs', []],
    ]);
    expect(p.summary.outside).toBe(0);
  });

  it('labels only the attribute changed by hand when the YAML also changes another', () => {
    const p = plan(state(domain({ description: 'New' })), liveState(appliedLive(domain(), (l) => ({ ...l, name: 'renamed' }))));
    expect(labels(p)).toEqual([['domain.a', ['name']]]);
  });

  it('labels a user tag changed or added by hand', () => {
    const d = domain();
    const p = plan(state(d), liveState(appliedLive(d, (l) => ({ ...l, tags: { ...l.tags, team: 'hacked', extra: '1' } }))));
    expect(labels(p)).toEqual([['domain.a.tags', ['tags']]]);
  });

  it('labels a declared speaker that is no longer opted out while the declared list is unchanged', () => {
    const d = domain();
    const live = appliedLive(d, (l) => ({ ...l, details: { ...l.details!, speakers: { 'cust-1': 'OPTED_OUT' } } }));
    const p = plan(state(d), liveState(live));
    expect(labels(p)).toEqual([['domain.a.opt-outs', ['optedOutSpeakers']]]);
  });

  it('labels nothing for a domain without a record (applied by an older version)', () => {
    const d = domain();
    const p = plan(state(d), liveState({ ...liveDomainOf(STACK, d), name: 'renamed' }));
    expect(labels(p)).toEqual([['domain.a', []]]);
  });

  it('compares KMS keys by the key they resolve to: another spelling of the recorded key is not a change', () => {
    const d = domain({ kmsKeyId: 'alias/voiceid' });
    const kmsKeys = { 'alias/voiceid': KMS, [KMS]: KMS, [OTHER_KMS]: OTHER_KMS };
    const live = appliedLive({ ...d, kmsKeyId: KMS }, (l) => ({ ...l, kmsKeyId: KMS }));
    expect(plan(state(d), liveState(live, kmsKeys)).changes).toEqual([]);
    const moved = plan(state(d), liveState({ ...live, kmsKeyId: OTHER_KMS }, kmsKeys));
    expect(labels(moved)).toEqual([['domain.a', ['kmsKeyId']]]);
  });
});

describe('the record change (R11.4)', () => {
  it('comes last of its domain with the desired digests, and is not counted in the summary', () => {
    const p = plan(state(domain({ description: 'New' })), liveState(appliedLive(domain())));
    expect(p.changes.map((c) => `${c.address} ${c.action} ${c.impact}`)).toEqual(['domain.a update update', 'domain.a.applied-record update none']);
    const change = p.changes[1]!;
    const record = parseRecord(change.kind === 'applied-record' ? change.after!['voiceid-gitops:applied'] : '');
    expect(record?.description).toBe('6ffM6zmGDF');
    expect(p.summary.change).toBe(1);
    expect(p.changes[1]!.operations).toMatchObject([{ kind: 'TagResource', input: { ResourceArn: liveDomainOf(STACK, domain()).arn, Tags: [{ Key: APPLIED_RECORD_TAG }] } }]);
  });

  it('is not planned when nothing recorded changes (only a job starts), nor for a clean domain', () => {
    const d = domain();
    expect(plan(state(d), liveState(appliedLive(d))).changes).toEqual([]);
    const withJob = domain({ enrollmentJobs: [{ jobName: 'j', dataAccessRoleArn: 'arn:aws:iam::111122223333:role/R', inputS3Uri: 's3://b/i.json', outputS3Uri: 's3://b/o/' }] });
    expect(plan(state(withJob), liveState(appliedLive(d))).changes.map((c) => c.kind)).toEqual(['enrollment-job']);
  });

  it('refers to the ARN CreateDomain answers for a domain this plan creates', () => {
    const p = plan(state(domain()), { region: 'us-east-1', domains: [], kmsKeys: {} });
    const last = p.changes.at(-1)!;
    expect(last.address).toBe('domain.a.applied-record');
    expect(last.operations[0]).toMatchObject({ kind: 'TagResource', input: { ResourceArn: { ref: 'domain.a' } } });
  });
});

describe('tag limit (R4.2)', () => {
  const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`t${i}`, 'v']));
  it('counts the applied record: 47 user tags fit, 48 do not', () => {
    const at = (n: number) => plan(state(domain({ tags: tags(n) })), { region: 'us-east-1', domains: [], kmsKeys: {} }).errors.map((e) => e.code);
    expect(at(47)).toEqual([]);
    expect(at(48)).toEqual(['E_TOO_MANY_TAGS']);
  });
});
