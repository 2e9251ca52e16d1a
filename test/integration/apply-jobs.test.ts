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

test('apply starts the first job and reports the second deferred; while the first runs a re-run has nothing to do', async () => {
  const r = await ws.cli(['apply', 'stack', '--auto-approve'], clock);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain(
    '  … domain.ivr.enrollment-job.enroll-q2: deferred: Voice ID runs one enrollment job per domain at a time: starts after enroll-q1 ends; apply again then, or use apply --wait\n',
  );
  expect(r.stdout).toContain('Apply incomplete: 2 applied, 0 failed, 0 skipped, 1 deferred, 0 interrupted.');
  expect(ws.emulator.admin.callCounts().StartSpeakerEnrollmentJob).toBe(1);

  const again = await ws.cli(['apply', 'stack', '--auto-approve'], clock);
  expect(again.code).toBe(1);
  expect(again.stderr).toContain('Every change is deferred: nothing to apply now; apply again once what it waits for has ended, or use apply --wait.');
  expect(ws.emulator.admin.callCounts().StartSpeakerEnrollmentJob).toBe(1);
});

test('apply --wait starts both jobs one after the other and verifies', async () => {
  const r = await ws.cli(['apply', 'stack', '--auto-approve', '--wait'], clock);
  expect(r.stdout).toContain('Apply complete: 3 applied, 0 failed, 0 skipped, 0 interrupted, 2 of 2 waits completed.');
  expect(r.stdout).toContain('Verified: live state matches the desired state.');
  expect(r.code).toBe(0);
});
