/**
 * The composite action and the plan/apply/drift workflows (examples/github for users, .github/workflows for this
 * repository against the emulator) parse, and keep the properties CONTRACT §7 promises: triggers, permissions,
 * OIDC instead of keys, no fork runs with secrets, serialised never-cancelled applies, documented commands only.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

type Step = { name?: string; id?: string; uses?: string; run?: string; if?: string; with?: Record<string, string>; env?: Record<string, string>; 'continue-on-error'?: boolean };
type Job = { if?: string; permissions?: Record<string, string>; environment?: string; concurrency?: { group: string; 'cancel-in-progress': boolean }; steps: Step[]; needs?: string };
type Workflow = { name: string; on: Record<string, unknown>; permissions?: Record<string, string>; concurrency?: { group: string; 'cancel-in-progress': boolean }; jobs: Record<string, Job> };
type Action = { inputs: Record<string, unknown>; outputs: Record<string, unknown>; runs: { using: string; steps: Step[] } };

const root = new URL('../../', import.meta.url);
const load = <T>(path: string): T => parse(readFileSync(new URL(path, root), 'utf8')) as T;
const action = load<Action>('action.yml');

const DOCUMENTED = ['validate', 'plan', 'apply', 'comment', 'drift-issue', 'export', 'iam-policy'];
const SETS = [
  { dir: 'examples/github', aws: true },
  { dir: '.github/workflows', aws: false },
] as const;

const isTool = (s: Step) => s.uses === './' || /^[^/]+\/voiceid-gitops@v\d+$/.test(s.uses ?? '');
const steps = (wf: Workflow) => Object.values(wf.jobs).flatMap((j) => j.steps);
const toolSteps = (wf: Workflow, command: string) => steps(wf).filter((s) => isTool(s) && s.with?.command === command);
const uses = (wf: Workflow, prefix: string) => steps(wf).filter((s) => s.uses?.startsWith(prefix));

function bashSyntaxError(script: string): string {
  const r = spawnSync('bash', ['-n'], { input: script.replace(/\$\{\{[^}]*\}\}/g, 'X'), encoding: 'utf8' });
  return r.status === 0 ? '' : r.stderr;
}

describe('composite action', () => {
  it('is a composite action with the documented inputs and outputs', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['command', 'path', 'stack', 'working-directory', 'args']));
    expect(Object.keys(action.outputs)).toEqual(expect.arrayContaining(['exitcode', 'plan-file', 'has-changes']));
  });

  it('sets up Node 20 before running the tool', () => {
    const node = action.runs.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(node?.with?.['node-version']).toBe(20);
  });

  it('passes inputs to its scripts through env only, so no input can be run as code', () => {
    for (const s of action.runs.steps.filter((x) => x.run)) expect(s.run).not.toMatch(/\$\{\{/);
  });

  it('maps every documented command and names the saved plan after the stack', () => {
    const run = action.runs.steps.find((s) => s.id === 'run')?.run ?? '';
    for (const c of DOCUMENTED) expect(run).toContain(c);
    expect(run).toContain('voiceid-plan-$INPUT_STACK.json');
    expect(run).toContain('--detailed-exitcode');
  });
});

describe.each(SETS)('workflows in $dir', ({ dir, aws }) => {
  const plan = load<Workflow>(`${dir}/plan.yml`);
  const apply = load<Workflow>(`${dir}/apply.yml`);
  const drift = load<Workflow>(`${dir}/drift.yml`);
  const all = [plan, apply, drift];

  it('plans on pull_request only, never pull_request_target', () => {
    expect(Object.keys(plan.on)).toEqual(['pull_request']);
  });

  it('skips pull requests from forks', () => {
    expect(Object.values(plan.jobs).map((j) => j.if)).toEqual(['github.event.pull_request.head.repo.full_name == github.repository']);
  });

  it('gives the plan job read access to code and write access to pull request comments', () => {
    const perms = Object.values(plan.jobs)[0]?.permissions;
    expect(perms).toMatchObject({ contents: 'read', 'pull-requests': 'write', ...(aws ? { 'id-token': 'write' } : {}) });
    expect(plan.permissions).toEqual({ contents: 'read' });
  });

  it('saves the plan, uploads it as the artifact apply downloads, and posts the comment from it', () => {
    const [planStep] = toolSteps(plan, 'plan');
    const [upload] = uses(plan, 'actions/upload-artifact@');
    const [commentStep] = toolSteps(plan, 'comment');
    expect(upload?.with?.name).toBe('voiceid-plan-${{ matrix.stack }}');
    expect(upload?.with?.path).toBe(`\${{ steps.${planStep?.id}.outputs.plan-file }}`);
    expect(commentStep?.with?.['plan-file']).toBe(`\${{ steps.${planStep?.id}.outputs.plan-file }}`);
  });

  it('applies on push to main, one run per stack at a time, never cancelled', () => {
    expect(apply.on.push).toMatchObject({ branches: ['main'] });
    const job = Object.values(apply.jobs)[0];
    expect(job?.concurrency).toEqual({ group: expect.stringContaining('${{ matrix.stack }}'), 'cancel-in-progress': false });
    if (aws) expect(job?.environment).toBe('voiceid-prod');
  });

  it('applies the reviewed plan artifact and re-plans only when it is stale or missing', () => {
    const [download] = uses(apply, 'actions/download-artifact@');
    expect(download?.with).toMatchObject({ name: 'voiceid-plan-${{ matrix.stack }}', 'run-id': '${{ steps.reviewed.outputs.run-id }}' });
    const [reviewed, fallback] = toolSteps(apply, 'apply');
    expect(reviewed?.with?.['plan-file']).toBe('${{ runner.temp }}/reviewed/voiceid-plan-${{ matrix.stack }}.json');
    expect(reviewed?.['continue-on-error']).toBe(true);
    expect(fallback?.with?.['plan-file']).toBeUndefined();
    expect(fallback?.if).toContain("steps.reviewed_apply.outputs.error-code == 'PLAN_STALE'");
    const stop = steps(apply).find((s) => s.if?.includes("error-code != 'PLAN_STALE'"));
    expect(stop?.run).toContain('exit 1');
  });

  it('looks for the reviewed plan in runs of this set own plan workflow', () => {
    const finder = steps(apply).find((s) => s.id === 'reviewed');
    expect(finder?.run).toContain(aws ? '--workflow voiceid-plan.yml' : '--workflow plan.yml');
  });

  it('checks drift on a schedule and on demand, and files the issue from the plan exit code', () => {
    expect(Object.keys(drift.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    const [planStep] = toolSteps(drift, 'plan');
    const [issueStep] = toolSteps(drift, 'drift-issue');
    expect(issueStep?.with?.args).toBe(`--exit-code \${{ steps.${planStep?.id}.outputs.exitcode }}`);
    expect(Object.values(drift.jobs).every((j) => j.permissions?.issues === 'write')).toBe(true);
  });

  it('plans pull requests on the evidence of the last apply (full history, no --refresh); the drift run reads everything', () => {
    // src/plan/PLAN.md §12: the plan reads the YAML at the recorded commit, which a shallow clone lacks.
    for (const wf of [plan, apply]) {
      const checkout = uses(wf, 'actions/checkout@')[0];
      expect(checkout?.with?.['fetch-depth']).toBe(0);
    }
    for (const s of toolSteps(plan, 'plan')) expect(s.with?.args ?? '').not.toContain('--refresh');
    const [detect] = toolSteps(drift, 'plan');
    expect(detect?.with?.args?.split(' ')).toContain('--refresh');
    // The correction reads everything again and records the full check.
    const corrections = toolSteps(drift, 'apply').filter((s) => !s.name?.startsWith('Seed'));
    for (const s of corrections) expect(s.with?.args?.split(' ')).toContain('--refresh');
  });

  it('corrects drift only when VOICEID_DRIFT_AUTO_APPLY is true', () => {
    const applies = toolSteps(drift, 'apply').filter((s) => !s.name?.startsWith('Seed'));
    const gated = (s: Step) => Object.values(drift.jobs).some((j) => j.steps.includes(s) && `${j.if ?? ''} ${s.if ?? ''}`.includes("vars.VOICEID_DRIFT_AUTO_APPLY == 'true'"));
    expect(applies.length).toBeGreaterThan(0);
    expect(applies.every(gated)).toBe(true);
  });

  it('reaches AWS through OIDC roles only, never static keys', () => {
    const creds = all.flatMap((wf) => uses(wf, 'aws-actions/configure-aws-credentials@'));
    expect(creds.length).toBe(aws ? 4 : 0);
    for (const c of creds) {
      expect(Object.keys(c.with ?? {})).not.toContain('aws-access-key-id');
      expect(c.with?.['role-to-assume']).toMatch(/^\$\{\{ vars\.VOICEID_(PLAN|APPLY)_ROLE_ARN \}\}$/);
    }
    for (const wf of all) expect(JSON.stringify(wf)).not.toMatch(/secrets\.AWS_|aws-secret-access-key/);
  });

  it('calls only documented commands of the tool', () => {
    for (const wf of all) {
      for (const s of steps(wf).filter(isTool)) expect(DOCUMENTED).toContain(s.with?.command);
      if (!aws) for (const s of steps(wf).filter(isTool)) expect(s.uses).toBe('./');
    }
  });

  it('has shell steps that parse and never expand event data inside a script', () => {
    for (const s of all.flatMap(steps).filter((x) => x.run)) {
      expect(bashSyntaxError(s.run ?? '')).toBe('');
      expect(s.run).not.toMatch(/\$\{\{\s*github\.event/);
    }
  });
});

it('the action run script parses as bash', () => {
  for (const s of action.runs.steps.filter((x) => x.run)) expect(bashSyntaxError(s.run ?? '')).toBe('');
});
