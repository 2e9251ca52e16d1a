/**
 * A small GitHub Actions runner for our own workflow files: jobs in order (with `needs` and `if:`), steps with
 * `if:`, `continue-on-error`, outputs and GITHUB_ENV, the composite action of this repository run from its
 * action.yml (the same shell lines, only `${{ }}` substituted), third-party actions replaced by
 * builtin-actions.ts, and each job's GITHUB_TOKEN minted with the job's `permissions:` on the fake GitHub.
 * `run:` steps that call other tools (gh, git) can be replaced by recorded outputs: `Trigger.stubs`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { builtinAction, type BuiltinJob } from './builtin-actions.js';
import { evaluateCondition, interpolate, type ExpressionContext, type Value } from './expressions.js';
import type { Permissions } from './fake-github.js';
import type { JobResult, Outcome, Repository, Step, StepRecord, Trigger, WorkflowRun } from './run-records.js';
import { commandFiles, parseCommandFile, readText, runShell } from './step-io.js';
import { scratchDir } from './scratch.js';

interface Job {
  readonly if?: string;
  readonly needs?: string | readonly string[];
  readonly permissions?: Permissions;
  readonly strategy?: { readonly matrix?: Readonly<Record<string, readonly unknown[]>> };
  readonly steps: readonly Step[];
}
interface Workflow {
  readonly permissions?: Permissions;
  readonly jobs: Readonly<Record<string, Job>>;
}
interface Action {
  readonly inputs?: Readonly<Record<string, { readonly default?: string; readonly required?: boolean }>>;
  readonly outputs?: Readonly<Record<string, { readonly value: string }>>;
  readonly runs: { readonly using: string; readonly steps: readonly Step[] };
}

let nextRunId = 9000;

interface JobState extends BuiltinJob {
  readonly repo: Repository;
  readonly trigger: Trigger;
  readonly root: string;
  readonly temp: string;
  readonly base: Record<string, Value>;
  env: Record<string, string>;
  failed: boolean;
  summary: string;
  counter: number;
}

interface Scope {
  readonly job: JobState;
  readonly values: Record<string, Value>;
  readonly steps: Record<string, Value>;
  readonly actionPath?: string;
  /** `env:` of the workflow step that uses a composite action: its steps see it too. */
  readonly outerEnv?: Readonly<Record<string, string>>;
}

const ctxOf = (scope: Scope): ExpressionContext => ({ values: { ...scope.values, env: scope.job.env, steps: scope.steps }, failed: scope.job.failed });
const strings = (o: Readonly<Record<string, unknown>> | undefined, scope: Scope): Record<string, string> =>
  Object.fromEntries(Object.entries(o ?? {}).map(([k, v]) => [k, interpolate(String(v), ctxOf(scope))]));

export async function runWorkflow(repo: Repository, workflowFile: string, trigger: Trigger): Promise<WorkflowRun> {
  const wf = parse(readFileSync(resolve(repo.dir, workflowFile), 'utf8')) as Workflow;
  const runId = nextRunId++;
  const root = scratchDir(`voiceid-run-${runId}-`);
  const eventPath = join(root, 'event.json');
  writeFileSync(eventPath, JSON.stringify(trigger.payload ?? {}));
  const jobs: Record<string, JobResult> = {};
  const results: Record<string, Outcome> = {};
  for (const [jobId, job] of Object.entries(wf.jobs)) {
    const needs = typeof job.needs === 'string' ? [job.needs] : (job.needs ?? []);
    const needsCtx = Object.fromEntries(needs.map((n) => [n, { result: results[n] ?? 'skipped', outputs: {} }]));
    const upstreamFailed = needs.some((n) => results[n] !== 'success');
    const base = { github: githubContext(repo, trigger, runId, eventPath), vars: { ...(trigger.vars ?? {}) }, inputs: { ...(trigger.inputs ?? {}) }, needs: needsCtx };
    const combos = combinations(job);
    const outcomes: Outcome[] = [];
    for (const matrix of combos) {
      // GitHub names matrix jobs "plan (prod)"; a job without a matrix, or with one combination here, keeps its id.
      const name = combos.length === 1 ? jobId : `${jobId} (${Object.values(matrix).join(', ')})`;
      const skip = !evaluateCondition(job.if, { values: base, failed: upstreamFailed });
      const result: JobResult = skip
        ? { result: 'skipped', steps: [], summary: '' }
        : await runJob(repo, trigger, { runId, name, job, matrix, permissions: job.permissions ?? wf.permissions ?? {}, base, root: join(root, safe(name)), eventPath });
      jobs[name] = result;
      outcomes.push(result.result);
    }
    results[jobId] = outcomes.includes('failure') ? 'failure' : outcomes.every((o) => o === 'skipped') ? 'skipped' : 'success';
  }
  return { runId, jobs };
}

