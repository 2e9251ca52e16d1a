/**
 * Two stacks planned by one matrix workflow on the same pull request (the example plan workflow with
 * `stack: [prod, staging]`): after two runs each stack has exactly one sticky comment, found again by its own
 * marker. Example workflows, in-test emulator, fake GitHub.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { runWorkflow } from './helpers/runner.js';
import { failures } from './helpers/run-records.js';
import { removeScratch } from './helpers/scratch.js';
import { newWorld, pullRequestEvent, userRepository, type World } from './helpers/world.js';

let emulator: RunningEmulator;
let world: World;

function replaceIn(path: string, from: string, to: string): void {
  const text = readFileSync(path, 'utf8');
  expect(text).toContain(from);
  writeFileSync(path, text.split(from).join(to));
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, region: 'us-east-1' });
  const dir = userRepository();
  cpSync(join(dir, 'voiceid/prod'), join(dir, 'voiceid/staging'), { recursive: true });
  for (const f of ['support.yaml', 'sales.yaml']) replaceIn(join(dir, 'voiceid/staging', f), 'stack: quickstart', 'stack: staging');
  replaceIn(join(dir, '.github/workflows/voiceid-plan.yml'), 'stack: [prod]', 'stack: [prod, staging]');
  world = await newWorld({ dir, env: { AWS_ENDPOINT_URL: emulator.endpoint } });
});

afterAll(async () => {
  await world.close();
  await emulator.close();
  removeScratch();
});

it('keeps exactly one sticky comment per stack after two plan runs', async () => {
  for (const head of ['5555555555555555555555555555555555555555', '6666666666666666666666666666666666666666']) {
    const run = await runWorkflow(world.repo, '.github/workflows/voiceid-plan.yml', {
      event: 'pull_request',
      sha: head,
      payload: pullRequestEvent(world, head),
      vars: { AWS_REGION: 'us-east-1', VOICEID_PLAN_ROLE_ARN: 'arn:aws:iam::111122223333:role/voiceid-plan' },
    });
    expect(Object.entries(run.jobs).map(([name, job]) => [name, job.result]), failures(run)).toEqual([
      ['plan (prod)', 'success'],
      ['plan (staging)', 'success'],
    ]);
    expect([...(world.repo.artifacts.get(run.runId)?.keys() ?? [])]).toEqual(['voiceid-plan-prod', 'voiceid-plan-staging']);
  }
  const firstLines = world.github.commentsOn(world.pr.number).map((c) => c.body.split('\n')[0]);
  expect(firstLines).toEqual(['<!-- voiceid-gitops:plan stack=quickstart -->', '<!-- voiceid-gitops:plan stack=staging -->']);
  expect(world.github.commentsOn(world.pr.number).every((c) => c.body.includes('for commit 6666666'))).toBe(true);
  // Four workflow jobs, each spawning the built CLI a few times: 30 s was not enough on a loaded 2-core machine.
}, 240_000);
