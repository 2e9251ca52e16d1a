/**
 * The action's `version:` path: with an npm version given, it runs the `voiceid-gitops` found on PATH (here a shim
 * to the built CLI, standing for a global npm install of that version) and installs nothing when that version is
 * already there.
 */
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { builtPackage } from './helpers/action-checkout.js';
import { runWorkflow } from './helpers/runner.js';
import { failures, stepOf, toolOutput } from './helpers/run-records.js';
import { removeScratch, scratchDir } from './helpers/scratch.js';
import { newWorld, pullRequestEvent, type World } from './helpers/world.js';

let world: World;

let npmCalls: string;

beforeAll(async () => {
  const shims = scratchDir('voiceid-shims-');
  npmCalls = join(shims, 'npm-calls');
  writeFileSync(join(shims, 'voiceid-gitops'), `#!/usr/bin/env bash\nexec node "${join(builtPackage(), 'dist/bin/voiceid-gitops.js')}" "$@"\n`);
  // Any npm install would be recorded here, and fail, instead of reaching the registry.
  writeFileSync(join(shims, 'npm'), `#!/usr/bin/env bash\necho "npm $*" >> "${npmCalls}"\nexit 1\n`);
  for (const f of ['voiceid-gitops', 'npm']) chmodSync(join(shims, f), 0o755);
  world = await newWorld({ pathPrefix: shims });
  writeFileSync(
    join(world.repo.dir, '.github/workflows/pinned.yml'),
    [
      'on: pull_request',
      'permissions: { contents: read, pull-requests: write }',
      'jobs:',
      '  plan:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - id: plan',
      '        uses: ./',
      '        with: { command: plan, path: examples/quickstart, stack: quickstart, args: --local, version: 0.1.0 }',
      '      - uses: ./',
      '        with: { command: comment, plan-file: "${{ steps.plan.outputs.plan-file }}", version: 0.1.0 }',
      '',
    ].join('\n'),
  );
});

afterAll(async () => {
  await world.close();
  removeScratch();
});

it('runs the voiceid-gitops on PATH when a version is pinned, installing nothing', async () => {
  const run = await runWorkflow(world.repo, '.github/workflows/pinned.yml', { event: 'pull_request', payload: pullRequestEvent(world, 'c0ffee0') });
  expect(run.jobs.plan?.result, failures(run)).toBe('success');
  const plan = stepOf(run.jobs.plan, 'plan');
  expect(plan.outputs).toMatchObject({ exitcode: '2', 'has-changes': 'true' });
  expect(plan.inner?.find((s) => s.name === 'Install voiceid-gitops')?.outcome).toBe('success');
  expect(existsSync(npmCalls)).toBe(false);
  expect(toolOutput(plan).stdout).toContain('Plan: 3 to add, 0 to change, 0 to delete, 4 speakers to opt out, 2 jobs to start.');
  expect(world.github.commentsOn(world.pr.number)).toHaveLength(1);
});
