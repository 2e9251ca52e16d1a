/** PLAN.md R13.1, R13.2, R13.4: the evidence fields of the last-applied record, and what the pure plan does with them. */
import { describe, expect, it } from 'vitest';
import type { DesiredDomain, DesiredState } from '../../src/model/desired.js';
import { APPLIED_RECORD_TAG } from '../../src/model/desired.js';
import type { LiveDomain, LiveState } from '../../src/model/live.js';
import { formatRecord, optOutSet, parseEvidence, parseRecord, recordDigest, withoutEvidence } from '../../src/plan/applied-record.js';
import { plan, planDifference } from '../../src/plan/index.js';
import { liveDomainOf } from '../helpers/live-of.js';

const KMS = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const IDS = ['cust-1', 'cust-2', 'cust-3'];
const domain: DesiredDomain = { key: 'a', name: 'a', kmsKeyId: KMS, tags: {}, optedOutSpeakers: [...IDS, 'cust-4'], watchlists: [], enrollmentJobs: [], fraudsterRegistrationJobs: [] };
const desired: DesiredState = { version: 1, stack: 'unit', region: 'us-east-1', prune: false, domains: [domain] };
const DAY = 86_400;
const T0 = Date.parse('2026-11-30T00:00:00Z') / 1000;
const digests = { name: recordDigest('a'), description: recordDigest(undefined), kmsKeyId: recordDigest(KMS), tags: recordDigest({}), optedOutSpeakers: recordDigest(optOutSet(IDS)) };
const evidence = { commit: 'abc1234def56', appliedAt: T0, fullCheckAt: T0 - DAY };

function live(speakers: Record<string, 'OPTED_OUT' | 'ENROLLED'>, read?: NonNullable<LiveDomain['details']>['optOutRead']): LiveState {
  const l = liveDomainOf('unit', domain);
  const withRecord: LiveDomain = { ...l, tags: { ...l.tags, [APPLIED_RECORD_TAG]: formatRecord(digests, evidence) }, details: { ...l.details!, speakers, ...(read ? { optOutRead: read } : {}) } };
  return { region: 'us-east-1', domains: [withRecord], kmsKeys: {} };
}
const trustedRead = { kind: 'trusted' as const, trustedIds: IDS, evidence: { commit: 'abc1234', appliedAt: T0, fullCheckAt: T0 - DAY } };

describe('the evidence fields', () => {
  it('round-trip, after the digests, in base36 seconds, and leave the digests readable by R11', () => {
    const value = formatRecord(digests, evidence);
    // 2026-11-30T00:00:00Z is 1795996800 s, tpag00 in base36; a day before, tp8lc0 (written out: live records hold them).
    expect(value).toMatch(/ o=\S{10} c=abc1234def56 a=tpag00 f=tp8lc0$/);
    expect(parseEvidence(value)).toEqual(evidence);
    expect(parseRecord(value)).toEqual(digests);
    expect(withoutEvidence(value)).toBe(formatRecord(digests));
    expect(value.length).toBeLessThanOrEqual(110);
  });

  it('count as absent when malformed, so the record then proves nothing', () => {
    expect(parseEvidence('v1 o=abcdefghij c=--upload-pack a=TOOLONG! f=')).toEqual({});
    expect(parseEvidence('v2 c=abc1234def56')).toEqual({});
    expect(parseEvidence(undefined)).toEqual({});
  });
});

describe('a plan on trusted ids (R13.4)', () => {
  it('takes them as OPTED_OUT: the plan of a full read of an estate that did not drift, stale to neither (A1.7)', () => {
    const full = live({ 'cust-1': 'OPTED_OUT', 'cust-2': 'OPTED_OUT', 'cust-3': 'OPTED_OUT', 'cust-4': 'ENROLLED' }, { kind: 'full', reason: 'x' });
    const trusted = live({ 'cust-4': 'ENROLLED' }, trustedRead);
    expect(plan(desired, trusted).changes).toEqual(plan(desired, full).changes);
    expect(planDifference(plan(desired, trusted), plan(desired, full))).toBeUndefined();
    // A trusted id that is in fact not opted out is a different plan: a saved trusted plan is then stale.
    const drifted = live({ 'cust-1': 'ENROLLED', 'cust-2': 'OPTED_OUT', 'cust-3': 'OPTED_OUT', 'cust-4': 'ENROLLED' }, { kind: 'full', reason: 'x' });
    const d = planDifference(plan(desired, trusted), plan(desired, drifted));
    expect(d?.paths.some((p) => p.startsWith('changes[domain.a.opt-outs]'))).toBe(true);
    expect(plan(desired, trusted).trust).toEqual([{ domainKey: 'a', declared: 4, trusted: 3, read: 1, commit: 'abc1234', appliedAt: '2026-11-30T00:00:00.000Z', fullCheckAt: '2026-11-29T00:00:00.000Z' }]);
  });

  it('carries the trusted full check forward into the record; a full read records its own read time', () => {
    const ev = { commit: 'fedcba987654', readAt: T0 + DAY, maxTrustAgeS: 7 * DAY };
    const value = (p: ReturnType<typeof plan>): string => String(p.changes.find((c) => c.kind === 'applied-record')?.after?.[APPLIED_RECORD_TAG]);
    const trusted = plan(desired, live({ 'cust-4': 'ENROLLED' }, trustedRead), { evidence: ev });
    expect(parseEvidence(value(trusted))).toEqual({ commit: 'fedcba987654', appliedAt: T0 + DAY, fullCheckAt: T0 - DAY });
    const full = plan(desired, live({ 'cust-1': 'OPTED_OUT', 'cust-2': 'OPTED_OUT', 'cust-3': 'OPTED_OUT', 'cust-4': 'ENROLLED' }, { kind: 'full', reason: 'x' }), { evidence: ev });
    expect(parseEvidence(value(full)).fullCheckAt).toBe(T0 + DAY);
  });

  it('writes no record for evidence alone, unless apply asks to record a stale or refreshed full check (R13.2)', () => {
    const synced = { ...domain, optedOutSpeakers: IDS };
    const state: DesiredState = { ...desired, domains: [synced] };
    const inSync = live({ 'cust-1': 'OPTED_OUT', 'cust-2': 'OPTED_OUT', 'cust-3': 'OPTED_OUT' }, { kind: 'full', reason: 'x' });
    const ev = { readAt: T0 + DAY, maxTrustAgeS: 7 * DAY };
    expect(plan(state, inSync, { evidence: ev }).changes).toEqual([]);
    expect(plan(state, inSync, { evidence: { ...ev, recordFullChecks: 'stale' } }).changes).toEqual([]);
    expect(plan(state, inSync, { evidence: { ...ev, readAt: T0 + 9 * DAY, recordFullChecks: 'stale' } }).changes.map((c) => c.kind)).toEqual(['applied-record']);
    expect(plan(state, inSync, { evidence: { ...ev, recordFullChecks: 'always' } }).changes.map((c) => c.kind)).toEqual(['applied-record']);
  });
});