function githubContext(repo: Repository, trigger: Trigger, runId: number, eventPath: string): Record<string, Value> {
  return {
    repository: `${repo.owner}/${repo.name}`,
    repository_owner: repo.owner,
    event_name: trigger.event,
    event: trigger.payload ?? {},
    event_path: eventPath,
    sha: trigger.sha ?? 'ffac537e6cbbf934b08745a378932722df287a53',
    run_id: String(runId),
    server_url: 'https://github.com',
    api_url: repo.github.url,
  };
}

const safe = (name: string) => name.replace(/[^A-Za-z0-9_-]+/g, '_');

/** Every combination of the job's matrix (cartesian product in declaration order), or one empty combination. */
function combinations(job: Job): Record<string, Value>[] {
  let combos: Record<string, Value>[] = [{}];
  for (const [key, values] of Object.entries(job.strategy?.matrix ?? {})) {
    if (key === 'include' || key === 'exclude') throw new Error(`matrix ${key} is not supported by this harness`);
    combos = combos.flatMap((c) => values.map((v) => ({ ...c, [key]: v as Value })));
  }
  return combos;
}

async function runJob(
  repo: Repository,
  trigger: Trigger,
  j: { runId: number; name: string; job: Job; matrix: Record<string, Value>; permissions: Permissions; base: Record<string, Value>; root: string; eventPath: string },
): Promise<JobResult> {
  const token = `ghs_e2e_${j.runId}_${safe(j.name)}`;
  repo.github.grant(token, j.permissions);
  const temp = join(j.root, 'temp');
  const workspace = join(j.root, 'work', repo.name);
  mkdirSync(temp, { recursive: true });
  mkdirSync(workspace, { recursive: true });
  const github = { ...(j.base.github as Record<string, Value>), token, workspace };
  const state: JobState = {
    repo,
    trigger,
    runId: j.runId,
    repoDir: repo.dir,
    workspace,
    permissions: j.permissions,
    artifacts: repo.artifacts,
    root: j.root,
    temp,
    base: { ...j.base, github, matrix: j.matrix, runner: { temp, os: 'Linux' }, job: {} },
    env: runnerEnv(repo, trigger, github, temp, workspace, j.eventPath),
    failed: false,
    summary: '',
    counter: 0,
    exportEnv(vars) {
      state.env = { ...state.env, ...vars };
    },
  };
  const steps = await runSteps(j.job.steps, { job: state, values: state.base, steps: {} });
  return { result: state.failed ? 'failure' : 'success', steps, summary: state.summary };
}

function runnerEnv(repo: Repository, trigger: Trigger, github: Record<string, Value>, temp: string, workspace: string, eventPath: string): Record<string, string> {
  return {
    ...repo.env,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: `${repo.owner}/${repo.name}`,
    GITHUB_REPOSITORY_OWNER: repo.owner,
    GITHUB_EVENT_NAME: trigger.event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_SHA: String(github.sha),
    GITHUB_RUN_ID: String(github.run_id),
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: repo.github.url,
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: temp,
    RUNNER_OS: 'Linux',
  };
}

async function runSteps(steps: readonly Step[], scope: Scope): Promise<StepRecord[]> {
  const records: StepRecord[] = [];
  for (const step of steps) {
    const name = step.name ?? step.uses ?? 'run';
    const record = evaluateCondition(step.if, ctxOf(scope)) ? await runStep(step, scope, name) : skipped(step, name);
    if (record.conclusion === 'failure') scope.job.failed = true;
    if (step.id) scope.steps[step.id] = { outputs: record.outputs, outcome: record.outcome, conclusion: record.conclusion };
    records.push(record);
  }
  return records;
}

function skipped(step: Step, name: string): StepRecord {
  return { name, ...(step.id ? { id: step.id } : {}), outcome: 'skipped', conclusion: 'skipped', outputs: {}, stdout: '', stderr: '' };
}

