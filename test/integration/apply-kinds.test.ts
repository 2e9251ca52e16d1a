/**
 * Every kind of change applied against the emulator with the real SDK clients, each ending with an empty
 * re-plan (CONTRACT §4 "after a successful apply, an immediate plan with the same inputs shows no changes").
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { desiredDomain, desiredState, KEY_1_ARN, KEY_2_ARN, owner, SEED_ROLE, startFixture } from '../live/emulator-fixture.js';
import type { Fixture } from '../live/emulator-fixture.js';
import { applyDesired, operationKinds } from '../apply/harness.js';
import { applyPlan } from '../../src/apply/index.js';
import { planOf } from '../apply/harness.js';

let fx: Fixture;
beforeEach(async () => {
  fx = await startFixture();
});
afterEach(async () => fx.close());

const describeAll = async () => {
  const list = await fx.aws.voiceId.listDomains({ MaxResults: 10 });
  return list.DomainSummaries ?? [];
};
const tagsOf = async (arn: string) => {
  const t = await fx.aws.voiceId.listTagsForResource({ ResourceArn: arn });
  return Object.fromEntries((t.Tags ?? []).map((x) => [x.Key, x.Value]));
};

describe('apply against the emulator', () => {
  test('creates a domain with its user and ownership tags in CreateDomain, and the re-plan is empty', async () => {
    const desired = desiredState('prod', [desiredDomain('support', { name: 'support-line', description: 'Support', tags: { team: 'cc' } })]);
    const r = await applyDesired(fx.aws, desired);
    expect(operationKinds(r.plan)).toEqual(['CreateDomain', 'TagResource']);
    expect(r.result.ok).toBe(true);
    const domains = await describeAll();
    expect(domains.map((d) => [d.Name, d.Description])).toEqual([['support-line', 'Support']]);
    expect(await tagsOf(domains[0]!.Arn!)).toEqual({ team: 'cc', ...owner('prod', 'support'), 'voiceid-gitops:applied': expect.stringMatching(/^v1 n=/) });
    // User and ownership tags come with CreateDomain; the one TagResource writes the applied record (PLAN.md R11.4).
    expect(fx.emulator.admin.callCounts().TagResource ?? 0).toBe(1);
    expect(r.replan.changes).toEqual([]);
  });

  test('updates name, description and KMS key in one UpdateDomain carrying the full triple', async () => {
    await fx.emulator.admin.seed({ domains: [{ name: 'old-name', description: 'Old', kmsKeyId: KEY_1_ARN, tags: owner('prod', 'support') }] });
    const desired = desiredState('prod', [desiredDomain('support', { name: 'new-name', description: 'New', kmsKeyId: 'alias/voiceid-next' })]);
    const r = await applyDesired(fx.aws, desired);
    expect(operationKinds(r.plan)).toEqual(['UpdateDomain', 'TagResource']);
    expect(r.result.outcomes.map((o) => o.status)).toEqual(['applied', 'applied']);
    const [d] = await describeAll();
    expect([d!.Name, d!.Description, d!.ServerSideEncryptionConfiguration?.KmsKeyId]).toEqual(['new-name', 'New', 'alias/voiceid-next']);
    expect(r.replan.changes).toEqual([]);
  });

  test('removes a description that the YAML no longer declares', async () => {
    await fx.emulator.admin.seed({ domains: [{ name: 'support', description: 'Going away', tags: owner('prod', 'support') }] });
    const r = await applyDesired(fx.aws, desiredState('prod', [desiredDomain('support')]));
    expect(r.result.ok).toBe(true);
    const [d] = await describeAll();
    expect(d!.Description).toBeUndefined();
    expect(r.replan.changes).toEqual([]);
  });

  test('adds, changes and removes user tags with one UntagResource and one TagResource', async () => {
    await fx.emulator.admin.seed({ domains: [{ name: 'support', tags: { ...owner('prod', 'support'), team: 'old', gone: 'x' } }] });
    const r = await applyDesired(fx.aws, desiredState('prod', [desiredDomain('support', { tags: { team: 'cc', env: 'prod' } })]));
    expect(operationKinds(r.plan)).toEqual(['UntagResource', 'TagResource', 'TagResource']);
    const [d] = await describeAll();
    expect(await tagsOf(d!.Arn!)).toEqual({ ...owner('prod', 'support'), team: 'cc', env: 'prod', 'voiceid-gitops:applied': expect.stringMatching(/^v1 n=/) });
    expect(r.replan.changes).toEqual([]);
  });

  test('opts out enrolled and absent speakers, one OptOutSpeaker per id', async () => {
    await fx.emulator.admin.seed({
      domains: [{ name: 'support', tags: owner('prod', 'support'), speakers: [{ customerSpeakerId: 'cust-1', status: 'ENROLLED' }, { customerSpeakerId: 'cust-2', status: 'OPTED_OUT' }] }],
    });
    fx.emulator.admin.resetCallCounts();
    const ids = ['cust-1', 'cust-2', 'cust-3', 'cust-4'];
    const r = await applyDesired(fx.aws, desiredState('prod', [desiredDomain('support', { optedOutSpeakers: ids })]));
    expect(r.plan.summary.optOut).toBe(3);
    expect(fx.emulator.admin.callCounts().OptOutSpeaker).toBe(3);
    expect(r.result.outcomes.map((o) => [o.status, o.callsDone])).toEqual([['applied', 3], ['applied', 1]]);
    expect(r.replan.changes).toEqual([]);
  });

  test('creates, updates and deletes custom watchlists', async () => {
    await fx.emulator.admin.seed({
      domains: [{ name: 'support', tags: owner('prod', 'support'), watchlists: [{ name: 'rings', description: 'Old' }, { name: 'stale' }] }],
    });
    const desired = desiredState('prod', [desiredDomain('support', { watchlists: [{ name: 'fresh', description: 'New list' }, { name: 'rings', description: 'Rings' }] })]);
    const r = await applyDesired(fx.aws, desired);
    expect(operationKinds(r.plan).sort()).toEqual(['CreateWatchlist', 'DeleteWatchlist', 'UpdateWatchlist']);
    expect(r.result.ok).toBe(true);
    const [d] = await describeAll();
    const lists = (await fx.aws.voiceId.listWatchlists({ DomainId: d!.DomainId! })).WatchlistSummaries ?? [];
    expect(lists.filter((w) => !w.DefaultWatchlist).map((w) => [w.Name, w.Description]).sort()).toEqual([['fresh', 'New list'], ['rings', 'Rings']]);
    expect(r.replan.changes).toEqual([]);
  });

  test('starts jobs on a new domain with watchlist names resolved to the ids created in the same run', async () => {
    const job = { dataAccessRoleArn: SEED_ROLE, inputS3Uri: 's3://voiceid-bucket/in.json', outputS3Uri: 's3://voiceid-bucket/out/' };
    const desired = desiredState('prod', [
      desiredDomain('support', {
        watchlists: [{ name: 'high-risk', description: 'Rings' }],
        enrollmentJobs: [{ jobName: 'backfill', ...job, fraudDetection: { action: 'FAIL', riskThreshold: 50, watchlists: ['high-risk'] } }],
        fraudsterRegistrationJobs: [{ jobName: 'ring-42', ...job, watchlists: ['default'] }],
      }),
    ]);
    const r = await applyDesired(fx.aws, desired);
    expect(r.result.ok).toBe(true);
    const [d] = await describeAll();
    const lists = (await fx.aws.voiceId.listWatchlists({ DomainId: d!.DomainId! })).WatchlistSummaries ?? [];
    const idOf = (pred: (w: (typeof lists)[number]) => boolean) => lists.find(pred)!.WatchlistId;
    const enrollments = (await fx.aws.voiceId.listSpeakerEnrollmentJobs({ DomainId: d!.DomainId! })).JobSummaries ?? [];
    const enrollment = (await fx.aws.voiceId.describeSpeakerEnrollmentJob({ DomainId: d!.DomainId!, JobId: enrollments[0]!.JobId! })).Job;
    expect(enrollment?.EnrollmentConfig?.FraudDetectionConfig?.WatchlistIds).toEqual([idOf((w) => w.Name === 'high-risk')]);
    const registrations = (await fx.aws.voiceId.listFraudsterRegistrationJobs({ DomainId: d!.DomainId! })).JobSummaries ?? [];
    const registration = (await fx.aws.voiceId.describeFraudsterRegistrationJob({ DomainId: d!.DomainId!, JobId: registrations[0]!.JobId! })).Job;
    expect(registration?.RegistrationConfig?.WatchlistIds).toEqual([idOf((w) => w.DefaultWatchlist === true)]);
    expect(r.replan.changes).toEqual([]);
  });

  test('adopts an unmanaged domain by tagging it, then updates its attributes', async () => {
    const seed = await fx.emulator.admin.seed({ domains: [{ name: 'legacy', description: 'Legacy', tags: { owner: 'ops' } }] });
    const desired = desiredState('prod', [desiredDomain('legacy', { adopt: seed.domainIds[0]!, description: 'Adopted', tags: { owner: 'ops' } })]);
    const r = await applyDesired(fx.aws, desired);
    expect(operationKinds(r.plan)).toEqual(['TagResource', 'UpdateDomain', 'TagResource']);
    expect(await tagsOf(seed.domainArns[0]!)).toEqual({ owner: 'ops', ...owner('prod', 'legacy'), 'voiceid-gitops:applied': expect.stringMatching(/^v1 n=/) });
    expect(r.replan.changes).toEqual([]);
  });

  test('deletes a pruned managed domain only with allowDelete', async () => {
    await fx.emulator.admin.seed({ domains: [{ name: 'keep', tags: owner('prod', 'keep') }, { name: 'old', tags: owner('prod', 'old') }] });
    const desired = { ...desiredState('prod', [desiredDomain('keep')]), prune: true };
    const p = await planOf(fx.aws, desired);
    await expect(applyPlan(p, fx.aws.voiceId)).rejects.toMatchObject({ code: 'DELETE_NOT_ALLOWED' });
    expect(fx.emulator.admin.callCounts().DeleteDomain ?? 0).toBe(0);
    const r = await applyDesired(fx.aws, desired, { allowDelete: true });
    expect(r.result.outcomes.map((o) => [o.address, o.status])).toEqual([['domain.old', 'applied']]);
    const statuses = (await describeAll()).map((d) => [d.Name, d.DomainStatus]).sort();
    expect(statuses).toEqual([['keep', 'ACTIVE'], ['old', 'SUSPENDED']]);
    expect(r.replan.changes).toEqual([]);
  });

  test('brings a second domain to its desired state from scratch with every resource kind at once', async () => {
    const job = { dataAccessRoleArn: SEED_ROLE, inputS3Uri: 's3://voiceid-bucket/in.json', outputS3Uri: 's3://voiceid-bucket/out/' };
    const desired = desiredState('prod', [
      desiredDomain('a', { kmsKeyId: KEY_2_ARN, tags: { t: '1' }, optedOutSpeakers: ['s-1', 's-2'], watchlists: [{ name: 'w' }], enrollmentJobs: [{ jobName: 'j', ...job }] }),
      desiredDomain('b', { description: 'B', optedOutSpeakers: ['s-1'] }),
    ]);
    const r = await applyDesired(fx.aws, desired);
    expect(r.result.outcomes.every((o) => o.status === 'applied')).toBe(true);
    expect((await describeAll()).length).toBe(2);
    expect(r.replan.changes).toEqual([]);
  });
});
