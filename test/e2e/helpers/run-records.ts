/** The vocabulary of a workflow run (what the runner is given and what it records), and helpers to read it. */
import type { Value } from './expressions.js';
import type { FakeGitHub } from './fake-github.js';

export interface Step {
  readonly name?: string;
  readonly id?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly shell?: string;
  readonly if?: string | boolean;
  readonly with?: Readonly<Record<string, unknown>>;
  readonly env?: Readonly<Record<string, unknown>>;
  readonly 'working-directory'?: string;
  readonly 'continue-on-error'?: boolean;
}
export interface Repository {
  readonly owner: string;
  readonly name: string;
  /** The repository's files at the commit being run: what actions/checkout copies. Tests edit it to push. */
  readonly dir: string;
  /** Where `OWNER/voiceid-gitops@vN` resolves: a checkout of this project with its built dist/. */
  readonly actionDir: string;
  readonly github: FakeGitHub;
  /** Base environment of every step (PATH, HOME, the test emulator's AWS endpoint...), never process.env. */
  readonly env: Readonly<Record<string, string>>;
  /** Uploaded artifacts: run id -> artifact name -> directory. */
  readonly artifacts: Map<number, Map<string, string>>;
}

export interface Trigger {
  readonly event: 'pull_request' | 'push' | 'schedule' | 'workflow_dispatch';
  readonly payload?: Readonly<Record<string, Value>>;
  readonly sha?: string;
  readonly vars?: Readonly<Record<string, string>>;
  readonly inputs?: Readonly<Record<string, Value>>;
  /** Outputs of `run:` steps that call tools other than voiceid-gitops (gh, git), by step id. */
  readonly stubs?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export type Outcome = 'success' | 'failure' | 'skipped';

export interface StepRecord {
  readonly name: string;
  readonly id?: string;
  readonly outcome: Outcome;
  readonly conclusion: Outcome;
  readonly outputs: Readonly<Record<string, string>>;
  readonly stdout: string;
  readonly stderr: string;
  readonly inner?: readonly StepRecord[];
}

export interface JobResult {
  readonly result: Outcome;
  readonly steps: readonly StepRecord[];
  /** Every step's GITHUB_STEP_SUMMARY, in order: the job summary page. */
  readonly summary: string;
}

export interface WorkflowRun {
  readonly runId: number;
  readonly jobs: Readonly<Record<string, JobResult>>;
}

/** A step of a job by id or name (composite steps' inner records included in the result). */
export function stepOf(job: JobResult | undefined, idOrName: string): StepRecord {
  const found = job?.steps.find((s) => s.id === idOrName || s.name === idOrName);
  if (!found) throw new Error(`no step ${idOrName} in the job (steps: ${job?.steps.map((s) => s.id ?? s.name).join(', ')})`);
  return found;
}

/** The tool's own output of a step that used the action (its `run` step), for assertions and failure messages. */
export function toolOutput(step: StepRecord): { readonly stdout: string; readonly stderr: string } {
  const run = step.inner?.find((s) => s.id === 'run');
  return { stdout: run?.stdout ?? step.stdout, stderr: run?.stderr ?? step.stderr };
}

/** Every failed step with its output: the message of an assertion on a job's result. */
export function failures(run: WorkflowRun): string {
  const lines: string[] = [];
  for (const [jobId, job] of Object.entries(run.jobs)) {
    for (const s of job.steps.filter((x) => x.outcome === 'failure')) {
      const out = toolOutput(s);
      lines.push(`${jobId} / ${s.name}:\n${out.stdout}\n${out.stderr}`);
    }
  }
  return lines.join('\n---\n') || 'no failed step';
}
