import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SeedResult } from '../../src/emulator/index.js';
import { GitopsError } from '../../src/model/errors.js';
import type { LiveDomain } from '../../src/model/live.js';
import type { TaggingApi } from '../../src/aws/index.js';
import { readLiveState, readLiveStateWithStats } from '../../src/live/index.js';
import { desiredDomain, desiredState, KEY_1_ARN, KEY_2, KEY_2_ARN, owner, SEED_ROLE, startFixture, T0_ISO } from './emulator-fixture.js';
import type { Fixture } from './emulator-fixture.js';

let fx: Fixture;
let seed: SeedResult;

// Seeded once: 0 managed `support` (with everything inside), 1 unmanaged `billing` (twin of a desired name),
// 2 unmanaged `unrelated`, 3 managed but SUSPENDED `gone`, 4 unmanaged `legacy` (adopted by the desired state).
beforeAll(async () => {
  fx = await startFixture();
  seed = await fx.emulator.admin.seed({
    domains: [
      {
        name: 'support',
        description: 'Support line',
        tags: { ...owner('prod', 'support'), team: 'cc' },
        watchlists: [{ name: 'high-risk', description: 'Rings' }, { name: 'old' }],
        fraudsters: [{ watchlists: ['old'] }],
        speakers: [{ customerSpeakerId: 'cust-1', status: 'ENROLLED' }, { customerSpeakerId: 'cust-2', status: 'OPTED_OUT' }, { customerSpeakerId: 'cust-9', status: 'ENROLLED' }],
        enrollmentJobs: [{ jobName: 'backfill', status: 'COMPLETED' }, { jobName: 'other', status: 'IN_PROGRESS' }],
        registrationJobs: [{ jobName: 'ring', status: 'FAILED' }],
      },
      { name: 'billing', kmsKeyId: KEY_2_ARN },
      { name: 'unrelated', tags: { team: 'x' } },
      { name: 'gone', status: 'SUSPENDED', tags: owner('prod', 'gone') },
      { name: 'legacy', tags: { owner: 'ops' } },
    ],
  });
});
afterAll(async () => fx.close());

const desired = () =>
  desiredState('prod', [
    desiredDomain('billing', { kmsKeyId: 'alias/missing' }),
    desiredDomain('legacy', { adopt: seed.domainIds[4]!, kmsKeyId: 'alias/voiceid-next' }),
    desiredDomain('support', {
      kmsKeyId: 'alias/voiceid',
      optedOutSpeakers: ['cust-1', 'cust-2', 'cust-3'],
      watchlists: [{ name: 'high-risk', description: 'Rings' }],
      enrollmentJobs: [{ jobName: 'backfill', dataAccessRoleArn: SEED_ROLE, inputS3Uri: 's3://a/in', outputS3Uri: 's3://a/out/' }],
      fraudsterRegistrationJobs: [{ jobName: 'ring', dataAccessRoleArn: SEED_ROLE, inputS3Uri: 's3://a/in', outputS3Uri: 's3://a/out/' }],
    }),
  ]);

function base(i: number, name: string, tags: Record<string, string>, extra: Partial<LiveDomain> = {}): LiveDomain {
  return {
    domainId: seed.domainIds[i]!,
    arn: seed.domainArns[i]!,
    name,
    status: 'ACTIVE',
    kmsKeyId: KEY_1_ARN,
    defaultWatchlistId: seed.watchlistIds[i]!.Default!,
    tags,
    createdAt: T0_ISO,
    updatedAt: T0_ISO,
    ...extra,
  };
}

const support = (): LiveDomain =>
  base(0, 'support', { team: 'cc', 'voiceid-gitops:key': 'support', 'voiceid-gitops:stack': 'prod' }, {
    description: 'Support line',
    details: {
      speakers: { 'cust-1': 'ENROLLED', 'cust-2': 'OPTED_OUT' },
      watchlists: [
        { watchlistId: seed.watchlistIds[0]!.Default!, name: 'Default', description: 'Default watchlist', isDefault: true },
        { watchlistId: seed.watchlistIds[0]!['high-risk']!, name: 'high-risk', description: 'Rings', isDefault: false },
        { watchlistId: seed.watchlistIds[0]!.old!, name: 'old', isDefault: false },
      ],
      // 'old' is not declared (to be deleted): its members are read, each with all its watchlists (PLAN.md R15.5).
      memberships: { read: [seed.watchlistIds[0]!.old!], fraudsters: { [seed.fraudsterIds[0]![0]!]: [seed.watchlistIds[0]!.old!] } },
      enrollmentJobs: [
        {
          jobId: seed.enrollmentJobIds[0]![0]!, jobName: 'backfill', status: 'COMPLETED', createdAt: T0_ISO, endedAt: T0_ISO,
          progress: { percentComplete: 100 }, dataAccessRoleArn: SEED_ROLE,
          inputS3Uri: 's3://voiceid-emulator-seed/input.json', outputS3Uri: 's3://voiceid-emulator-seed/output/',
        },
        { jobId: seed.enrollmentJobIds[0]![1]!, jobName: 'other', status: 'IN_PROGRESS', createdAt: T0_ISO, progress: { percentComplete: 50 } },
      ],
      fraudsterRegistrationJobs: [
        {
          jobId: seed.registrationJobIds[0]![0]!, jobName: 'ring', status: 'FAILED', createdAt: T0_ISO, endedAt: T0_ISO,
          progress: { percentComplete: 0 }, failure: { statusCode: 400, message: 'The input manifest could not be read.' },
          dataAccessRoleArn: SEED_ROLE, inputS3Uri: 's3://voiceid-emulator-seed/input.json', outputS3Uri: 's3://voiceid-emulator-seed/output/',
        },
      ],
    },
  });
