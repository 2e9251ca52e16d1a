/**
 * Stand-ins for the third-party actions our workflows use, each doing locally what the real one does for the
 * steps after it: checkout copies the repository, artifacts are kept per workflow run, and
 * configure-aws-credentials checks the job may mint an OIDC token and exports temporary-looking credentials
 * (the AWS endpoint itself comes from the test's environment: the emulator).
 */
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Permissions } from './fake-github.js';
import { scratchDir } from './scratch.js';

export interface BuiltinJob {
  readonly runId: number;
  readonly repoDir: string;
  readonly workspace: string;
  readonly permissions: Permissions;
  readonly artifacts: Map<number, Map<string, string>>;
  /** Adds variables to the environment of the job's later steps (what GITHUB_ENV does). */
  exportEnv(vars: Readonly<Record<string, string>>): void;
}

export interface BuiltinResult {
  readonly ok: boolean;
  readonly outputs: Readonly<Record<string, string>>;
  readonly log: string;
}

type Builtin = (inputs: Readonly<Record<string, string>>, job: BuiltinJob) => BuiltinResult;

const ok = (log: string, outputs: Record<string, string> = {}): BuiltinResult => ({ ok: true, outputs, log });
const fail = (log: string): BuiltinResult => ({ ok: false, outputs: {}, log });

const BUILTINS: Readonly<Record<string, Builtin>> = {
  'actions/checkout@v4': (_inputs, job) => {
    cpSync(job.repoDir, job.workspace, { recursive: true });
    return ok(`checked out ${job.repoDir}`);
  },
  // Node 20 is what runs these tests.
  'actions/setup-node@v4': (inputs) => (String(inputs['node-version']) === '20' ? ok('node 20') : fail(`unexpected node-version ${inputs['node-version']}`)),
  'actions/upload-artifact@v4': (inputs, job) => {
    const path = resolve(job.workspace, inputs.path ?? '');
    if (!inputs.path || !existsSync(path)) return inputs['if-no-files-found'] === 'error' ? fail(`No files were found with the provided path: ${inputs.path}`) : ok('nothing uploaded');
    const name = inputs.name ?? 'artifact';
    const store = scratchDir(`voiceid-artifact-${name}-`);
    cpSync(path, join(store, basename(path)), { recursive: true });
    const runArtifacts = job.artifacts.get(job.runId) ?? new Map<string, string>();
    if (runArtifacts.has(name)) return fail(`an artifact named ${name} already exists in this run`);
    runArtifacts.set(name, store);
    job.artifacts.set(job.runId, runArtifacts);
    return ok(`uploaded ${name}`);
  },
  'actions/download-artifact@v4': (inputs, job) => {
    const runId = inputs['run-id'] ? Number(inputs['run-id']) : job.runId;
    const store = job.artifacts.get(runId)?.get(inputs.name ?? '');
    if (!store) return fail(`Unable to download artifact(s): Artifact not found for name: ${inputs.name} (run ${runId})`);
    const dest = resolve(job.workspace, inputs.path ?? '.');
    mkdirSync(dest, { recursive: true });
    cpSync(store, dest, { recursive: true });
    return ok(`downloaded ${inputs.name} to ${dest}`);
  },
  'aws-actions/configure-aws-credentials@v4': (inputs, job) => {
    if (job.permissions['id-token'] !== 'write') return fail('Could not assume role with OIDC: no ACTIONS_ID_TOKEN_REQUEST_URL (the job lacks `id-token: write`)');
    if (!inputs['role-to-assume']) return fail('Could not assume role with OIDC: role-to-assume is empty');
    if (!inputs['aws-region']) return fail('Input required and not supplied: aws-region');
    job.exportEnv({
      AWS_ACCESS_KEY_ID: 'ASIAE2EOIDCSESSION01',
      AWS_SECRET_ACCESS_KEY: 'e2e-oidc-session-secret',
      AWS_SESSION_TOKEN: `e2e-session-for-${basename(inputs['role-to-assume'])}`,
      AWS_REGION: inputs['aws-region'],
      AWS_DEFAULT_REGION: inputs['aws-region'],
    });
    return ok(`assumed ${inputs['role-to-assume']}`);
  },
};

export function builtinAction(uses: string): Builtin | undefined {
  return BUILTINS[uses];
}
