/**
 * `voiceid-gitops plan` end to end: the CLI in-process, the real SDK clients, the emulator over HTTP.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { KEY_ARN, SEED_ROLE, changeList, owner, workspace, type Workspace } from './plan-emulator.js';

const T0 = Date.UTC(2026, 10, 21, 10, 0, 0);

const SUPPORT_YAML = `version: 1
stack: cc
region: us-east-1
domains:
  support:
    description: Support line
    kmsKeyId: ${KEY_ARN}
    tags: { team: cc }
    optedOutSpeakers: [customer-0001, customer-0002, customer-0003]
    watchlists:
      high-risk: { description: Known rings }
    enrollmentJobs:
      backfill:
        dataAccessRoleArn: ${SEED_ROLE}
        inputS3Uri: s3://voiceid-emulator-seed/input.json
        outputS3Uri: s3://voiceid-emulator-seed/output/
      next:
        dataAccessRoleArn: arn:aws:iam::111122223333:role/VoiceIdBatch
        inputS3Uri: s3://bucket/in.json
        outputS3Uri: s3://bucket/out/
`;

/** The live twin of SUPPORT_YAML with five differences: description, tags, one stale watchlist, two ids not opted out. */
const DRIFTED = {
  name: 'support',
  description: 'Old text',
  tags: { ...owner('cc', 'support'), team: 'old', legacy: 'x' },
  watchlists: [{ name: 'stale' }],
  speakers: [{ customerSpeakerId: 'customer-0001', status: 'OPTED_OUT' as const }, { customerSpeakerId: 'customer-0002' }],
  enrollmentJobs: [{ jobName: 'backfill', status: 'COMPLETED' as const }],
};

/** Exactly what SUPPORT_YAML declares, minus the job `next`. */
const IN_SYNC_YAML = `version: 1
stack: cc
domains:
  support:
    description: Support line
    kmsKeyId: ${KEY_ARN}
    tags: { team: cc }
    optedOutSpeakers: [customer-0001]
    watchlists:
      high-risk: { description: Known rings }
`;
const IN_SYNC = {
  name: 'support',
  description: 'Support line',
  tags: { ...owner('cc', 'support'), team: 'cc' },
  watchlists: [{ name: 'high-risk', description: 'Known rings' }],
  speakers: [{ customerSpeakerId: 'customer-0001', status: 'OPTED_OUT' as const }],
};

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace({ now: () => T0 });
});
afterEach(async () => ws.close());

