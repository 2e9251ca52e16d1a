/**
 * The arrangement the repo-workflows-{plan,apply,drift}.test.ts files share. They run this repository's own
 * workflows (.github/workflows: plan, apply, drift against the embedded emulator with --local) step by step: every
 * step that calls voiceid-gitops runs the action's real shell lines with the built CLI, against a fake GitHub on
 * 127.0.0.1. Each job starts from a fresh checkout (and so a fresh --local state), as on a hosted runner. Only the
 * apply workflow's `gh`/`git` lookup of the reviewed plan is stubbed.
 * Here: a fresh world per test (a fake GitHub listing 2 items a page), the pull request's plan run, and the sticky
 * comments it left. Three files, not one, so the two test workers share them instead of one running every
 * workflow in a row.
 */
import { afterAll, afterEach, beforeEach, expect } from 'vitest';
import { runWorkflow } from './runner.js';
import { failures, type WorkflowRun } from './run-records.js';
import { removeScratch } from './scratch.js';
import { newWorld, pullRequestEvent, type World } from './world.js';

export const PLAN_MARKER = '<!-- voiceid-gitops:plan stack=quickstart -->';
export const DRIFT_MARKER = '<!-- voiceid-gitops:drift stack=quickstart -->';
export const FIRST_PLAN = 'Plan: 3 to add, 0 to change, 0 to delete, 4 speakers to opt out, 2 jobs to start.';

/** Registers the per-test world of the calling file; `world` is the current test's. */
export function repoWorldPerTest(): { readonly world: World } {
  let world: World | undefined;
  beforeEach(async () => {
    world = await newWorld({ maxPerPage: 2 });
  });
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });
  afterAll(() => {
    removeScratch();
  });
  return {
    get world(): World {
      if (!world) throw new Error('no world outside a test');
      return world;
    },
  };
}

export const planRun = (world: World): Promise<WorkflowRun> =>
  runWorkflow(world.repo, '.github/workflows/plan.yml', { event: 'pull_request', payload: pullRequestEvent(world, '4c1d2e3f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d') });
export const stickyComments = (world: World) => world.github.commentsOn(world.pr.number).filter((c) => c.body.startsWith(PLAN_MARKER));

export function expectSuccess(run: WorkflowRun, job: string): void {
  expect(run.jobs[job]?.result, failures(run)).toBe('success');
}
