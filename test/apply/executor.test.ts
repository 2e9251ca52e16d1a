/**
 * The executor's own rules (APPLY.md §2, §4, §5) against the emulator with the real SDK clients: dependencies,
 * interruption, and --wait on an injected clock (the emulator's clock and apply's sleep move together).
 */
import { afterEach, describe, expect, test } from 'vitest';
import { applyPlan } from '../../src/apply/index.js';
import type { ApplyEvent } from '../../src/apply/index.js';
import type { VoiceIdApi } from '../../src/aws/index.js';
import { desiredDomain, desiredState, KEY_1_ARN, KEY_2_ARN, owner, SEED_ROLE, startFixture, T0 } from '../live/emulator-fixture.js';
import type { Fixture } from '../live/emulator-fixture.js';
import { planOf } from './harness.js';

let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

const job = { dataAccessRoleArn: SEED_ROLE, inputS3Uri: 's3://voiceid-exec/in.json', outputS3Uri: 's3://voiceid-exec/out/' };
const ids = (n: number) => Array.from({ length: n }, (_, i) => `cust-${String(i).padStart(3, '0')}`);

describe('dependencies', () => {
  test('a failed CreateDomain skips everything else of that domain and not the other domains', async () => {
    fx = await startFixture({}, { retry: { maxAttempts: 2 } });
    fx.emulator.admin.setFaults({ operations: ['CreateDomain'], errorRate: 1 });
    await fx.emulator.admin.seed({ domains: [{ name: 'b', tags: owner('prod', 'b') }] });
    const p = await planOf(fx.aws, desiredState('prod', [desiredDomain('a', { watchlists: [{ name: 'w' }], optedOutSpeakers: ['x'] }), desiredDomain('b', { tags: { t: '1' } })]));
    const r = await applyPlan(p, fx.aws.voiceId);
    expect(r.outcomes.map((o) => [o.address, o.status])).toEqual([
      ['domain.a', 'failed'],
      ['domain.a.watchlist.w', 'skipped'],
      ['domain.a.opt-outs', 'skipped'],
      ['domain.a.applied-record', 'skipped'],
      ['domain.b.tags', 'applied'],
      ['domain.b.applied-record', 'applied'],
    ]);
    expect(r.outcomes[1]!.reason).toBe('dependency failed: domain.a was not applied');
    expect(r.ok).toBe(false);
  });

  test('a job naming a watchlist whose creation failed is skipped, while opt-outs still run', async () => {
    fx = await startFixture({}, { retry: { maxAttempts: 2 } });
    await fx.emulator.admin.seed({ domains: [{ name: 'a', tags: owner('prod', 'a') }] });
    fx.emulator.admin.setFaults({ operations: ['CreateWatchlist'], errorRate: 1 });
    const p = await planOf(fx.aws, desiredState('prod', [desiredDomain('a', { watchlists: [{ name: 'w' }], optedOutSpeakers: ['x'], enrollmentJobs: [{ jobName: 'j', ...job, fraudDetection: { watchlists: ['w'] } }] })]));
    const r = await applyPlan(p, fx.aws.voiceId);
    expect(r.outcomes.map((o) => [o.address, o.status, o.reason?.split(':')[0]])).toEqual([
      ['domain.a.watchlist.w', 'failed', 'AWS_SERVICE_ERROR'],
      ['domain.a.opt-outs', 'applied', undefined],
      ['domain.a.enrollment-job.j', 'skipped', 'dependency failed'],
      // The record covers the opt-outs (applied); watchlists and jobs are not recorded (PLAN.md R11.4).
      ['domain.a.applied-record', 'applied', undefined],
    ]);
  });

  test('a blocked change is skipped with its reason', async () => {
    fx = await startFixture();
    await fx.emulator.admin.seed({ domains: [{ name: 'a', tags: owner('prod', 'a'), watchlists: [{ name: 'old' }], fraudsters: [{ watchlists: ['old'] }] }] });
    const p = await planOf(fx.aws, desiredState('prod', [desiredDomain('a')]));
    const r = await applyPlan(p, fx.aws.voiceId);
    expect(r.outcomes.map((o) => [o.address, o.status])).toEqual([['domain.a.watchlist.old', 'skipped']]);
    expect(r.outcomes[0]!.reason).toMatch(/^blocked: /);
  });
});

describe('interruption', () => {
  test('an abort during opt-outs lets calls in flight finish, starts nothing new, and a re-run sends only what is left', async () => {
    fx = await startFixture();
    await fx.emulator.admin.seed({ domains: [{ name: 'a', tags: owner('prod', 'a') }, { name: 'old', tags: owner('prod', 'old') }] });
    // Deletes run last, so the pruned domain's delete has not started when the abort comes.
    const desired = { ...desiredState('prod', [desiredDomain('a', { optedOutSpeakers: ids(60) })]), prune: true };
    const controller = new AbortController();
    let optOuts = 0;
    const api: VoiceIdApi = {
      ...fx.aws.voiceId,
      optOutSpeaker: async (i) => {
        const res = await fx!.aws.voiceId.optOutSpeaker(i);
        if (++optOuts === 10) controller.abort(new Error('SIGINT'));
        return res;
      },
    };
    const r = await applyPlan(await planOf(fx.aws, desired), api, { signal: controller.signal, optOutConcurrency: 4, allowDelete: true });
    expect(r.interrupted).toBe(true);
    expect(r.ok).toBe(false);
    const [optOut, record, deleteOutcome] = r.outcomes;
    expect(optOut!.status).toBe('interrupted');
    // The applied record never claims opt-outs that were not all made (PLAN.md R11.5).
    expect(record).toMatchObject({ address: 'domain.a.applied-record', status: 'skipped', reason: 'dependency failed: domain.a.opt-outs was not applied' });
    // The 10th call aborted; at most the 3 other workers' calls were in flight and finished.
    expect(optOut!.callsDone).toBeGreaterThanOrEqual(10);
    expect(optOut!.callsDone).toBeLessThanOrEqual(13);
    expect(deleteOutcome).toMatchObject({ address: 'domain.old', status: 'skipped', reason: 'interrupted before it started' });
    expect(fx.emulator.admin.callCounts().DeleteDomain ?? 0).toBe(0);

    fx.emulator.admin.resetCallCounts();
    const again = await applyPlan(await planOf(fx.aws, desired), fx.aws.voiceId, { allowDelete: true });
    expect(again.ok).toBe(true);
    expect(fx.emulator.admin.callCounts().OptOutSpeaker).toBe(60 - optOut!.callsDone);
  });
});

