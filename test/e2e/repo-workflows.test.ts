/**
 * This repository's own workflows (.github/workflows: plan, apply, drift against the embedded emulator with
 * --local) run step by step: every step that calls voiceid-gitops runs the action's real shell lines with the built
 * CLI, against a fake GitHub on 127.0.0.1. Each job starts from a fresh checkout (and so a fresh --local state),
 * as on a hosted runner. Only the apply workflow's `gh`/`git` lookup of the reviewed plan is stubbed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runWorkflow } from './helpers/runner.js';
import { failures, stepOf, toolOutput, type WorkflowRun } from './helpers/run-records.js';
import { removeScratch } from './helpers/scratch.js';
import { newWorld, pullRequestEvent, type World } from './helpers/world.js';

const PLAN_MARKER = '<!-- voiceid-gitops:plan stack=quickstart -->';
const DRIFT_MARKER = '<!-- voiceid-gitops:drift stack=quickstart -->';
const FIRST_PLAN = 'Plan: 3 to add, 0 to change, 0 to delete, 4 speakers to opt out, 2 jobs to start.';

let world: World;
beforeEach(async () => {
  world = await newWorld({ maxPerPage: 2 });
});
afterEach(async () => {
  await world.close();
});
afterAll(() => {
  removeScratch();
});

const planRun = () => runWorkflow(world.repo, '.github/workflows/plan.yml', { event: 'pull_request', payload: pullRequestEvent(world, '4c1d2e3f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d') });
const stickyComments = () => world.github.commentsOn(world.pr.number).filter((c) => c.body.startsWith(PLAN_MARKER));

function expectSuccess(run: WorkflowRun, job: string): void {
  expect(run.jobs[job]?.result, failures(run)).toBe('success');
}

describe('plan workflow', () => {
  it('validates, plans with changes, uploads the saved plan and posts one masked sticky comment', async () => {
    const run = await planRun();
    expectSuccess(run, 'plan');
    const plan = stepOf(run.jobs.plan, 'plan');
    expect(plan.outputs).toMatchObject({ exitcode: '2', 'has-changes': 'true', 'error-code': '' });
    expect(plan.outputs['plan-file']).toMatch(/\/voiceid-plan-quickstart\.json$/);
    expect(world.repo.artifacts.get(run.runId)?.has('voiceid-plan-quickstart')).toBe(true);
    const [comment] = stickyComments();
    expect(comment?.body.split('\n')[0]).toBe(PLAN_MARKER);
    expect(comment?.body).toContain(`**${FIRST_PLAN}**`);
    expect(comment?.body).toContain('cu…01 (sha256:');
    expect(comment?.body).not.toContain('customer-0001');
    expect(comment?.user).toBe('github-actions[bot]');
  });

  it('writes the plan to the job summary', async () => {
    const run = await planRun();
    expect(run.jobs.plan?.summary).toContain(FIRST_PLAN);
    expect(run.jobs.plan?.summary).not.toContain('customer-0003');
  });

  it('edits its comment on the next run instead of adding one, finding it behind two pages of review comments', async () => {
    for (let i = 1; i <= 4; i++) world.github.addComment(world.pr.number, `review remark ${i}`, 'reviewer');
    await planRun();
    const run = await planRun();
    expectSuccess(run, 'plan');
    expect(stickyComments()).toHaveLength(1);
    expect(world.github.commentsOn(world.pr.number)).toHaveLength(5);
    const listings = world.github.requests.filter((r) => r.method === 'GET' && r.path.endsWith(`/issues/${world.pr.number}/comments`));
    expect(listings.map((r) => r.query.page ?? '1')).toEqual(['1', '2', '1', '2', '3']);
    // The footer links the newest run, so the same plan still edits the comment (in place, same id).
    expect(toolOutput(stepOf(run.jobs.plan, 'Sticky PR comment and job summary')).stdout).toBe('updated the plan comment of stack quickstart on acme/voice#1: https://github.com/acme/voice/pull/1#issuecomment-1005\n');
    expect(stickyComments()[0]?.body).toContain(`(https://github.com/acme/voice/actions/runs/${run.runId})`);
  });

  it('fails at validation on invalid YAML, shows where, and neither plans nor comments', async () => {
    const sales = join(world.repo.dir, 'examples/quickstart/sales.yaml');
    writeFileSync(sales, readFileSync(sales, 'utf8').replace('duplicateRegistrationAction: SKIP', 'duplicateRegistrationAction: MAYBE'));
    const run = await planRun();
    expect(run.jobs.plan?.result).toBe('failure');
    const validate = stepOf(run.jobs.plan, 'Validate');
    expect(validate.outputs).toMatchObject({ exitcode: '1' });
    expect(toolOutput(validate).stderr).toContain('examples/quickstart/sales.yaml:16:38: error E_ENUM: domains.sales.fraudsterRegistrationJobs.known-fraudsters-2026.duplicateRegistrationAction "MAYBE" must be one of SKIP | REGISTER_AS_NEW');
    expect(['plan', 'Upload the saved plan', 'Sticky PR comment and job summary'].map((s) => stepOf(run.jobs.plan, s).outcome)).toEqual(['skipped', 'skipped', 'skipped']);
    expect(world.github.requests).toEqual([]);
  });

  it('is skipped for a pull request from a fork', async () => {
    const event = pullRequestEvent(world, 'aaaaaaa');
    const fork = { ...event, pull_request: { number: world.pr.number, head: { sha: 'aaaaaaa', repo: { full_name: 'mallory/voice' } } } };
    const run = await runWorkflow(world.repo, '.github/workflows/plan.yml', { event: 'pull_request', payload: fork });
    expect(run.jobs.plan?.result).toBe('skipped');
    expect(world.github.requests).toEqual([]);
  });
});

describe('apply workflow', () => {
  const applyRun = (stubs: Record<string, Record<string, string>>) => runWorkflow(world.repo, '.github/workflows/apply.yml', { event: 'push', stubs });

  it('applies the plan reviewed on the pull request when it is still current', async () => {
    const reviewed = await planRun();
    const run = await applyRun({ reviewed: { found: 'true', 'run-id': String(reviewed.runId) } });
    expectSuccess(run, 'apply');
    const apply = stepOf(run.jobs.apply, 'reviewed_apply');
    expect(apply.outcome).toBe('success');
    expect(toolOutput(apply).stdout).toContain('Verified: live state matches the desired state.');
    expect(stepOf(run.jobs.apply, 'Re-plan and apply (local emulator)').outcome).toBe('skipped');
  });

  it('re-plans and applies when the merge changed the YAML after the review (PLAN_STALE)', async () => {
    const reviewed = await planRun();
    const support = join(world.repo.dir, 'examples/quickstart/support.yaml');
    writeFileSync(support, readFileSync(support, 'utf8').replace('Customer support line', 'Customer support line - merged'));
    const run = await applyRun({ reviewed: { found: 'true', 'run-id': String(reviewed.runId) } });
    expectSuccess(run, 'apply');
    const stale = stepOf(run.jobs.apply, 'reviewed_apply');
    expect([stale.outcome, stale.conclusion, stale.outputs['error-code']]).toEqual(['failure', 'success', 'PLAN_STALE']);
    expect(stepOf(run.jobs.apply, 'Stop when the reviewed plan failed for another reason than staleness').outcome).toBe('skipped');
    const fallback = stepOf(run.jobs.apply, 'Re-plan and apply (local emulator)');
    expect(fallback.outputs.exitcode).toBe('0');
    expect(toolOutput(fallback).stdout).toContain('"Customer support line - merged"');
  });

  it('stops without re-planning when the reviewed plan fails for another reason', async () => {
    const reviewed = await planRun();
    const dir = world.repo.artifacts.get(reviewed.runId)?.get('voiceid-plan-quickstart') ?? '';
    const file = join(dir, 'voiceid-plan-quickstart.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('customer-0004', 'customer-0005'));
    const run = await applyRun({ reviewed: { found: 'true', 'run-id': String(reviewed.runId) } });
    expect(run.jobs.apply?.result).toBe('failure');
    expect(stepOf(run.jobs.apply, 'reviewed_apply').outputs['error-code']).toBe('PLAN_TAMPERED');
    expect(stepOf(run.jobs.apply, 'Stop when the reviewed plan failed for another reason than staleness').stdout).toContain('::error::applying the reviewed plan failed (PLAN_TAMPERED); not re-planning');
    expect(stepOf(run.jobs.apply, 'Re-plan and apply (local emulator)').outcome).toBe('skipped');
  });

  it('plans and applies in one step when no reviewed plan is found', async () => {
    const run = await applyRun({ reviewed: { found: 'false' } });
    expectSuccess(run, 'apply');
    expect(stepOf(run.jobs.apply, 'reviewed_apply').outcome).toBe('skipped');
    const fallback = stepOf(run.jobs.apply, 'Re-plan and apply (local emulator)');
    expect(toolOutput(fallback).stdout).toContain(FIRST_PLAN);
    expect(run.jobs.apply?.summary).toContain('### voiceid-gitops apply: stack `quickstart` (exit 0)');
  });
});

describe('drift workflow', () => {
  const driftRun = (inputs: Record<string, boolean>, vars: Record<string, string> = {}) =>
    runWorkflow(world.repo, '.github/workflows/drift.yml', { event: inputs['simulate-drift'] === undefined ? 'schedule' : 'workflow_dispatch', inputs, vars });
  const driftIssues = () => world.github.issues.filter((i) => i.body.startsWith(DRIFT_MARKER));

  it('finds no drift on a schedule after seeding, and opens no issue', async () => {
    const run = await driftRun({});
    expectSuccess(run, 'drift');
    expect(stepOf(run.jobs.drift, 'plan').outputs).toMatchObject({ exitcode: '0', 'has-changes': 'false' });
    expect(toolOutput(stepOf(run.jobs.drift, 'Open, update or close the drift issue')).stdout).toBe('stack quickstart: no drift and no open drift issue\n');
    expect(world.github.issues.filter((i) => !i.pullRequest)).toEqual([]);
  });

  it('opens one labelled drift issue with the masked plan when drift is simulated', async () => {
    const run = await driftRun({ 'simulate-drift': true });
    expectSuccess(run, 'drift');
    const [issue] = driftIssues();
    expect(issue?.title).toBe('Voice ID drift in stack quickstart');
    expect(issue?.labels).toEqual(['voiceid-drift']);
    expect(issue?.state).toBe('open');
    expect(issue?.body).toContain(FIRST_PLAN);
    expect(issue?.body).not.toContain('customer-0002');
    expect(stepOf(run.jobs.drift, 'Correct the drift (local emulator)').outcome).toBe('skipped');
  });

  it('corrects simulated drift when VOICEID_DRIFT_AUTO_APPLY is true and closes the issue it opened', async () => {
    const run = await driftRun({ 'simulate-drift': true }, { VOICEID_DRIFT_AUTO_APPLY: 'true' });
    expectSuccess(run, 'drift');
    expect(stepOf(run.jobs.drift, 'replan').outputs).toMatchObject({ exitcode: '0', 'has-changes': 'false' });
    const [issue] = driftIssues();
    expect([issue?.state, issue?.stateReason]).toEqual(['closed', 'completed']);
    expect(world.github.commentsOn(issue?.number ?? 0).map((c) => c.body)).toEqual([
      'No drift anymore: [the scheduled plan](https://github.com/acme/voice/actions/runs/' + run.runId + ') for stack `quickstart` finds no changes. Closing.',
    ]);
  });
});
