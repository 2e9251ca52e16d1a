/**
 * The complete commands that hints print (`voiceid-gitops plan voiceid/support --local --out plan.json`), so a
 * user can copy them as they are: the PATHs and connection options of the failed run, each word shell-quoted.
 */

const EXPANSION = '\u0000$';

/**
 * A word the shell computes when the hint is run, for a value only the user's machine knows (the pull request of
 * the checked-out branch: `$(gh pr view --json number --jq .number)`). Printed in double quotes, never escaped, so
 * only the tool's own text may be passed here, never user input.
 */
export const shellExpansion = (command: string): string => `${EXPANSION}(${command})`;

/** One shell word: quoted only when it needs to be. */
export function shellWord(word: string): string {
  if (word.startsWith(EXPANSION)) return `"$${word.slice(EXPANSION.length)}"`;
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The pull request of the checked-out branch, and the repository of the working directory, as `gh` finds them. */
export const PR_OF_BRANCH = shellExpansion('gh pr view --json number --jq .number');
export const REPO_OF_CHECKOUT = shellExpansion('gh repo view --json nameWithOwner --jq .nameWithOwner');

export function commandLine(words: readonly string[]): string {
  return ['voiceid-gitops', ...words].map(shellWord).join(' ');
}

/** The connection options of this run, to repeat in a hint's command. */
export interface ConnectionWords {
  readonly local?: boolean;
  readonly localState?: string;
  readonly region?: string;
  readonly profile?: string;
  readonly endpointUrl?: string;
}

export function connectionWords(o: ConnectionWords): string[] {
  const words: string[] = [];
  if (o.localState !== undefined) words.push('--local-state', o.localState);
  else if (o.local === true) words.push('--local');
  if (o.region !== undefined) words.push('--region', o.region);
  if (o.profile !== undefined) words.push('--profile', o.profile);
  if (o.endpointUrl !== undefined) words.push('--endpoint-url', o.endpointUrl);
  return words;
}

/** "plan PATHS --out FILE, review it, then apply --plan FILE", each a complete command. */
export function replanHint(paths: readonly string[] | undefined, file: string, connection: ConnectionWords = {}): string {
  // No PATHs: the bare command reads what a bare command reads (the working directory's stack YAML, or says where).
  const where = paths ?? [];
  const conn = connectionWords(connection);
  const plan = commandLine(['plan', ...where, ...conn, '--out', file]);
  return `plan again with \`${plan}\`, review it, then run \`${commandLine(['apply', '--plan', file, ...conn])}\``;
}

/**
 * A hint that is the failed command itself, changed: "add --allow-delete", "drop --region". The CLI fills it in from
 * the run's own arguments (`rerunCommand`), so the printed command keeps the user's PATHs, stack, Region and flags.
 * Errors raised where the arguments are not known carry this; the CLI resolves it before printing (run.ts).
 */
export interface RerunEdit {
  /**
   * Another command instead (e.g. `['plan']`): of the run it keeps only the connection options, the options in
   * `keep`, and its PATHs with `keepPaths` (or `paths` instead). Without `as`, `paths` go after the subcommand.
   */
  readonly as?: readonly string[];
  readonly keepPaths?: boolean;
  readonly paths?: readonly string[];
  readonly keep?: readonly string[];
  /** Options (`--region`) to remove, with their values. */
  readonly drop?: readonly string[];
  /** Words to append; an option among them replaces the same option already given. */
  readonly add?: readonly string[];
}

export interface RerunHint extends RerunEdit {
  /** The hint's text around the command (already in backticks). */
  readonly say: (command: string) => string;
}

/** What `as` keeps of the run: where it connects. */
const CONNECTION_OPTIONS = new Set(['--region', '--profile', '--endpoint-url', '--local', '--local-state', '--local-max-domains', '--root']);

/**
 * The run's arguments with `edit` applied, as a complete command. `takesValue` tells which options consume the next
 * word (from commander's definitions), so `--region eu-west-1` is dropped as a pair and PATHs stay.
 */
export function rerunCommand(argv: readonly string[], edit: RerunEdit, takesValue: (option: string) => boolean): string {
  const added = (edit.add ?? []).filter((w) => w.startsWith('--'));
  const drop = new Set([...(edit.drop ?? []), ...added]);
  const kept: string[] = [];
  const paths: string[] = [];
  const keep = new Set([...CONNECTION_OPTIONS, ...(edit.keep ?? [])]);
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    const name = word.startsWith('--') ? word.split('=')[0]! : undefined;
    const value = name !== undefined && !word.includes('=') && takesValue(name) && i + 1 < argv.length ? [argv[++i]!] : [];
    if (name !== undefined && drop.has(name)) continue;
    if (edit.as === undefined) kept.push(word, ...value);
    else if (name !== undefined && keep.has(name)) kept.push(word, ...value);
    else if (name === undefined && i > 0 && !word.startsWith('-')) paths.push(word);
  }
  const head = edit.as !== undefined
    ? [...edit.as, ...(edit.paths ?? (edit.keepPaths === true ? paths : [])), ...kept]
    : [...kept.slice(0, 1), ...(edit.paths ?? []), ...kept.slice(1)];
  return commandLine([...head, ...(edit.add ?? [])]);
}

/** `say` around the rerun command, in backticks. */
export function rerunText(hint: RerunHint, argv: readonly string[], takesValue: (option: string) => boolean): string {
  return hint.say(`\`${rerunCommand(argv, hint, takesValue)}\``);
}
