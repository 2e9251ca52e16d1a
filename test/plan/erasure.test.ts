/**
 * PLAN.md §15 in plan(): only ids live are planned (any status), nothing for a domain this plan creates, the drift
 * label only when the record's `e` is this very list, the record written with `e` and kept by a targeted plan,
 * --target naming the two addresses, and destructive changes counted as deletes.
 */
import { describe, expect, it } from 'vitest';
import type { DesiredDomain, DesiredState } from '../../src/model/desired.js';
import { APPLIED_RECORD_TAG } from '../../src/model/desired.js';
import type { LiveState } from '../../src/model/live.js';
import { plan, targetAddresses } from '../../src/plan/index.js';
import { formatRecord, parseRecord, recordDigest } from '../../src/plan/applied-record.js';
import { liveOf } from '../helpers/live-of.js';

const F1 = 'id#AAAAAAAAAAAAAAAAAAAAA1';
const F2 = 'id#AAAAAAAAAAAAAAAAAAAAA2';
const domain = (fields: Partial<DesiredDomain> = {}): DesiredDomain => ({
  key: 'a', name: 'a', kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k', tags: {}, optedOutSpeakers: [], watchlists: [], enrollmentJobs: [], fraudsterRegistrationJobs: [], ...fields,
});
const state = (d: DesiredDomain): DesiredState => ({ version: 1, stack: 'prod', prune: false, domains: [d] });

/** The live state of `d` after a perfect apply, with these speakers and fraudsters live and this record. */
function liveWith(d: DesiredDomain, speakers: Record<string, 'ENROLLED' | 'OPTED_OUT' | 'EXPIRED' | 'PENDING'>, fraudsters: string[] = [], record?: string): LiveState {
  const base = liveOf(state({ ...d, erasedSpeakers: undefined, deletedFraudsters: undefined } as DesiredDomain));
  const l = base.domains[0]!;
  return {
    ...base,
    domains: [{
      ...l,
      tags: { ...l.tags, ...(record ? { [APPLIED_RECORD_TAG]: record } : {}) },
      details: { ...l.details!, speakers: { ...l.details!.speakers, ...speakers }, ...(d.deletedFraudsters ? { liveFraudsters: fraudsters } : {}) },
    }],
  };
}

describe('erased speakers and deleted fraudsters in plan()', () => {
  it('plans only the ids live, in any status, as destructive deletes counted in the summary', () => {
    const d = domain({ erasedSpeakers: ['c-1', 'c-2', 'c-3'], deletedFraudsters: [F1, F2] });
    const p = plan(state(d), liveWith(d, { 'c-1': 'OPTED_OUT', 'c-3': 'PENDING' }, [F2]));
    expect(p.changes.map((c) => [c.address, c.action, c.destructive, c.impact])).toEqual([
      ['domain.a.erased-speakers', 'delete', true, 'destroy'],
      ['domain.a.deleted-fraudsters', 'delete', true, 'destroy'],
      ['domain.a.applied-record', 'create', false, 'none'],
    ]);
    expect(p.changes[0]!.speakerIds).toEqual(['c-1', 'c-3']);
    expect(p.changes[0]!.before).toEqual({ OPTED_OUT: 1, PENDING: 1 });
    expect(p.changes[1]!.before).toEqual({ fraudsterIds: [F2] });
    expect([p.summary.delete, p.impact]).toEqual([2, 'destroy']);
    // The record now holds the erasure list's digest (R15.6).
    const value = (p.changes[2]!.after as Record<string, string>)[APPLIED_RECORD_TAG]!;
    expect(parseRecord(value)?.erasedSpeakers).toBe('tvsBgBVUhq');
  });

  it('plans nothing when no declared id is live, and nothing for a domain this plan creates', () => {
    const d = domain({ erasedSpeakers: ['c-1'], deletedFraudsters: [F1] });
    expect(plan(state(d), liveWith(d, {}, [])).changes).toEqual([]);
    const created = plan(state(d), { region: 'us-east-1', domains: [], kmsKeys: {} });
    expect(created.changes.map((c) => c.kind)).toEqual(['domain', 'applied-record']);
  });

  it('labels a speaker back as changed outside only when the last apply erased this very list', () => {
    const d = domain({ erasedSpeakers: ['c-1', 'c-2'] });
    const record = (ids: string[]) => formatRecord({ erasedSpeakers: recordDigest(ids) });
    const erasure = (p: ReturnType<typeof plan>) => p.changes.filter((c) => c.kind === 'erased-speakers').map((c) => [c.speakerIds, c.changedOutside]);
    const same = plan(state(d), liveWith(d, { 'c-1': 'ENROLLED' }, [], record(['c-1', 'c-2'])));
    expect(erasure(same)).toEqual([[['c-1'], ['erasedSpeakers']]]);
    expect(same.summary.outside).toBe(1);
    // The list grew since (the YAML added c-2): the speaker may simply be newly declared, so no label.
    const edited = plan(state(d), liveWith(d, { 'c-1': 'ENROLLED' }, [], record(['c-1'])));
    expect(erasure(edited)).toEqual([[['c-1'], undefined]]);
    expect(edited.summary.outside).toBe(0);
  });

  it('offers both addresses to --target, and a targeted erasure keeps the rest of the record', () => {
    const d = domain({ erasedSpeakers: ['c-1'], deletedFraudsters: [F1], tags: { team: 'x' } });
    const live = liveWith(d, { 'c-1': 'ENROLLED' }, [F1]);
    expect(targetAddresses(state(d), live)).toEqual(expect.arrayContaining(['domain.a.erased-speakers', 'domain.a.deleted-fraudsters']));
    const targeted = plan(state(d), live, { targets: ['domain.a.deleted-fraudsters'] });
    expect(targeted.changes.map((c) => c.address)).toEqual(['domain.a.deleted-fraudsters']);
    const erasure = plan(state(d), live, { targets: ['domain.a.erased-speakers'] });
    expect(erasure.changes.map((c) => c.address)).toEqual(['domain.a.erased-speakers', 'domain.a.applied-record']);
  });
});
