/**
 * The complete commands that hints print (`voiceid-gitops plan voiceid/support --local --out plan.json`), so a
 * user can copy them as they are: the PATHs and connection options of the failed run, each word shell-quoted.
 */

/** One shell word: quoted only when it needs to be. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

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
  const where = paths === undefined || paths.length === 0 ? ['PATH...'] : paths;
  const conn = connectionWords(connection);
  const plan = commandLine(['plan', ...where, ...conn, '--out', file]);
  return `plan again with \`${plan}\`, review it, then run \`${commandLine(['apply', '--plan', file, ...conn])}\``;
}
