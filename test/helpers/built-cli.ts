/**
 * The built CLI as a child process: `node dist/bin/voiceid-gitops.js ARGS`, the package's bin (the bundle of dist/
 * that users run and the GitHub Action runs; dist/ and the bundle are built once per test run by
 * test/setup/build-dist.ts). For tests that need a real process: signals, SIGKILL, stdio, exit codes.
 * In-process runs (faster, injected clock) use ./cli.ts instead.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BUILT_CLI = fileURLToPath(new URL('../../dist/bin/voiceid-gitops.js', import.meta.url));

/** Spawns the built CLI; cwd defaults to the repository. */
export function spawnBuiltCli(args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  return spawn(process.execPath, [BUILT_CLI, ...args], { cwd: REPO_ROOT, ...options });
}

export interface BuiltCliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI to its end with `stdin` (default: none) and collects its output. */
export function runBuiltCli(args: readonly string[], options: SpawnOptions & { readonly stdin?: string } = {}): Promise<BuiltCliResult> {
  const { stdin, ...spawnOptions } = options;
  const child = spawnBuiltCli(args, { ...spawnOptions, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  child.stdin?.end(stdin ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