describe('plan against the emulator through --endpoint-url', () => {
  test('an empty account plans the creation of every declared resource', async () => {
    await ws.write('estate/support.yaml', SUPPORT_YAML);
    const r = await ws.cli(['plan', 'estate', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(changeList(r.stdout)).toEqual([
      'domain.support create',
      'domain.support.watchlist.high-risk create',
      'domain.support.opt-outs opt-out',
      'domain.support.enrollment-job.backfill start',
      // Voice ID runs one enrollment job per domain at a time: `next` waits for `backfill` (deferred).
      'domain.support.enrollment-job.next start',
      'domain.support.applied-record create',
    ]);
    const plan = JSON.parse(r.stdout);
    expect(plan.changes[4]).toMatchObject({ action: 'start', deferred: { reason: expect.stringContaining('starts after backfill ends') } });
    expect(plan.summary).toEqual({ add: 2, change: 0, delete: 0, adopt: 0, optOut: 3, jobsToStart: 1, deferred: 1, blocked: 0, outside: 0 });
  });

  test('a drifted managed domain plans exactly its five differences and does not restart its existing job', async () => {
    await ws.emulator.admin.seed({ domains: [DRIFTED] });
    await ws.write('estate/support.yaml', SUPPORT_YAML);
    const r = await ws.cli(['plan', 'estate', '--format', 'json']);
    const plan = JSON.parse(r.stdout);
    expect(changeList(r.stdout)).toEqual([
      'domain.support update',
      'domain.support.tags update',
      'domain.support.watchlist.stale delete',
      'domain.support.watchlist.high-risk create',
      'domain.support.opt-outs opt-out',
      'domain.support.enrollment-job.next start',
      'domain.support.applied-record create',
    ]);
    expect(plan.summary).toEqual({ add: 1, change: 2, delete: 1, adopt: 0, optOut: 2, jobsToStart: 1, deferred: 0, blocked: 0, outside: 0 });
    expect(plan.changes[0].operations[0].input).toMatchObject({ Name: 'support', Description: 'Support line', ServerSideEncryptionConfiguration: { KmsKeyId: KEY_ARN } });
    expect(plan.changes[1].operations.map((o: { kind: string }) => o.kind)).toEqual(['UntagResource', 'TagResource']);
    expect(plan.notes.map((n: { code: string; address: string }) => `${n.code} ${n.address}`)).toEqual(['N_JOB_STATUS domain.support.enrollment-job.backfill']);
  });

  test('the text plan shows the symbols of each change and the closing summary line', async () => {
    await ws.emulator.admin.seed({ domains: [DRIFTED] });
    await ws.write('estate/support.yaml', SUPPORT_YAML);
    const r = await ws.cli(['plan', 'estate']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  ~ domain.support (');
    expect(r.stdout).toContain('~ description = "Old text" -> "Support line"');
    expect(r.stdout).toContain('  - domain.support.watchlist.stale');
    expect(r.stdout).toContain('  + domain.support.watchlist.high-risk');
    expect(r.stdout).toContain('Plan: 1 to add, 2 to change, 1 to delete, 2 speakers to opt out, 1 job to start.');
  });

  test('progress lines go to stderr and the plan alone to stdout', async () => {
    await ws.write('estate/support.yaml', SUPPORT_YAML);
    const r = await ws.cli(['plan', 'estate', '--format', 'json']);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    expect(r.stderr).toContain('Reading live state of stack cc in us-east-1...');
    expect(r.stderr).toMatch(/^Read 0 domains \((tagging|list) discovery\): \d+ API calls in \d+\.\d s$/m);
  });

  test('an unmanaged domain with the declared name stops the plan with the adopt hint and exit code 1', async () => {
    const seeded = await ws.emulator.admin.seed({ domains: [{ name: 'support' }] });
    await ws.write('estate/support.yaml', SUPPORT_YAML);
    const r = await ws.cli(['plan', 'estate', '--format', 'json']);
    expect(r.code).toBe(1);
    const plan = JSON.parse(r.stdout);
    expect(plan.errors.map((e: { code: string }) => e.code)).toEqual(['E_TWIN_NAME']);
    expect(JSON.stringify(plan.errors)).toContain(`adopt: ${seeded.domainIds[0]}`);
  });
});

describe('output forms', () => {
  beforeEach(async () => {
    await ws.emulator.admin.seed({ domains: [DRIFTED, { name: 'neighbour' }] });
    await ws.write('estate/support.yaml', SUPPORT_YAML);
  });

  test('the markdown plan opens with the sticky-comment marker of its stack', async () => {
    const r = await ws.cli(['plan', 'estate', '--format', 'markdown']);
    expect(r.stdout.split('\n')[0]).toBe('<!-- voiceid-gitops:plan stack=cc -->');
  });

  test('the text plan is coloured on a TTY', async () => {
    expect((await ws.cli(['plan', 'estate'], { stdoutIsTTY: true })).stdout).toContain('\u001b[');
  });

  test('--no-color keeps ANSI escapes out even on a TTY', async () => {
    expect((await ws.cli(['plan', 'estate', '--no-color'], { stdoutIsTTY: true })).stdout).not.toContain('\u001b[');
  });

  test('tagging and list discovery produce the same saved plan', async () => {
    const tagging = await ws.cli(['plan', 'estate', '--discovery', 'tagging', '--out', 'tagging.json']);
    const list = await ws.cli(['plan', 'estate', '--discovery', 'list', '--out', 'list.json']);
    expect(tagging.stderr).toContain('(tagging discovery)');
    expect(list.stderr).toContain('(list discovery)');
    expect(await readFile(join(ws.dir, 'tagging.json'), 'utf8')).toBe(await readFile(join(ws.dir, 'list.json'), 'utf8'));
  });
});

describe('detailed exit codes', () => {
  test('a plan with changes exits 2 with --detailed-exitcode', async () => {
    await ws.write('estate/support.yaml', SUPPORT_YAML);
    expect((await ws.cli(['plan', 'estate', '--detailed-exitcode'])).code).toBe(2);
  });

  test('a plan with changes exits 0 without --detailed-exitcode', async () => {
    await ws.write('estate/support.yaml', SUPPORT_YAML);
    expect((await ws.cli(['plan', 'estate'])).code).toBe(0);
  });

  test('a plan without changes exits 0 with --detailed-exitcode and says so', async () => {
    await ws.emulator.admin.seed({ domains: [IN_SYNC] });
    await ws.write('estate/support.yaml', IN_SYNC_YAML);
    const r = await ws.cli(['plan', 'estate', '--detailed-exitcode', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).changes).toEqual([]);
  });

  test('a plan with plan-level errors exits 1 even with --detailed-exitcode', async () => {
    await ws.emulator.admin.seed({ domains: [{ name: 'support' }] });
    await ws.write('estate/support.yaml', SUPPORT_YAML);
    expect((await ws.cli(['plan', 'estate', '--detailed-exitcode'])).code).toBe(1);
  });
});

describe('invalid desired state', () => {
  test('validation errors are printed with their position, exit 1, and no call reaches the emulator', async () => {
    await ws.write('estate/bad.yaml', 'version: 1\ndomains:\n  support:\n    kmsKeyId: ""\n    colour: blue\n');
    ws.emulator.admin.resetCallCounts();
    const r = await ws.cli(['plan', 'estate']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/estate\/bad\.yaml:5:5: error \S+: unknown key `colour`/);
    expect(r.stderr).toMatch(/^error E_INVALID_DESIRED_STATE: invalid desired state: 2 errors in 1 file; nothing was sent to AWS$/m);
    expect(ws.emulator.admin.callCounts()).toEqual({});
  });

  test('a --region that disagrees with the YAML region is a one-line error before any call', async () => {
    await ws.write('estate/support.yaml', SUPPORT_YAML);
    ws.emulator.admin.resetCallCounts();
    const r = await ws.cli(['plan', 'estate', '--region', 'eu-west-2']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error E_REGION_CONFLICT: --region eu-west-2 disagrees with region: us-east-1 in the desired state\n');
    expect(ws.emulator.admin.callCounts()).toEqual({});
  });
});

describe('sensitive values', () => {
  beforeEach(async () => {
    await ws.write('estate/support.yaml', SUPPORT_YAML);
  });

  test.each(['text', 'markdown', 'json'])('the %s plan on stdout masks customer speaker ids', async (format) => {
    const r = await ws.cli(['plan', 'estate', '--format', format]);
    expect(r.stdout).toContain('cu…03 (sha256:7e8768b1)');
    expect(r.stdout).not.toContain('customer-0003');
    expect(r.stderr).not.toContain('customer-0003');
  });

  test('the saved plan file holds the full speaker ids while stdout stays masked', async () => {
    const r = await ws.cli(['plan', 'estate', '--out', 'out/plan.json']);
    const saved = JSON.parse(await readFile(join(ws.dir, 'out/plan.json'), 'utf8'));
    expect(saved.changes.find((c: { action: string }) => c.action === 'opt-out').speakerIds).toEqual(['customer-0001', 'customer-0002', 'customer-0003']);
    expect(saved.redacted).toBeUndefined();
    expect(r.stdout).not.toContain('customer-0001');
    expect(r.stderr).toContain('unmasked customer speaker ids');
  });

  test('--show-sensitive shows the full ids in the text plan', async () => {
    const r = await ws.cli(['plan', 'estate', '--show-sensitive']);
    expect(r.stdout).toContain('customer-0003');
  });
});

describe('injected faults', () => {
  test('a plan read under 30% throttles and 5% server errors equals the fault-free plan', async () => {
    await ws.emulator.admin.seed({
      domains: [
        DRIFTED,
        { name: 'sales', tags: owner('cc', 'sales'), watchlists: [{ name: 'a' }, { name: 'b', description: 'B' }], bulkSpeakers: { count: 40, prefix: 'sales-', status: 'OPTED_OUT' } },
        { name: 'unmanaged-neighbour' },
      ],
    });
    await ws.write('estate/support.yaml', SUPPORT_YAML);
    const ids = Array.from({ length: 45 }, (_, i) => `sales-${String(i).padStart(2, '0')}`).join(', ');
    await ws.write('estate/sales.yaml', `version: 1\nstack: cc\ndomains:\n  sales:\n    kmsKeyId: ${KEY_ARN}\n    optedOutSpeakers: [${ids}]\n    watchlists: { a: {} }\n`);
    const clean = await ws.cli(['plan', 'estate', '--out', 'clean.json', '--discovery', 'list']);
    ws.emulator.admin.setFaults({ seed: 42, throttleRate: 0.3, errorRate: 0.05 });
    const faulty = await ws.cli(['plan', 'estate', '--out', 'faulty.json', '--discovery', 'list']);
    expect([clean.code, faulty.code]).toEqual([0, 0]);
    expect(faulty.stderr).toMatch(/[1-9]\d* throttled, [1-9]\d* retried/);
    expect(await readFile(join(ws.dir, 'faulty.json'), 'utf8')).toBe(await readFile(join(ws.dir, 'clean.json'), 'utf8'));
    expect(faulty.stdout).toBe(clean.stdout);
  });
});