async function runStep(step: Step, scope: Scope, name: string): Promise<StepRecord> {
  const done = (ok: boolean, outputs: Record<string, string>, stdout: string, stderr: string, inner?: StepRecord[]): StepRecord => ({
    name,
    ...(step.id ? { id: step.id } : {}),
    outcome: ok ? 'success' : 'failure',
    conclusion: ok || step['continue-on-error'] === true ? 'success' : 'failure',
    outputs,
    stdout,
    stderr,
    ...(inner ? { inner } : {}),
  });
  const stub = step.id !== undefined ? scope.job.trigger.stubs?.[step.id] : undefined;
  if (stub && step.run !== undefined) {
    if (/voiceid-gitops/.test(step.run)) throw new Error(`step ${step.id} runs voiceid-gitops: it must run for real, not be stubbed`);
    return done(true, { ...stub }, '(stubbed)', '');
  }
  if (step.run !== undefined) return runScript(step, scope, done);
  const uses = step.uses ?? '';
  const inputs = strings(step.with, scope);
  if (uses === './' || /^[^/]+\/voiceid-gitops@v\d+$/.test(uses)) {
    const dir = uses === './' ? scope.job.workspace : scope.job.repo.actionDir;
    const r = await runComposite(dir, inputs, scope, strings(step.env, scope));
    return done(r.ok, r.outputs, '', '', r.inner);
  }
  const builtin = builtinAction(uses);
  if (!builtin) throw new Error(`no stand-in for action ${uses}`);
  const r = builtin(inputs, scope.job);
  return done(r.ok, { ...r.outputs }, r.log, '');
}

async function runScript(step: Step, scope: Scope, done: (ok: boolean, outputs: Record<string, string>, stdout: string, stderr: string) => StepRecord): Promise<StepRecord> {
  const job = scope.job;
  const key = String(++job.counter);
  const files = commandFiles(join(job.temp, '_runner_file_commands'), key);
  const env = {
    ...job.env,
    ...(scope.actionPath ? { GITHUB_ACTION_PATH: scope.actionPath } : {}),
    ...(scope.outerEnv ?? {}),
    ...strings(step.env, scope),
    GITHUB_OUTPUT: files.output,
    GITHUB_ENV: files.env,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_PATH: files.path,
  };
  const wd = step['working-directory'] !== undefined ? interpolate(step['working-directory'], ctxOf(scope)) : '.';
  const script = interpolate(step.run ?? '', ctxOf(scope));
  const r = await runShell(script, { shell: step.shell, cwd: resolve(job.workspace, wd), env, scriptDir: join(job.root, 'scripts'), name: `step-${key}` });
  job.exportEnv(parseCommandFile(readText(files.env)));
  job.summary += readText(files.summary);
  return done(r.exitCode === 0, parseCommandFile(readText(files.output)), r.stdout, r.stderr);
}

/** A composite action: its inputs (with defaults), its own steps context, its outputs mapped from its steps. */
async function runComposite(dir: string, given: Record<string, string>, outer: Scope, stepEnv: Record<string, string>): Promise<{ ok: boolean; outputs: Record<string, string>; inner: StepRecord[] }> {
  const action = parse(readFileSync(join(dir, 'action.yml'), 'utf8')) as Action;
  if (action.runs.using !== 'composite') throw new Error(`${dir}/action.yml is not a composite action`);
  const defaultsScope: Scope = { job: outer.job, values: { github: outer.values.github ?? null, runner: outer.values.runner ?? null }, steps: {} };
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs ?? {})) {
    const value = given[name] ?? (spec.default !== undefined ? interpolate(String(spec.default), ctxOf(defaultsScope)) : '');
    if (spec.required && value === '') throw new Error(`input ${name} is required by ${dir}/action.yml`);
    inputs[name] = value;
  }
  const unknown = Object.keys(given).filter((k) => !(k in (action.inputs ?? {})));
  if (unknown.length > 0) throw new Error(`unexpected input(s) ${unknown.join(', ')} for ${dir}/action.yml`);
  const failedBefore = outer.job.failed;
  outer.job.failed = false;
  const scope: Scope = { job: outer.job, values: { ...defaultsScope.values, inputs }, steps: {}, actionPath: dir, outerEnv: stepEnv };
  const inner = await runSteps(action.runs.steps, scope);
  const ok = !outer.job.failed;
  outer.job.failed = failedBefore;
  const outputs = Object.fromEntries(Object.entries(action.outputs ?? {}).map(([k, o]) => [k, interpolate(o.value, ctxOf(scope))]));
  return { ok, outputs, inner };
}