const billing = (): LiveDomain => base(1, 'billing', {}, { kmsKeyId: KEY_2_ARN });
const unrelated = (): LiveDomain => base(2, 'unrelated', { team: 'x' });
const gone = (): LiveDomain => base(3, 'gone', {}, { status: 'SUSPENDED' });
const legacy = (): LiveDomain =>
  base(4, 'legacy', { owner: 'ops' }, {
    details: {
      speakers: {},
      watchlists: [{ watchlistId: seed.watchlistIds[4]!.Default!, name: 'Default', description: 'Default watchlist', isDefault: true }],
      enrollmentJobs: [],
      fraudsterRegistrationJobs: [],
    },
  });

const kmsKeys = {
  'alias/voiceid': KEY_1_ARN,
  'alias/voiceid-next': KEY_2_ARN,
  [KEY_1_ARN]: KEY_1_ARN,
  [KEY_2_ARN]: KEY_2_ARN,
};
const byId = (domains: LiveDomain[]): LiveDomain[] => domains.sort((a, b) => (a.domainId < b.domainId ? -1 : 1));

describe('readLiveState against the emulator', () => {
  test('tagging mode finds managed domains, adopted ones, and unmanaged twins of unmatched desired names', async () => {
    const live = await readLiveState(fx.aws, desired(), { region: 'us-east-1', discovery: 'tagging' });
    expect(live).toEqual({ region: 'us-east-1', domains: byId([support(), billing(), legacy()]), kmsKeys });
  });

  test('list mode sees every domain, SUSPENDED included with its status', async () => {
    const live = await readLiveState(fx.aws, desired(), { region: 'us-east-1', discovery: 'list' });
    expect(live).toEqual({ region: 'us-east-1', domains: byId([support(), billing(), unrelated(), gone(), legacy()]), kmsKeys });
  });

  test('auto mode takes the tagging path when it finds managed domains', async () => {
    const read = await readLiveStateWithStats(fx.aws, desired(), { region: 'us-east-1' });
    expect(read.stats.discovery).toBe('tagging');
    expect(read.live).toEqual({ region: 'us-east-1', domains: byId([support(), billing(), legacy()]), kmsKeys });
  });

  test('auto mode falls back to listing when the tagging API finds nothing', async () => {
    const read = await readLiveStateWithStats(fx.aws, desiredState('other-stack', [desiredDomain('billing')]), { region: 'us-east-1' });
    expect(read.stats.discovery).toBe('list');
    expect(read.live.domains.map((d) => d.name).sort()).toEqual(['billing', 'gone', 'legacy', 'support', 'unrelated']);
  });

  test('auto mode falls back to listing when the tagging API fails, and tagging mode reports the failure', async () => {
    const denied: TaggingApi = {
      getResources: async () => {
        throw new GitopsError('AWS_ACCESS_DENIED', 'access denied to Resource Groups Tagging GetResources', 'aws');
      },
    };
    const apis = { ...fx.aws, tagging: denied };
    const read = await readLiveStateWithStats(apis, desired(), { region: 'us-east-1', discovery: 'auto' });
    expect(read.stats.discovery).toBe('list');
    expect(read.live.domains).toHaveLength(5);
    await expect(readLiveState(apis, desired(), { region: 'us-east-1', discovery: 'tagging' })).rejects.toMatchObject({ code: 'AWS_ACCESS_DENIED' });
  });

  test('tagging results are verified: an entry for a domain that no longer exists is dropped', async () => {
    const stale: TaggingApi = {
      getResources: async (input) => {
        const real = await fx.aws.tagging.getResources(input);
        const ghost = { ResourceARN: 'arn:aws:voiceid:us-east-1:111122223333:domain/AAAAAAAAAAAAAAAAAAAAAA', Tags: [{ Key: 'voiceid-gitops:stack', Value: 'prod' }] };
        return { ...real, ResourceTagMappingList: [...(real.ResourceTagMappingList ?? []), ghost] };
      },
    };
    const live = await readLiveState({ ...fx.aws, tagging: stale }, desired(), { region: 'us-east-1', discovery: 'tagging' });
    expect(live.domains.map((d) => d.name)).toEqual(byId([support(), billing(), legacy()]).map((d) => d.name));
  });

  test('the read statistics count calls per operation', async () => {
    const read = await readLiveStateWithStats(fx.aws, desired(), { region: 'us-east-1', discovery: 'tagging', speakerStrategy: 'describe' });
    expect(read.stats.calls.GetResources).toEqual({ calls: 1, throttles: 0, retries: 0, failures: 0, notFound: 0 });
    expect(read.stats.calls.DescribeSpeaker).toEqual({ calls: 3, throttles: 0, retries: 0, failures: 0, notFound: 1 });
    expect(read.stats.speakerStrategies).toEqual({ [seed.domainIds[0]!]: 'describe', [seed.domainIds[4]!]: 'none' });
  });

  test('a KMS spelling that does not resolve is left out', async () => {
    const live = await readLiveState(fx.aws, desiredState('prod', [desiredDomain('x', { kmsKeyId: `alias/missing` }), desiredDomain('y', { kmsKeyId: KEY_2 })]), { region: 'us-east-1', discovery: 'tagging' });
    expect(live.kmsKeys).toEqual({ [KEY_2]: KEY_2_ARN, [KEY_1_ARN]: KEY_1_ARN });
  });
});
