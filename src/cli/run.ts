/**
 * The CLI: `run(argv, deps)` parses arguments with commander, runs one command and resolves with the exit code
 * (CONTRACT §2). It never throws and never exits the process: main.ts does that.
 */
import { appendFile } from 'node:fs/promises';
import { Command, CommanderError } from 'commander';
import { setStepOutput } from '../github/step-output.js';
import { GitopsError, isGitopsError } from '../model/errors.js';
import { rerunText, type RerunHint } from '../model/command-line.js';
import { escapeControls } from '../model/printable.js';
import { SpeakerMask } from '../model/sensitive.js';
import type { CliDeps } from './deps.js';
import { annotator } from './annotations.js';
import { packageVersion } from './version.js';
import { commands } from './commands/index.js';

export type { CliDeps } from './deps.js';

/** What a command action reports back: its exit code. */
export interface CommandContext {
  readonly deps: CliDeps;
  setExitCode(code: number): void;
}

export async function run(argv: readonly string[], given: CliDeps): Promise<number> {
  let exitCode = 0;
  // The output boundary: every declared speaker id is masked in whatever reaches stdout or stderr.
  const mask = new SpeakerMask();
  // Filled in once the commands are registered: which options take a value, to edit argv for a hint's command.
  let takesValue: (option: string) => boolean = () => false;
  const rerun = (hint: RerunHint): string => rerunText(hint, argv, takesValue);
  const deps: CliDeps = {
    ...given,
    rerun,
    stdout: (t) => given.stdout(mask.apply(t)),
    stderr: (t) => given.stderr(mask.apply(t)),
    declareSensitive: (ids) => mask.declare(ids),
  };
  const ctx: CommandContext = { deps, setExitCode: (c) => (exitCode = c) };
  const program = new Command('voiceid-gitops')
    .description('Declarative GitOps reconciler for Amazon Connect Voice ID')
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: deps.stdout, writeErr: deps.stderr });
  for (const register of commands) register(program, ctx);
  program.commands.forEach((c) => c.exitOverride().configureOutput({ writeOut: deps.stdout, writeErr: deps.stderr }));
  const valued = new Set(program.commands.flatMap((c) => c.options.filter((o) => o.required || o.optional).map((o) => o.long)));
  takesValue = (option) => valued.has(option);

  const debug = argv.includes('--debug');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end with a CommanderError whose exitCode is 0.
      return e.exitCode === 0 ? 0 : 1;
    }
    const shown = withRerunHint(e, rerun);
    deps.stderr(describeError(shown, debug));
    if (isGitopsError(shown)) {
      annotator(deps)?.error(shown);
      await reportErrorCode(deps, shown.code);
    }
    return 1;
  }
}

/** In GitHub Actions the step output `error-code` (action.yml's output of that name); never fails the command. */
async function reportErrorCode(deps: CliDeps, code: string): Promise<void> {
  try {
    await setStepOutput(deps.env, (p, t) => appendFile(p, t, 'utf8'), 'error-code', code);
  } catch (e) {
    deps.stderr(`warning: could not write the error-code step output (${e instanceof Error ? e.message : String(e)})\n`);
  }
}

/** An error whose hint is "this command, changed", with the command filled in from the run's arguments. */
function withRerunHint(e: unknown, rerun: (hint: RerunHint) => string): unknown {
  if (!isGitopsError(e) || e.hint !== undefined || e.options.rerun === undefined) return e;
  const shown = new GitopsError(e.code, e.message, e.source, { ...e.options, hint: rerun(e.options.rerun) });
  if (e.stack !== undefined) shown.stack = e.stack;
  return shown;
}

/** Messages may quote AWS, GitHub or file text: control characters are escaped (newlines kept). */
export function describeError(e: unknown, debug: boolean): string {
  if (isGitopsError(e)) {
    const lines = [`error ${e.code}: ${escapeControls(e.message, true)}`];
    if (e.hint) lines.push(`hint: ${escapeControls(e.hint, true)}`);
    const aws = e.options.aws;
    if (debug && aws) {
      lines.push(`  operation=${aws.operation} awsCode=${aws.awsCode} requestId=${aws.requestId ?? '-'} http=${aws.httpStatus ?? '-'}`);
    }
    if (debug && e.stack) lines.push(e.stack);
    return lines.join('\n') + '\n';
  }
  const message = e instanceof Error ? e.message : String(e);
  const detail = debug && e instanceof Error && e.stack ? `\n${e.stack}` : '\n(run again with --debug for details)';
  return `error INTERNAL: ${escapeControls(message.split('\n')[0]!)}${detail}\n`;
}
