/**
 * The one staleness rule (APPLY.md A1.7, src/plan/staleness.ts): a saved plan is current exactly when a fresh plan
 * of the same inputs equals it but for the volatile members; what differs is named by path, never by value.
 */
import { describe, expect, it } from 'vitest';
import type { DesiredDomain, DesiredState } from '../../src/model/desired.js';
import type { LiveDomain, LiveState } from '../../src/model/live.js';
import type { Plan } from '../../src/model/plan.js';
import { describeDifference, plan, planDifference, sealPlan } from '../../src/plan/index.js';
import { liveOf } from '../helpers/live-of.js';

const KMS = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const ROLE = 'arn:aws:iam::111122223333:role/R';
const job = (jobName: string) => ({ jobName, dataAccessRoleArn: ROLE, inputS3Uri: `s3://b/${jobName}`, outputS3Uri: 's3://b/o/' });
const domain = (key: string, extra: Partial<DesiredDomain> = {}): DesiredDomain => ({
  key, name: key, kmsKeyId: KMS, tags: {}, optedOutSpeakers: [], watchlists: [], enrollmentJobs: [], fraudsterRegistrationJobs: [], ...extra,
});
const state = (...domains: DesiredDomain[]): DesiredState => ({ version: 1, stack: 'unit', region: 'us-east-1', prune: false, domains });
const desired = state(domain('a', { enrollmentJobs: [job('j')] }));
const jobsWithStatus = (live: LiveState, status: 'IN_PROGRESS' | 'COMPLETED', percent?: number): LiveState => {
  const [d] = live.domains as [LiveDomain];
  const enrollmentJobs = d.details!.enrollmentJobs.map((j) => ({ ...j, status, ...(percent === undefined ? {} : { progress: { percentComplete: percent } }) }));
  return { ...live, domains: [{ ...d, details: { ...d.details!, enrollmentJobs } }] };
};
const paths = (saved: Plan, fresh: Plan) => planDifference(saved, fresh)?.paths;

