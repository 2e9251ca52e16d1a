/**
 * How the Actions runner runs one `run:` step: the script in a file under bash with the runner's flags, the
 * environment given (never this process's), and the workflow command files (GITHUB_OUTPUT, GITHUB_ENV,
 * GITHUB_STEP_SUMMARY) read back afterwards. The child runs asynchronously: the fake GitHub and the emulator
 * live in this process and must keep serving while it runs.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ShellResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * GitHub's shells: `shell: bash` runs `bash --noprofile --norc -eo pipefail {0}`; no `shell:` (in a workflow)
 * runs `bash -e {0}`. https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#exit-codes-and-error-action-preference
 */
export function shellArgs(shell: string | undefined, file: string): string[] {
  if (shell === undefined) return ['-e', file];
  if (shell === 'bash') return ['--noprofile', '--norc', '-eo', 'pipefail', file];
  throw new Error(`shell '${shell}' is not supported by this harness`);
}

export function runShell(script: string, options: { readonly shell: string | undefined; readonly cwd: string; readonly env: Readonly<Record<string, string>>; readonly scriptDir: string; readonly name: string }): Promise<ShellResult> {
  mkdirSync(options.scriptDir, { recursive: true });
  const file = join(options.scriptDir, `${options.name}.sh`);
  writeFileSync(file, script);
  return new Promise((resolve, reject) => {
    const child = spawn('bash', shellArgs(options.shell, file), { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => void (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => void (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ exitCode: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}

/**
 * Parses a GITHUB_OUTPUT / GITHUB_ENV file: `name=value` lines and `name<<DELIMITER` ... `DELIMITER` blocks.
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#multiline-strings
 */
export function parseCommandFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
      if (i >= lines.length) throw new Error(`unterminated ${name}<<${delimiter} in a command file`);
      out[name] = value.join('\n');
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`invalid command file line: ${line}`);
    out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

/** Fresh, empty command files for one step, as the runner creates them. */
export function commandFiles(dir: string, stepKey: string): { readonly output: string; readonly env: string; readonly summary: string; readonly path: string } {
  mkdirSync(dir, { recursive: true });
  const files = {
    output: join(dir, `set_output_${stepKey}`),
    env: join(dir, `set_env_${stepKey}`),
    summary: join(dir, `step_summary_${stepKey}`),
    path: join(dir, `add_path_${stepKey}`),
  };
  for (const f of Object.values(files)) writeFileSync(f, '');
  return files;
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}
