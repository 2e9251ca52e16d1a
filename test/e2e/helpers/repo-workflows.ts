/**
 * The shared arrangement of the repo-workflows-*.test.ts files (this repository's own workflows run step by step):
 * a fresh world per test (a checkout with a fresh --local state, a fake GitHub listing 2 items a page), its plan run
 * on a pull request, and the sticky comments it left. Split in three files (plan, apply, drift) so the two test
 * workers share them instead of one file running every workflow in a row.
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
