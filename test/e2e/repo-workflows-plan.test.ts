/**
 * The plan workflow on a pull request: this repository's own workflows run step by step (helpers/repo-workflows.ts
 * says how, and holds what the plan, apply and drift files share).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runWorkflow } from './helpers/runner.js';
import { stepOf, toolOutput } from './helpers/run-records.js';
import { PLAN_MARKER, FIRST_PLAN, planRun, stickyComments, expectSuccess, repoWorldPerTest } from './helpers/repo-workflows.js';
import { pullRequestEvent } from './helpers/world.js';

const ctx = repoWorldPerTest();

describe('plan workflow', () => {
  it('validates, plans with changes, uploads the saved plan and posts one masked sticky comment', async () => {
    const run = await planRun(ctx.world);
    expectSuccess(run, 'plan');
    const plan = stepOf(run.jobs.plan, 'plan');
    expect(plan.outputs).toMatchObject({ exitcode: '2', 'has-changes': 'true', 'error-code': '' });
    expect(plan.outputs['plan-file']).toMatch(/\/voiceid-plan-quickstart\.json$/);
    expect(ctx.world.repo.artifacts.get(run.runId)?.has('voiceid-plan-quickstart')).toBe(true);
    const [comment] = stickyComments(ctx.world);
    expect(comment?.body.split('\n')[0]).toBe(PLAN_MARKER);
    expect(comment?.body).toContain(`**${FIRST_PLAN}**`);
    expect(comment?.body).toContain('cu…01 (sha256:');
    expect(comment?.body).not.toContain('customer-0001');
    expect(comment?.user).toBe('github-actions[bot]');
  });

  it('writes the plan to the job summary', async () => {
    const run = await planRun(ctx.world);
    expect(run.jobs.plan?.summary).toContain(FIRST_PLAN);
    expect(run.jobs.plan?.summary).not.toContain('customer-0003');
  });

  it('edits its comment on the next run instead of adding one, finding it behind two pages of review comments', async () => {
    for (let i = 1; i <= 4; i++) ctx.world.github.addComment(ctx.world.pr.number, `review remark ${i}`, 'reviewer');
    await planRun(ctx.world);
    const run = await planRun(ctx.world);
    expectSuccess(run, 'plan');
    expect(stickyComments(ctx.world)).toHaveLength(1);
    expect(ctx.world.github.commentsOn(ctx.world.pr.number)).toHaveLength(5);
    const listings = ctx.world.github.requests.filter((r) => r.method === 'GET' && r.path.endsWith(`/issues/${ctx.world.pr.number}/comments`));
    expect(listings.map((r) => r.query.page ?? '1')).toEqual(['1', '2', '1', '2', '3']);
    // The footer links the newest run, so the same plan still edits the comment (in place, same id).
    expect(toolOutput(stepOf(run.jobs.plan, 'Sticky PR comment and job summary')).stdout).toBe('updated the plan comment of stack quickstart on acme/voice#1: https://github.com/acme/voice/pull/1#issuecomment-1005\n');
    expect(stickyComments(ctx.world)[0]?.body).toContain(`(https://github.com/acme/voice/actions/runs/${run.runId})`);
  });

  it('fails at validation on invalid YAML, shows where, and neither plans nor comments', async () => {
    const sales = join(ctx.world.repo.dir, 'examples/quickstart/sales.yaml');
    writeFileSync(sales, readFileSync(sales, 'utf8').replace('duplicateRegistrationAction: SKIP', 'duplicateRegistrationAction: MAYBE'));
    const run = await planRun(ctx.world);
    expect(run.jobs.plan?.result).toBe('failure');
    const validate = stepOf(run.jobs.plan, 'Validate');
    expect(validate.outputs).toMatchObject({ exitcode: '1' });
    expect(toolOutput(validate).stderr).toContain('examples/quickstart/sales.yaml:16:38: error E_ENUM: domains.sales.fraudsterRegistrationJobs.known-fraudsters-2026.duplicateRegistrationAction "MAYBE" must be one of SKIP | REGISTER_AS_NEW');
    expect(['plan', 'Upload the saved plan', 'Sticky PR comment and job summary'].map((s) => stepOf(run.jobs.plan, s).outcome)).toEqual(['skipped', 'skipped', 'skipped']);
    expect(ctx.world.github.requests).toEqual([]);
  });

  it('is skipped for a pull request from a fork', async () => {
    const event = pullRequestEvent(ctx.world, 'aaaaaaa');
    const fork = { ...event, pull_request: { number: ctx.world.pr.number, head: { sha: 'aaaaaaa', repo: { full_name: 'mallory/voice' } } } };
    const run = await runWorkflow(ctx.world.repo, '.github/workflows/plan.yml', { event: 'pull_request', payload: fork });
    expect(run.jobs.plan?.result).toBe('skipped');
    expect(ctx.world.github.requests).toEqual([]);
  });
});
