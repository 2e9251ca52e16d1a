/**
 * `apply` of several jobs of one kind in one domain through the CLI (PLAN.md R7.4, APPLY.md A5.3): Voice ID runs one
 * at a time. The emulator's clock and the CLI's sleep and clock are one fake clock, so --wait never really waits.
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { SEED_ROLE, workspace } from './plan-emulator.js';
import type { Workspace } from './plan-emulator.js';

const jobYaml = (name: string) => `      ${name}:
        dataAccessRoleArn: ${SEED_ROLE}
        inputS3Uri: s3://voiceid-exec/${name}.json
        outputS3Uri: s3://voiceid-exec/out/
`;
const YAML = `version: 1
stack: prod
domains:
  ivr:
    kmsKeyId: alias/voiceid
    enrollmentJobs:
${jobYaml('enroll-q2')}${jobYaml('enroll-q1')}`;

let ws: Workspace;
let t = Date.UTC(2026, 10, 21, 12, 0, 0);
const clock = { now: () => new Date(t), sleep: async (ms: number) => void (t += ms) };
beforeEach(async () => {
  ws = await workspace({ now: () => t, jobStepMs: 1000 });
  await ws.write('stack/main.yaml', YAML);
});
afterEach(async () => ws.close());

test('apply starts the first job, reports the second deferred and exits 0; while the first runs a re-run has nothing to do and exits 0', async () => {
  const r = await ws.cli(['apply', 'stack', '--auto-approve'], clock);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain(
    '  … domain.ivr.enrollment-job.enroll-q2: deferred: Voice ID runs one enrollment job per domain at a time: starts after enroll-q1 ends; the next apply after that starts it (or apply --wait)\n',
  );
  expect(r.stdout).toContain('Apply complete: 3 applied, 0 failed, 0 skipped, 0 interrupted; 1 deferred: the next apply starts them.');
  expect(r.stdout).toContain('Verified: live state matches the desired state except 1 deferred: the next apply starts them.');
  expect(ws.emulator.admin.callCounts().StartSpeakerEnrollmentJob).toBe(1);

  const again = await ws.cli(['apply', 'stack', '--auto-approve'], clock);
  expect(again.code).toBe(0);
  expect(again.stdout).toContain('Nothing to apply now: 1 deferred: the next apply starts them (or use apply --wait).');
  expect(ws.emulator.admin.callCounts().StartSpeakerEnrollmentJob).toBe(1);
});

test('apply --wait starts both jobs one after the other and verifies', async () => {
  const r = await ws.cli(['apply', 'stack', '--auto-approve', '--wait'], clock);
  expect(r.stdout).toContain('Apply complete: 4 applied, 0 failed, 0 skipped, 0 interrupted, 2 of 2 waits completed.');
  expect(r.stdout).toContain('Verified: live state matches the desired state.');
  expect(r.code).toBe(0);
});