describe('--wait', () => {
  function clockedFixture() {
    let t = T0;
    const wait = { now: () => t, sleep: async (ms: number) => void (t += ms), pollMs: 500 };
    return { wait, start: () => startFixture({ now: () => t, kmsUpdateDelayMs: 3000, jobStepMs: 1000 }) };
  }

  test('follows a KMS re-encryption and a started job to completion, polling on the injected clock', async () => {
    const c = clockedFixture();
    fx = await c.start();
    await fx.emulator.admin.seed({ domains: [{ name: 'a', kmsKeyId: KEY_1_ARN, tags: owner('prod', 'a') }] });
    const events: ApplyEvent[] = [];
    const p = await planOf(fx.aws, desiredState('prod', [desiredDomain('a', { kmsKeyId: KEY_2_ARN, enrollmentJobs: [{ jobName: 'j', ...job }] })]));
    const r = await applyPlan(p, fx.aws.voiceId, { wait: c.wait, onEvent: (e) => events.push(e) });
    expect(r.waits).toEqual([
      { subject: 'domain.a', status: 'completed', detail: 'encryption up to date' },
      { subject: 'domain.a.enrollment-job.j', status: 'completed', detail: 'job COMPLETED' },
    ]);
    expect(r.ok).toBe(true);
    // Both waits advance the one fake clock, so the number of polls varies; the first and the last do not.
    const seen = events.flatMap((e) => (e.kind === 'wait' && e.subject === 'domain.a' ? [e.status] : []));
    expect(seen.length).toBeGreaterThan(2);
    expect([seen[0], seen.at(-1)]).toEqual(['re-encrypting', 'encryption up to date']);
  });

  test('awaits a re-encryption in progress, then makes the deferred key change', async () => {
    const c = clockedFixture();
    fx = await c.start();
    await fx.emulator.admin.seed({ domains: [{ name: 'a', kmsKeyId: KEY_2_ARN, tags: owner('prod', 'a'), encryptionUpdate: { status: 'IN_PROGRESS', oldKmsKeyId: KEY_1_ARN } }] });
    const desired = desiredState('prod', [desiredDomain('a', { kmsKeyId: 'alias/voiceid-jobs' })]);
    const p = await planOf(fx.aws, desired);
    expect(p.changes.map((ch) => [ch.action, ch.deferred !== undefined])).toEqual([['update', true]]);
    const r = await applyPlan(p, fx.aws.voiceId, { wait: c.wait });
    expect(r.outcomes.map((o) => o.status)).toEqual(['applied']);
    const d = await fx.aws.voiceId.describeDomain({ DomainId: p.changes[0]!.domainId! });
    expect(d.Domain?.ServerSideEncryptionConfiguration?.KmsKeyId).toBe('alias/voiceid-jobs');
  });

  test('without --wait a deferred key change is reported deferred, not attempted', async () => {
    fx = await startFixture();
    await fx.emulator.admin.seed({ domains: [{ name: 'a', kmsKeyId: KEY_2_ARN, tags: owner('prod', 'a'), encryptionUpdate: { status: 'IN_PROGRESS', oldKmsKeyId: KEY_1_ARN } }] });
    const p = await planOf(fx.aws, desiredState('prod', [desiredDomain('a', { kmsKeyId: 'alias/voiceid-jobs' })]));
    fx.emulator.admin.resetCallCounts();
    const r = await applyPlan(p, fx.aws.voiceId);
    expect(r.outcomes.map((o) => o.status)).toEqual(['deferred']);
    expect(r.ok).toBe(true);
    expect(fx.emulator.admin.callCounts().UpdateDomain ?? 0).toBe(0);
  });

  test('a wait that outlasts its timeout is reported as timed out and fails the apply', async () => {
    const c = clockedFixture();
    fx = await c.start();
    await fx.emulator.admin.seed({ domains: [{ name: 'a', kmsKeyId: KEY_1_ARN, tags: owner('prod', 'a') }] });
    const p = await planOf(fx.aws, desiredState('prod', [desiredDomain('a', { kmsKeyId: KEY_2_ARN })]));
    const r = await applyPlan(p, fx.aws.voiceId, { wait: { ...c.wait, timeoutMs: 1000 } });
    expect(r.waits).toEqual([{ subject: 'domain.a', status: 'timed-out', detail: 'still re-encrypting when the wait timed out' }]);
    expect(r.ok).toBe(false);
  });
});
