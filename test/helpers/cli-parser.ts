/**
 * The CLI's own commander definitions with every action (subcommands' too, `emulator reset`) replaced by a no-op:
 * a command line is checked for what commander checks (commands, options, choices, arguments) without running.
 */
import { Command, CommanderError } from 'commander';
import { commands } from '../../src/cli/commands/index.js';
import type { CommandContext } from '../../src/cli/run.js';

function quiet(c: Command): void {
  c.exitOverride().configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
  if (c.parent !== null) c.action(async () => undefined);
  c.commands.forEach(quiet);
}

export function cliParser(): Command {
  const ctx = { deps: {}, setExitCode: () => undefined } as unknown as CommandContext;
  const program = new Command('voiceid-gitops');
  for (const register of commands) register(program, ctx);
  quiet(program);
  return program;
}

/** Shell words of one command line: spaces split, '...' quotes a word (as shellWord writes them). */
export function shellWords(line: string): string[] {
  return [...line.trim().matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]!));
}

/** Undefined when `voiceid-gitops ...` parses (or is --help), else commander's complaint. */
export async function parseProblem(line: string): Promise<string | undefined> {
  const [head, ...argv] = shellWords(line);
  if (head !== 'voiceid-gitops') return `does not start with voiceid-gitops: ${line}`;
  try {
    await cliParser().parseAsync(argv, { from: 'user' });
    return undefined;
  } catch (e) {
    return e instanceof CommanderError && e.exitCode === 0 ? undefined : String(e);
  }
}
