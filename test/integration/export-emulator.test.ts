/**
 * `voiceid-gitops export` end to end (real SDK, emulator over HTTP), and its guarantee: `plan` on the export
 * shows no changes (only the adoptions for `--include-unmanaged`).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StartSpeakerEnrollmentJobCommand, VoiceIDClient } from '@aws-sdk/client-voice-id';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import type { SeedState } from '../../src/emulator/index.js';
import { ENV, KEY_ARN, changeList, owner, workspace, type Workspace } from './plan-emulator.js';

const T0 = Date.UTC(2026, 10, 21, 10, 0, 0);

const ESTATE: SeedState = {
  domains: [
    {
      name: 'support-prod',
      description: 'Production support line',
      tags: { ...owner('cc', 'support'), team: 'contact-center', 'cost centre': '42' },
      watchlists: [{ name: 'high-risk', description: 'Known fraud rings' }, { name: 'plain' }],
      speakers: [
        { customerSpeakerId: 'customer-0002', status: 'OPTED_OUT' },
        { customerSpeakerId: 'customer-0001', status: 'OPTED_OUT' },
        { customerSpeakerId: 'customer-0003', status: 'ENROLLED' },
      ],
      enrollmentJobs: [{ jobName: 'backfill-q1', status: 'COMPLETED' }, { status: 'COMPLETED' }],
      registrationJobs: [{ jobName: 'ring-42', status: 'FAILED' }],
    },
    { name: 'sales', tags: owner('cc', 'sales') },
    { name: 'sales', tags: { team: 'sales' } },
    { name: 'sales' },
    { name: 'billing', tags: owner('other-stack', 'billing') },
    { name: 'old', tags: owner('cc', 'old'), status: 'SUSPENDED' },
  ],
};

let ws: Workspace;
let ids: readonly string[];
beforeEach(async () => {
  ws = await workspace({ now: () => T0 });
  ids = (await ws.emulator.admin.seed(ESTATE)).domainIds;
});
afterEach(async () => ws.close());

const planOf = (file: string) => ws.cli(['plan', file, '--format', 'json', '--detailed-exitcode']);

describe('export of a managed stack', () => {
  test('plan on the export shows no changes and exits 0 with --detailed-exitcode', async () => {
    expect((await ws.cli(['export', '--stack', 'cc', '--out', 'backup/cc.yaml'])).code).toBe(0);
    const r = await planOf('backup/cc.yaml');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).changes).toEqual([]);
  });

  test('the YAML keeps keys, names, descriptions, user tags, watchlists and jobs, and points to the opt-out file', async () => {
    await ws.cli(['export', '--stack', 'cc', '--out', 'backup/cc.yaml']);
    const yaml = await readFile(join(ws.dir, 'backup/cc.yaml'), 'utf8');
    const body = yaml.split('\n').filter((l) => !l.startsWith('#')).join('\n');
    expect(body).toBe(`version: 1
stack: cc
region: us-east-1
prune: false
domains:
  sales:
    kmsKeyId: ${KEY_ARN}
  support:
    name: support-prod
    description: Production support line
    kmsKeyId: ${KEY_ARN}
    tags:
      cost centre: "42"
      team: contact-center
    watchlists:
      high-risk:
        description: Known fraud rings
      plain: {}
    enrollmentJobs:
      backfill-q1:
        dataAccessRoleArn: arn:aws:iam::111122223333:role/VoiceIdEmulatorSeed
        inputS3Uri: s3://voiceid-emulator-seed/input.json
        outputS3Uri: s3://voiceid-emulator-seed/output/
    fraudsterRegistrationJobs:
      ring-42:
        dataAccessRoleArn: arn:aws:iam::111122223333:role/VoiceIdEmulatorSeed
        inputS3Uri: s3://voiceid-emulator-seed/input.json
        outputS3Uri: s3://voiceid-emulator-seed/output/
    optedOutSpeakersFile: cc.optouts/support.txt
`);
  });

  test('every opted-out speaker, and only those, is written to the opt-out file in full and sorted', async () => {
    await ws.cli(['export', '--stack', 'cc', '--out', 'backup/cc.yaml']);
    const text = await readFile(join(ws.dir, 'backup/cc.optouts/support.txt'), 'utf8');
    expect(text.split('\n').filter((l) => l !== '' && !l.startsWith('#'))).toEqual(['customer-0001', 'customer-0002']);
  });

  test('stderr summarises the export and notes the job without a name that YAML cannot declare', async () => {
    const r = await ws.cli(['export', '--stack', 'cc', '--out', 'backup/cc.yaml']);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('note: domain support: 1 job(s) without a JobName left out (YAML declares jobs by name)\n');
    expect(r.stderr).toMatch(/^Exported 2 domains \(0 to adopt\), 2 opted-out speakers, 2 watchlists, 2 jobs to backup\/cc\.yaml \(\d+ API calls\)$/m);
    expect(r.stderr).not.toContain('customer-0001');
  });

  test('to stdout (a pipe) the speaker ids are inline and plan on that YAML shows no changes', async () => {
    const r = await ws.cli(['export', '--stack', 'cc']);
    expect(r.stdout).toContain('    optedOutSpeakers:\n      - customer-0001\n      - customer-0002\n');
    await ws.write('piped.yaml', r.stdout);
    expect((await planOf('piped.yaml')).code).toBe(0);
  });

  test('to a terminal the speaker ids are left out unless --show-sensitive is given', async () => {
    const hidden = await ws.cli(['export', '--stack', 'cc'], { stdoutIsTTY: true });
    expect(hidden.stdout).not.toContain('customer-0001');
    expect(hidden.stderr).toContain('note: domain support: 2 opted-out speaker id(s) left out');
    const shown = await ws.cli(['export', '--stack', 'cc', '--show-sensitive'], { stdoutIsTTY: true });
    expect(shown.stdout).toContain('customer-0001');
  });

  test('a job started with a fraud-detection watchlist is exported with its definition and plans no warning', async () => {
    const client = new VoiceIDClient({ endpoint: ws.emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: ENV.AWS_ACCESS_KEY_ID, secretAccessKey: ENV.AWS_SECRET_ACCESS_KEY } });
    const first = await ws.emulator.admin.seed({ domains: [{ name: 'fraud', tags: owner('cc', 'fraud'), watchlists: [{ name: 'rings' }] }] });
    await client.send(new StartSpeakerEnrollmentJobCommand({
      DomainId: first.domainIds[0], JobName: 'screened', ClientToken: 'token-screened-0001',
      DataAccessRoleArn: 'arn:aws:iam::111122223333:role/VoiceIdBatch',
      InputDataConfig: { S3Uri: 's3://bucket/in.json' }, OutputDataConfig: { S3Uri: 's3://bucket/out/', KmsKeyId: 'alias/jobs' },
      EnrollmentConfig: { ExistingEnrollmentAction: 'OVERWRITE', FraudDetectionConfig: { FraudDetectionAction: 'IGNORE', RiskThreshold: 70, WatchlistIds: [first.watchlistIds[0]!['rings']!] } },
    }));
    client.destroy();
    await ws.cli(['export', '--stack', 'cc', '--out', 'cc.yaml']);
    const yaml = await readFile(join(ws.dir, 'cc.yaml'), 'utf8');
    expect(yaml).toContain(`      screened:
        dataAccessRoleArn: arn:aws:iam::111122223333:role/VoiceIdBatch
        inputS3Uri: s3://bucket/in.json
        outputS3Uri: s3://bucket/out/
        outputKmsKeyId: alias/jobs
        existingEnrollmentAction: OVERWRITE
        fraudDetection:
          action: IGNORE
          riskThreshold: 70
          watchlists:
            - rings
`);
    const plan = JSON.parse((await planOf('cc.yaml')).stdout);
    expect([plan.changes, plan.warnings.map((w: { code: string }) => w.code)]).toEqual([[], ['W_JOB_FAILED']]);
  });
});

describe('export notes', () => {
  test('a failed KMS re-encryption and a duplicated ownership key are called out on stderr', async () => {
    const seeded = await ws.emulator.admin.seed({
      domains: [
        { name: 'kms', tags: owner('x', 'kms'), encryptionUpdate: { status: 'FAILED' } },
        { name: 'twin-a', tags: owner('x', 'twin') },
        { name: 'twin-b', tags: owner('x', 'twin') },
      ],
    });
    const r = await ws.cli(['export', '--stack', 'x', '--out', 'x.yaml']);
    expect(r.stderr).toContain('note: domain kms: its last KMS re-encryption FAILED, so plan proposes re-applying the key\n');
    const [a, b] = [seeded.domainIds[1]!, seeded.domainIds[2]!].sort();
    expect(r.stderr).toContain(`note: skipped ${b}: another domain of this stack carries the same key twin`);
    expect(await readFile(join(ws.dir, 'x.yaml'), 'utf8')).toContain(a === seeded.domainIds[1] ? 'name: twin-a' : 'name: twin-b');
  });
});

describe('export --include-unmanaged', () => {
  test('unmanaged domains become adopt: entries with unique keys and plan shows only their adoption', async () => {
    const r = await ws.cli(['export', '--stack', 'cc', '--include-unmanaged', '--out', 'all.yaml']);
    expect(r.code).toBe(0);
    const plan = await planOf('all.yaml');
    expect(plan.code).toBe(2);
    expect(changeList(plan.stdout)).toEqual(['domain.sales-2 adopt', 'domain.sales-2.applied-record create', 'domain.sales-3 adopt', 'domain.sales-3.applied-record create']);
    const ops = JSON.parse(plan.stdout).changes.map((c: { operations: { kind: string }[] }) => c.operations.map((o) => o.kind));
    expect(ops).toEqual([['TagResource'], ['TagResource'], ['TagResource'], ['TagResource']]);
  });

  test('the adopt: entries name the unmanaged domains by id', async () => {
    await ws.cli(['export', '--stack', 'cc', '--include-unmanaged', '--out', 'all.yaml']);
    const yaml = await readFile(join(ws.dir, 'all.yaml'), 'utf8');
    const adopted = [...yaml.matchAll(/adopt: (\S+)/g)].map((m) => m[1]).sort();
    expect(adopted).toEqual([ids[2], ids[3]].sort());
  });

  test("another stack's domain is never exported as adoptable, and stderr says why it was skipped", async () => {
    const r = await ws.cli(['export', '--stack', 'cc', '--include-unmanaged', '--out', 'all.yaml']);
    expect(await readFile(join(ws.dir, 'all.yaml'), 'utf8')).not.toContain(ids[4]);
    expect(r.stderr).toContain(`note: skipped ${ids[4]}: managed by stack other-stack\n`);
  });
});

describe('export through --local-state and under faults', () => {
  test('a stack without domains is E_EXPORT_EMPTY and writes no file (export-stack.test.ts has the details)', async () => {
    const r = await ws.cli(['export', '--stack', 'nobody', '--out', 'none.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error E_EXPORT_EMPTY: stack "nobody" has no ACTIVE domain');
    await expect(readFile(join(ws.dir, 'none.yaml'), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  test('an export read under 30% throttles and 5% server errors equals the fault-free export', async () => {
    const clean = await ws.cli(['export', '--stack', 'cc', '--include-unmanaged']);
    ws.emulator.admin.setFaults({ seed: 9, throttleRate: 0.3, errorRate: 0.05 });
    const faulty = await ws.cli(['export', '--stack', 'cc', '--include-unmanaged']);
    expect([clean.code, faulty.code]).toEqual([0, 0]);
    expect(faulty.stderr).toMatch(/API calls, [1-9]\d* throttled, [1-9]\d* retried\)$/m);
    expect(faulty.stdout).toBe(clean.stdout);
  });

  test('export and plan with --local-state round-trip to no changes', async () => {
    const state = join(ws.dir, 'local-state.json');
    const emu = await startEmulator({ port: 0, statePath: state });
    await emu.admin.seed(ESTATE);
    await emu.close();
    const local = (argv: readonly string[]) => ws.raw([...argv, '--local-state', state], { env: {} });
    expect((await local(['export', '--stack', 'cc', '--out', 'local.yaml'])).code).toBe(0);
    expect(await readFile(join(ws.dir, 'local.optouts/support.txt'), 'utf8')).toContain('customer-0002');
    const r = await local(['plan', 'local.yaml', '--format', 'json', '--detailed-exitcode']);
    expect([r.code, JSON.parse(r.stdout).changes]).toEqual([0, []]);
  });
});
