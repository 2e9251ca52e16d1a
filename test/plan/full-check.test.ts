/** PLAN.md R13.7: the record rewrites of `plan --refresh`, only where its full read confirms what the record says. */
import { describe, expect, it } from 'vitest';
import type { DesiredDomain, DesiredState } from '../../src/model/desired.js';
import { APPLIED_RECORD_TAG } from '../../src/model/desired.js';
import type { LiveDomain, LiveState } from '../../src/model/live.js';
import { formatRecord, optOutSet, recordDigest } from '../../src/plan/applied-record.js';
import { fullCheckWrites } from '../../src/plan/full-check.js';
import { plan } from '../../src/plan/index.js';
import { liveDomainOf } from '../helpers/live-of.js';

const KMS = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const IDS = ['cust-1', 'cust-2', 'cust-3'];
const domain: DesiredDomain = { key: 'a', name: 'a', kmsKeyId: KMS, tags: {}, optedOutSpeakers: IDS, watchlists: [], enrollmentJobs: [], fraudsterRegistrationJobs: [] };
const desired: DesiredState = { version: 1, stack: 'unit', region: 'us-east-1', prune: false, domains: [domain] };
const T0 = Date.parse('2026-11-30T00:00:00Z') / 1000;
const READ_AT = T0 + 10 * 86_400;
const digests = { name: recordDigest('a'), description: recordDigest(undefined), kmsKeyId: recordDigest(KMS), tags: recordDigest({}), optedOutSpeakers: recordDigest(optOutSet(IDS)) };
const EVIDENCE = { commit: 'abc1234def56', appliedAt: T0, fullCheckAt: T0 };
const ALL_OUT = { 'cust-1': 'OPTED_OUT', 'cust-2': 'OPTED_OUT', 'cust-3': 'OPTED_OUT' } as const;
const FULL = { kind: 'full' as const, reason: '--refresh reads every declared id' };

interface Case {
  readonly record?: string;
  readonly speakers?: Readonly<Record<string, 'OPTED_OUT' | 'ENROLLED'>>;
  readonly read?: NonNullable<LiveDomain['details']>['optOutRead'];
  readonly state?: DesiredState;
}
function live({ record = formatRecord(digests, EVIDENCE), speakers = ALL_OUT, read = FULL }: Case = {}): LiveState {
  const l = liveDomainOf('unit', domain);
  return { region: 'us-east-1', domains: [{ ...l, tags: { ...l.tags, [APPLIED_RECORD_TAG]: record }, details: { ...l.details!, speakers, optOutRead: read } }], kmsKeys: {} };
}
const writes = (c: Case = {}) => {
  const state = c.state ?? desired;
  const l = live(c);
  return fullCheckWrites(state, l, plan(state, l), READ_AT);
};

describe('plan --refresh records its full check (R13.7)', () => {
  it('moves f to the read time, keeping every other field of the record as it was', () => {
    const l = live();
    expect(fullCheckWrites(desired, l, plan(desired, l), READ_AT)).toEqual([
      { domainKey: 'a', arn: l.domains[0]!.arn, value: formatRecord(digests, { ...EVIDENCE, fullCheckAt: READ_AT }) },
    ]);
    // The plan itself stays empty: the record is not one of its changes.
    expect(plan(desired, l).changes).toEqual([]);
  });

  it('writes nothing for a domain with an opt-out still to make: the record must not vouch for a drifted id', () => {
    expect(writes({ speakers: { ...ALL_OUT, 'cust-2': 'ENROLLED' } })).toEqual([]);
    expect(writes({ speakers: { 'cust-1': 'OPTED_OUT', 'cust-3': 'OPTED_OUT' } })).toEqual([]);
  });

  it('writes nothing when the read trusted ids (not a full check) or the record is of another list', () => {
    expect(writes({ read: { kind: 'trusted', trustedIds: IDS, evidence: { ...EVIDENCE, commit: 'abc1234' } } })).toEqual([]);
    const more = { ...domain, optedOutSpeakers: [...IDS, 'cust-4'] };
    expect(writes({ state: { ...desired, domains: [more] }, speakers: { ...ALL_OUT, 'cust-4': 'OPTED_OUT' } })).toEqual([]);
  });

  it('writes nothing without the evidence it would extend, or when the recorded check is not older', () => {
    expect(writes({ record: formatRecord(digests, { appliedAt: T0, fullCheckAt: T0 }) })).toEqual([]);
    expect(writes({ record: formatRecord(digests, { commit: 'abc1234def56' }) })).toEqual([]);
    expect(writes({ record: formatRecord(digests, { ...EVIDENCE, fullCheckAt: READ_AT }) })).toEqual([]);
    expect(writes({ record: 'v9 o=whatever' })).toEqual([]);
  });

  it('writes nothing for a plan with errors or targets', () => {
    const l = live();
    const p = plan(desired, l);
    expect(fullCheckWrites(desired, l, { ...p, errors: [{ code: 'E_X', message: 'x' }] }, READ_AT)).toEqual([]);
    expect(fullCheckWrites(desired, l, { ...p, targets: ['domain.a'] }, READ_AT)).toEqual([]);
  });
});
