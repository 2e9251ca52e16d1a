/**
 * The apply workflow on a merge: this repository's own workflows run step by step (helpers/repo-workflows.ts
 * says how, and holds what the plan, apply and drift files share).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runWorkflow } from './helpers/runner.js';
import { stepOf, toolOutput } from './helpers/run-records.js';
import { FIRST_PLAN, planRun, expectSuccess, repoWorldPerTest } from './helpers/repo-workflows.js';

const ctx = repoWorldPerTest();

describe('apply workflow', () => {
  const applyRun = (stubs: Record<string, Record<string, string>>) => runWorkflow(ctx.world.repo, '.github/workflows/apply.yml', { event: 'push', stubs });

  it('applies the plan reviewed on the pull request when it is still current', async () => {
    const reviewed = await planRun(ctx.world);
    const run = await applyRun({ reviewed: { found: 'true', 'run-id': String(reviewed.runId) } });
    expectSuccess(run, 'apply');
    const apply = stepOf(run.jobs.apply, 'reviewed_apply');
    expect(apply.outcome).toBe('success');
    expect(toolOutput(apply).stdout).toContain('Verified: live state matches the desired state.');
    expect(stepOf(run.jobs.apply, 'Re-plan and apply (local emulator)').outcome).toBe('skipped');
  });

  it('re-plans and applies when the merge changed the YAML after the review (PLAN_STALE)', async () => {
    const reviewed = await planRun(ctx.world);
    const support = join(ctx.world.repo.dir, 'examples/quickstart/support.yaml');
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
    const reviewed = await planRun(ctx.world);
    const dir = ctx.world.repo.artifacts.get(reviewed.runId)?.get('voiceid-plan-quickstart') ?? '';
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