describe('a saved plan is current when a fresh plan of the same inputs equals it', () => {
  it('is current for the same inputs, sealed or not, whatever its warnings, notes and source', () => {
    const saved = sealPlan({ ...plan(desired, liveOf(desired)), source: { paths: ['stack'] }, notes: [{ code: 'N', message: 'x' }] });
    expect(planDifference(saved, plan(desired, liveOf(desired)))).toBeUndefined();
  });

  it('stays current while a job progresses (only the notes move)', () => {
    const live = liveOf(desired);
    expect(planDifference(plan(desired, jobsWithStatus(live, 'IN_PROGRESS', 10)), plan(desired, jobsWithStatus(live, 'IN_PROGRESS', 60)))).toBeUndefined();
    expect(planDifference(plan(desired, jobsWithStatus(live, 'IN_PROGRESS')), plan(desired, jobsWithStatus(live, 'COMPLETED')))).toBeUndefined();
  });

  it('goes stale when the running job a deferred job waits for ends, naming that change', () => {
    const withNext = state(domain('a', { enrollmentJobs: [job('j'), job('k')] }));
    const live = liveOf(desired);
    const saved = plan(withNext, jobsWithStatus(live, 'IN_PROGRESS'));
    expect(saved.changes.map((c) => [c.action, c.deferred !== undefined])).toEqual([['start', true]]);
    expect(paths(saved, plan(withNext, jobsWithStatus(live, 'COMPLETED')))).toEqual(expect.arrayContaining(['changes[domain.a.enrollment-job.k].deferred (only in the saved plan)']));
  });

  it('goes stale when a managed domain is edited outside, naming the attribute', () => {
    const live = liveOf(desired);
    const [d] = live.domains as [LiveDomain];
    const fresh = plan(desired, { ...live, domains: [{ ...d, description: 'edited in the console' }] });
    expect(paths(plan(desired, live), fresh)).toEqual(expect.arrayContaining(['changes[domain.a] (only in a fresh plan)', 'summary.change']));
  });

  it('stays current when an unrelated unmanaged domain appears, or YAML moves between files', () => {
    const live = liveOf(desired);
    const other: LiveDomain = { domainId: 'UnReLaTeDuNrElAtEdUnR1', arn: 'arn:aws:voiceid:us-east-1:111122223333:domain/UnReLaTeDuNrElAtEdUnR1', name: 'other', status: 'ACTIVE', kmsKeyId: KMS, tags: {} };
    expect(planDifference(plan(desired, live), plan(desired, { ...live, domains: [...live.domains, other] }))).toBeUndefined();
    const moved = state({ ...desired.domains[0]!, source: { file: 'moved.yaml', line: 9, col: 3 } });
    expect(planDifference(plan(desired, live), plan(moved, live))).toBeUndefined();
  });

  it('stays current when a domain to delete gains speakers (its count is for the reviewer, R8.3), but not when it is no longer deleted', () => {
    const pruning: DesiredState = { ...state(), prune: true };
    const orphan = (speakerCount?: { listed: number; complete: boolean }): LiveState => {
      const [d] = liveOf(desired).domains as [LiveDomain];
      return { region: 'us-east-1', kmsKeys: {}, domains: [{ ...d, ...(speakerCount ? { speakerCount } : {}) }] };
    };
    const saved = plan(pruning, orphan({ listed: 57, complete: true }));
    expect(saved.changes.map((c) => [c.action, c.kind === 'domain' ? c.speakerCount : undefined])).toEqual([['delete', { listed: 57, complete: true }]]);
    expect(planDifference(saved, plan(pruning, orphan({ listed: 200, complete: false })))).toBeUndefined();
    expect(planDifference(saved, plan(pruning, orphan()))).toBeUndefined();
    expect(paths(saved, plan({ ...pruning, prune: false }, orphan({ listed: 57, complete: true })))).toEqual(expect.arrayContaining(['prune']));
  });
});

describe('what differs is named by path, never by value', () => {
  const fresh = plan(state(domain('a', { tags: { team: 'cc' }, optedOutSpeakers: ['customer-0001'] })), { region: 'us-east-1', domains: [], kmsKeys: {} });

  it('names edited members of the summary and the Region', () => {
    expect(paths({ ...fresh, summary: { ...fresh.summary, optOut: 0 }, region: 'eu-west-2' }, fresh)).toEqual(['region', 'summary.optOut']);
  });

  it('matches changes by address: an edited one is named by its address and path, a removed one once', () => {
    const [first, ...rest] = fresh.changes;
    const edited = fresh.changes.map((c) => (c.kind === 'opt-outs' ? { ...c, speakerIds: ['customer-9999'] } : c));
    expect(paths({ ...fresh, changes: edited }, fresh)).toEqual(['changes[domain.a.opt-outs].speakerIds[0]']);
    expect(paths({ ...fresh, changes: rest }, fresh)).toEqual([`changes[${first!.address}] (only in a fresh plan)`]);
    expect(paths({ ...fresh, changes: [...rest, first!] }, fresh)).toEqual(['changes (their order)']);
  });

  it('says how many more differ beyond the first five, and never shows a value', () => {
    const wrong = { ...fresh, summary: { add: 9, change: 9, delete: 9, adopt: 9, optOut: 9, jobsToStart: 9, deferred: 9, blocked: 9, outside: 9 } };
    const d = planDifference(wrong, fresh)!;
    expect(describeDifference(d)).toBe('summary.add, summary.adopt, summary.blocked, summary.change, summary.deferred and 4 more');
    const speaker = { ...fresh, changes: fresh.changes.map((c) => (c.kind === 'opt-outs' ? { ...c, speakerIds: ['customer-9999'] } : c)) };
    expect(describeDifference(planDifference(speaker, fresh)!)).not.toContain('customer');
  });
});
