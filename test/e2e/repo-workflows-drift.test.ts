/**
 * The drift workflow on a schedule: this repository's own workflows run step by step (helpers/repo-workflows.ts
 * says how, and holds what the plan, apply and drift files share).
 */
import { describe, expect, it } from 'vitest';
import { runWorkflow } from './helpers/runner.js';
import { stepOf, toolOutput } from './helpers/run-records.js';
import { DRIFT_MARKER, FIRST_PLAN, expectSuccess, repoWorldPerTest } from './helpers/repo-workflows.js';

const ctx = repoWorldPerTest();

describe('drift workflow', () => {
  const driftRun = (inputs: Record<string, boolean>, vars: Record<string, string> = {}) =>
    runWorkflow(ctx.world.repo, '.github/workflows/drift.yml', { event: inputs['simulate-drift'] === undefined ? 'schedule' : 'workflow_dispatch', inputs, vars });
  const driftIssues = () => ctx.world.github.issues.filter((i) => i.body.startsWith(DRIFT_MARKER));

  it('finds no drift on a schedule after seeding, and opens no issue', async () => {
    const run = await driftRun({});
    expectSuccess(run, 'drift');
    expect(stepOf(run.jobs.drift, 'plan').outputs).toMatchObject({ exitcode: '0', 'has-changes': 'false' });
    expect(toolOutput(stepOf(run.jobs.drift, 'Open, update or close the drift issue')).stdout).toBe('stack quickstart: no drift and no open drift issue\n');
    expect(ctx.world.github.issues.filter((i) => !i.pullRequest)).toEqual([]);
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
    expect(ctx.world.github.commentsOn(issue?.number ?? 0).map((c) => c.body)).toEqual([
      'No drift anymore: [the scheduled plan](https://github.com/acme/voice/actions/runs/' + run.runId + ') for stack `quickstart` finds no changes. Closing.',
    ]);
  });
});
