/**
 * A pull request whose plan stops on an error (here a twin of a declared domain created in the console between two
 * pushes) must not leave the previous push's plan on the pull request as if it were current: the sticky comment
 * is replaced by the plan with its error, and the check fails. Both that plan error and a YAML error reach the
 * workflow step as annotations at their file, line and column (issue 9), through the composite action's output.
 * Example workflows, in-test emulator, fake GitHub.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateDomainCommand, VoiceIDClient } from '@aws-sdk/client-voice-id';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { annotationsOf } from './helpers/annotations.js';
import { runWorkflow } from './helpers/runner.js';
import { failures, stepOf, toolOutput } from './helpers/run-records.js';
import { removeScratch } from './helpers/scratch.js';
import { newWorld, pullRequestEvent, userRepository, type World } from './helpers/world.js';

const VARS = { AWS_REGION: 'us-east-1', VOICEID_PLAN_ROLE_ARN: 'arn:aws:iam::111122223333:role/voiceid-plan' };
const PLAN_MARKER = '<!-- voiceid-gitops:plan stack=quickstart -->';

let emulator: RunningEmulator;
let world: World;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, region: 'us-east-1' });
  world = await newWorld({ dir: userRepository(), env: { AWS_ENDPOINT_URL: emulator.endpoint } });
});

afterAll(async () => {
  await world.close();
  await emulator.close();
  removeScratch();
});

const prPlan = (head: string) => runWorkflow(world.repo, '.github/workflows/voiceid-plan.yml', { event: 'pull_request', sha: head, payload: pullRequestEvent(world, head), vars: VARS });

it('replaces the sticky comment with the failed plan and its error instead of keeping the previous plan', async () => {
  const first = await prPlan('1111111111111111111111111111111111111111');
  expect(first.jobs.plan?.result, failures(first)).toBe('success');
  const console_ = new VoiceIDClient({ endpoint: emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDCONSOLEUSER', secretAccessKey: 'console-secret' } });
  await console_.send(new CreateDomainCommand({ Name: 'support-line', ServerSideEncryptionConfiguration: { KmsKeyId: 'alias/voiceid' } }));
  console_.destroy();

  const second = await prPlan('2222222222222222222222222222222222222222');
  expect(second.jobs.plan?.result).toBe('failure');
  const plan = stepOf(second.jobs.plan, 'plan');
  expect(plan.outputs).toMatchObject({ exitcode: '1', 'error-code': '' });
  expect(toolOutput(plan).stdout).toContain('E_TWIN_NAME');
  // On the PR's diff at `support:` (voiceid/prod/support.yaml line 9, column 3), relative to the repository root.
  expect(annotationsOf(plan).filter((a) => a.properties['title'] === 'E_TWIN_NAME')).toEqual([{
    level: 'error',
    properties: { file: 'voiceid/prod/support.yaml', line: '9', col: '3', title: 'E_TWIN_NAME' },
    message: expect.stringMatching(/^domain\.support: an unmanaged domain named "support-line" already exists \([A-Za-z0-9]{22}\); refusing to create a second one\nhint: /),
  }]);
  const comments = world.github.commentsOn(world.pr.number).filter((c) => c.body.startsWith(PLAN_MARKER));
  expect(comments).toHaveLength(1);
  expect(comments[0]?.body).toContain('E_TWIN_NAME');
  expect(comments[0]?.body).toContain('for commit 2222222');
  expect(comments[0]?.body).not.toContain('No changes');
  // Two plan workflow runs, each spawning the built CLI a few times: 30 s was not enough on a loaded 2-core machine.
}, 240_000);

it('annotates a YAML error at its file, line and column in the Validate step, and plans nothing', async () => {
  const file = join(world.repo.dir, 'voiceid/prod/support.yaml');
  const before = readFileSync(file, 'utf8');
  // Line 11, column 5: a misspelt key.
  writeFileSync(file, before.replace('    description: Customer support line', '    descripton: Customer support line'));
  try {
    const r = await prPlan('3333333333333333333333333333333333333333');
    expect(r.jobs.plan?.result).toBe('failure');
    const validate = stepOf(r.jobs.plan, 'Validate');
    expect(validate.outcome).toBe('failure');
    const errors = annotationsOf(validate).filter((a) => a.level === 'error' && a.properties['file'] !== undefined);
    expect(errors.map((a) => a.properties)).toEqual([{ file: 'voiceid/prod/support.yaml', line: '11', col: '5', title: 'E_UNKNOWN_KEY' }]);
    expect(errors[0]?.message).toContain('descripton');
    expect(stepOf(r.jobs.plan, 'plan').outcome).toBe('skipped');
  } finally {
    writeFileSync(file, before);
  }
}, 240_000);
