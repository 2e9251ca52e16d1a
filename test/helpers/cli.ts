/** Runs the CLI in-process with captured output, a fixed clock and no TTY unless asked. */
import { run } from '../../src/cli/run.js';
import type { CliDeps } from '../../src/cli/deps.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(argv: readonly string[], overrides: Partial<CliDeps> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: {},
    cwd: process.cwd(),
    stdoutIsTTY: false,
    stdinIsTTY: false,
    prompt: async () => undefined,
    signal: new AbortController().signal,
    now: () => new Date('2026-11-21T00:00:00Z'),
    ...overrides,
  });
  return { code, stdout, stderr };
}
