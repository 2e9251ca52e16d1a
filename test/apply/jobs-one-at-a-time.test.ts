/**
 * One active job of each kind per domain (PLAN.md R7.4, APPLY.md A5.3) against the emulator, which answers a second
 * Start with ServiceQuotaExceededException. The emulator's clock and apply's sleep move together (no real waiting).
 */
import { afterEach, describe, expect, test } from 'vitest';
import { applyPlan, summaryLine } from '../../src/apply/index.js';
import { outcomeLines } from '../../src/cli/apply-report.js';
import { desiredDomain, desiredState, owner, SEED_ROLE, startFixture, T0 } from '../live/emulator-fixture.js';
import type { Fixture } from '../live/emulator-fixture.js';
import { planOf } from './harness.js';

let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

const job = (jobName: string) => ({ jobName, dataAccessRoleArn: SEED_ROLE, inputS3Uri: `s3://voiceid-exec/${jobName}.json`, outputS3Uri: 's3://voiceid-exec/out/' });
const desired = desiredState('prod', [desiredDomain('a', { enrollmentJobs: [job('q2'), job('q1')], fraudsterRegistrationJobs: [job('ring')] })]);

async function clocked() {
  let t = T0;
  const clock = { now: () => t, advance: (ms: number) => void (t += ms) };
  const wait = { now: clock.now, sleep: async (ms: number) => clock.advance(ms), pollMs: 500 };
  const f = await startFixture({ now: clock.now, jobStepMs: 1000 });
  await f.emulator.admin.seed({ domains: [{ name: 'a', tags: owner('prod', 'a') }] });
  return { f, clock, wait };
}

async function enrollmentJobs(f: Fixture) {
  const domainId = (await f.aws.voiceId.listDomains({ MaxResults: 10 })).DomainSummaries![0]!.DomainId!;
  const list = (await f.aws.voiceId.listSpeakerEnrollmentJobs({ DomainId: domainId })).JobSummaries ?? [];
  return list.map((j) => ({ name: j.JobName, status: j.JobStatus, created: j.CreatedAt?.getTime(), ended: j.EndedAt?.getTime() })).sort((x, y) => (x.name! < y.name! ? -1 : 1));
}

describe('jobs of one kind run one at a time per domain', () => {
  test('apply --wait starts the first enrollment job, waits for it to end, then starts the next', async () => {
    const c = await clocked();
    fx = c.f;
    const p = await planOf(fx.aws, desired);
    const r = await applyPlan(p, fx.aws.voiceId, { wait: c.wait });
    expect(r.outcomes.map((o) => [o.address, o.status])).toEqual([
      ['domain.a.enrollment-job.q1', 'applied'],
      ['domain.a.enrollment-job.q2', 'applied'],
      ['domain.a.fraudster-registration-job.ring', 'applied'],
    ]);
    expect(r.ok).toBe(true);
    const [q1, q2] = await enrollmentJobs(fx);
    expect([q1!.status, q2!.status]).toEqual(['COMPLETED', 'COMPLETED']);
    expect(q2!.created!).toBeGreaterThanOrEqual(q1!.ended!);
    expect((await planOf(fx.aws, desired)).changes).toEqual([]);
  });

  test('without --wait the first job starts, the next is reported deferred, and a re-run after the first ends starts it', async () => {
    const c = await clocked();
    fx = c.f;
    const first = await applyPlan(await planOf(fx.aws, desired), fx.aws.voiceId);
    expect(first.outcomes.map((o) => [o.address, o.status])).toEqual([
      ['domain.a.enrollment-job.q1', 'applied'],
      ['domain.a.enrollment-job.q2', 'deferred'],
      ['domain.a.fraudster-registration-job.ring', 'applied'],
    ]);
    expect(first.ok).toBe(true);
    expect(fx.emulator.admin.callCounts().StartSpeakerEnrollmentJob).toBe(1);
    expect(outcomeLines(first)[1]).toBe(
      '  … domain.a.enrollment-job.q2: deferred: Voice ID runs one enrollment job per domain at a time: starts after q1 ends; the next apply after that starts it (or apply --wait)',
    );
    expect(summaryLine(first)).toBe('Apply complete: 2 applied, 0 failed, 0 skipped, 0 interrupted; 1 deferred: the next apply starts them.');

    // While q1 still runs, a re-run starts nothing.
    const running = await planOf(fx.aws, desired);
    expect(running.changes.map((ch) => [ch.address, ch.action, ch.deferred !== undefined])).toEqual([['domain.a.enrollment-job.q2', 'start', true]]);

    c.clock.advance(2000);
    const second = await applyPlan(await planOf(fx.aws, desired), fx.aws.voiceId);
    expect(second.outcomes.map((o) => [o.address, o.status])).toEqual([['domain.a.enrollment-job.q2', 'applied']]);
    expect((await enrollmentJobs(fx)).map((j) => j.name)).toEqual(['q1', 'q2']);
    c.clock.advance(2000);
    expect((await planOf(fx.aws, desired)).changes).toEqual([]);
  });

  test('apply --wait waits for a job that was already running before the apply', async () => {
    const c = await clocked();
    fx = c.f;
    const domainId = (await fx.aws.voiceId.listDomains({ MaxResults: 10 })).DomainSummaries![0]!.DomainId!;
    await fx.aws.voiceId.startSpeakerEnrollmentJob({ DomainId: domainId, JobName: 'q0', ClientToken: 'vg-test-q0', DataAccessRoleArn: SEED_ROLE, InputDataConfig: { S3Uri: 's3://voiceid-exec/q0.json' }, OutputDataConfig: { S3Uri: 's3://voiceid-exec/out/' } });
    const only = desiredState('prod', [desiredDomain('a', { enrollmentJobs: [job('q0'), job('q1')] })]);
    const p = await planOf(fx.aws, only);
    expect(p.changes.map((ch) => [ch.address, ch.deferred?.reason])).toEqual([
      ['domain.a.enrollment-job.q1', 'Voice ID runs one enrollment job per domain at a time: starts after q0 ends; the next apply after that starts it (or apply --wait)'],
    ]);
    const r = await applyPlan(p, fx.aws.voiceId, { wait: c.wait });
    expect(r.outcomes.map((o) => o.status)).toEqual(['applied']);
    expect((await enrollmentJobs(fx)).map((j) => [j.name, j.status])).toEqual([['q0', 'COMPLETED'], ['q1', 'COMPLETED']]);
  });
});
