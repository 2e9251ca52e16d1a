/**
 * The shape plan, apply and export share: a command over `[paths...]` of stack YAML that talks to Voice ID. Its
 * own options come first in its help, then withCommonOptions, then the option families it takes (in that order);
 * its action gets the PATHs, commander's parsed options and the SessionOptions made from them. validate shares
 * the PATHs help only (it talks to nothing).
 */
import type { Command } from 'commander';
import { withCommonOptions } from './common-options.js';
import { sessionOptions, type SessionOptions } from './session.js';

/** Commander's parsed options of one command, before they are typed. */
export type RawOptions = Readonly<Record<string, unknown>>;

/** The help of `[paths...]` of the commands that read stack YAML from PATHs; `byDefault`: what no PATH means. */
export function yamlPathsHelp(byDefault: string): string {
  return `YAML files or directories (read recursively for *.yaml / *.yml); default: ${byDefault}`;
}

export interface StackCommandSpec {
  readonly name: string;
  readonly description: string;
  /** The help of `[paths...]`. */
  readonly paths: string;
  /** The command's own options. */
  readonly options: (cmd: Command) => Command;
  /** The option families it takes beyond the common ones (session.ts, targets.ts, common-options.ts). */
  readonly families: readonly ((cmd: Command) => Command)[];
  readonly action: (paths: readonly string[], raw: RawOptions, session: SessionOptions) => Promise<void>;
}

export function stackCommand(program: Command, spec: StackCommandSpec): Command {
  const cmd = spec.options(program.command(spec.name).description(spec.description).argument('[paths...]', spec.paths));
  const withFamilies = spec.families.reduce((c, add) => add(c), withCommonOptions(cmd));
  return withFamilies.action(async (paths: string[], raw: RawOptions) => spec.action(paths, raw, sessionOptions(raw)));
}

/** The string options among `keys` that were given (`{ out: 'x' }` for `--out x`); an absent one is left out. */
export function givenStrings<K extends string>(raw: RawOptions, keys: readonly K[]): Partial<Record<K, string>> {
  const given: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const value = raw[key];
    if (typeof value === 'string') given[key] = value;
  }
  return given;
}
