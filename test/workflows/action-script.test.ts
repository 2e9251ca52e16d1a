/**
 * Runs the composite action's main script (from action.yml) with a stand-in `voiceid-gitops` on PATH that records
 * its arguments and exits as told, to check how inputs become a command line and exit codes become outputs.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

type Action = { runs: { steps: { id?: string; run?: string }[] } };
const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as Action;
const script = action.runs.steps.find((s) => s.id === 'run')?.run ?? '';

interface Outcome {
  readonly status: number | null;
  readonly argv: string;
  readonly outputs: Record<string, string>;
  readonly summary: string;
  readonly stdout: string;
  readonly temp: string;
}

function runAction(inputs: Record<string, string>, fake: { code: number; stderr?: string; planFile?: string; errorCode?: string }): Outcome {
  const temp = mkdtempSync(join(tmpdir(), 'voiceid-action-'));
  const bin = join(temp, 'bin');
  spawnSync('mkdir', [bin]);
  writeFileSync(
    join(bin, 'voiceid-gitops'),
    `#!/usr/bin/env bash\nprintf '%s\\n' "$*" > "${temp}/argv"\necho "fake output"\n${fake.stderr ? `echo '${fake.stderr}' >&2\n` : ''}` +
      // As the real CLI does in GitHub Actions: the error code is a step output it writes itself.
      `${fake.errorCode ? `echo 'error-code=${fake.errorCode}' >> "$GITHUB_OUTPUT"\n` : ''}exit ${fake.code}\n`,
  );
  chmodSync(join(bin, 'voiceid-gitops'), 0o755);
  for (const f of ['outputs', 'summary', 'argv']) writeFileSync(join(temp, f), '');
  if (fake.planFile !== undefined) writeFileSync(join(temp, 'voiceid-plan-prod.json'), fake.planFile);
  const env = {
    PATH: `${bin}:${process.env.PATH ?? ''}`,
    RUNNER_TEMP: temp,
    GITHUB_OUTPUT: join(temp, 'outputs'),
    GITHUB_STEP_SUMMARY: join(temp, 'summary'),
    INPUT_PATH: '.',
    INPUT_STACK: 'prod',
    INPUT_ARGS: '',
    INPUT_PLAN_FILE: '',
    INPUT_VERSION: '1.0.0', // run the `voiceid-gitops` found on PATH, i.e. the stand-in
    ...inputs,
  };
  const r = spawnSync('bash', ['-c', script], { env, encoding: 'utf8' });
  const outputs = Object.fromEntries(
    readFileSync(join(temp, 'outputs'), 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return { status: r.status, argv: readFileSync(join(temp, 'argv'), 'utf8').trim(), outputs, summary: readFileSync(join(temp, 'summary'), 'utf8'), stdout: r.stdout, temp };
}

describe('composite action script', () => {
  it('runs plan with --out and --detailed-exitcode and reports changes without failing the step', () => {
    const r = runAction({ INPUT_COMMAND: 'plan', INPUT_PATH: 'voiceid/prod', INPUT_ARGS: '--local  --concurrency 2' }, { code: 2 });
    expect(r.status).toBe(0);
    expect(r.argv).toBe(`plan voiceid/prod --out ${r.temp}/voiceid-plan-prod.json --detailed-exitcode --local --concurrency 2`);
    expect(r.outputs).toEqual({ exitcode: '2', 'plan-file': `${r.temp}/voiceid-plan-prod.json`, 'has-changes': 'true', drift: 'true' });
    expect(r.stdout).toContain('fake output');
  });

  it('reports a plan whose only changes are deferred as changes but not drift (pending work)', () => {
    const deferred = { action: 'start', address: 'domain.a.enrollment-job.q2', deferred: { reason: 'waits for q1' } };
    const only = runAction({ INPUT_COMMAND: 'plan' }, { code: 2, planFile: JSON.stringify({ changes: [deferred] }) });
    expect(only.outputs).toMatchObject({ exitcode: '2', 'has-changes': 'true', drift: 'false' });
    const mixed = runAction({ INPUT_COMMAND: 'plan' }, { code: 2, planFile: JSON.stringify({ changes: [deferred, { action: 'update', address: 'domain.a' }] }) });
    expect(mixed.outputs).toMatchObject({ exitcode: '2', 'has-changes': 'true', drift: 'true' });
  });

  it('reports has-changes false for a clean plan', () => {
    const r = runAction({ INPUT_COMMAND: 'plan' }, { code: 0 });
    expect(r.outputs['has-changes']).toBe('false');
  });

  it('fails the step on a stale reviewed plan and exposes PLAN_STALE as error-code', () => {
    const r = runAction({ INPUT_COMMAND: 'apply', INPUT_PLAN_FILE: '/tmp/reviewed.json' }, { code: 1, stderr: 'error PLAN_STALE: live state changed since the plan was made', errorCode: 'PLAN_STALE' });
    expect(r.status).toBe(1);
    expect(r.argv).toBe('apply . --plan /tmp/reviewed.json --auto-approve');
    expect(r.outputs['error-code']).toBe('PLAN_STALE');
    expect(r.summary).toContain('### voiceid-gitops apply: stack `prod` (exit 1)');
    expect(r.summary).toContain('error PLAN_STALE: live state changed since the plan was made');
  });

  it('never reads the error code out of the log: an "error CODE:" line alone sets no error-code output', () => {
    const r = runAction({ INPUT_COMMAND: 'apply', INPUT_PLAN_FILE: '/tmp/reviewed.json' }, { code: 1, stderr: 'error PLAN_STALE: quoted from a message' });
    expect(r.status).toBe(1);
    expect(r.outputs['error-code']).toBeUndefined();
  });

  it('plans and applies in one run when no plan file is given', () => {
    const r = runAction({ INPUT_COMMAND: 'apply' }, { code: 0 });
    expect(r.status).toBe(0);
    expect(r.argv).toBe('apply . --auto-approve');
  });

  it('passes the plan file and extra arguments to drift-issue', () => {
    const r = runAction({ INPUT_COMMAND: 'drift-issue', INPUT_PLAN_FILE: '/tmp/p.json', INPUT_ARGS: '--exit-code 2' }, { code: 0 });
    expect(r.argv).toBe('drift-issue --plan /tmp/p.json --exit-code 2');
  });

  it('refuses comment without a plan file before running anything', () => {
    const r = runAction({ INPUT_COMMAND: 'comment' }, { code: 0 });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('::error::input plan-file is required for comment');
    expect(r.argv).toBe('');
  });

  it('refuses an unknown command', () => {
    const r = runAction({ INPUT_COMMAND: 'destroy' }, { code: 0 });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("::error::unknown command 'destroy'");
  });
});
