/**
 * Which stack `export` exports: `--stack NAME`, else the stack of the YAML in PATH, else the one stack found in
 * live state. Several stacks (or none) and no `--stack` is a question, not a guess: the error names the stacks
 * found, with a complete command for each. An export that finds no domain says so instead of writing an empty file.
 */
import type { AwsApis } from '../aws/index.js';
import { sortedEntries } from '../model/collections.js';
import { discoverDomains } from '../live/index.js';
import { FORMAT_VERSION, OWNER_STACK_TAG } from '../model/desired.js';
import { userError } from '../model/errors.js';
import { commandLine } from '../model/command-line.js';

/** ACTIVE domains per stack tag, and how many carry no stack tag (unmanaged), from one ListDomains pass. */
export interface StacksFound {
  readonly stacks: ReadonlyMap<string, number>;
  readonly unmanaged: number;
}

export async function findStacks(apis: AwsApis): Promise<StacksFound> {
  const nothing = { version: FORMAT_VERSION, stack: 'default', prune: false, domains: [] };
  const found = await discoverDomains(apis.voiceId, apis.tagging, nothing, 'list');
  const stacks = new Map<string, number>();
  let unmanaged = 0;
  for (const d of found.domains.filter((x) => x.status === 'ACTIVE')) {
    const stack = d.tags[OWNER_STACK_TAG];
    if (stack === undefined) unmanaged++;
    else stacks.set(stack, (stacks.get(stack) ?? 0) + 1);
  }
  return { stacks: new Map(sortedEntries(stacks)), unmanaged };
}

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

export function describeStacks(found: StacksFound): string {
  const list = [...found.stacks].map(([s, n]) => `"${s}" (${plural(n, 'domain')})`).join(', ');
  return list === '' ? 'no stack' : `stack${found.stacks.size === 1 ? '' : 's'} ${list}`;
}

/** No --stack and no PATH: the only stack found, or an error asking for one (`words`: the rest of the command). */
export function stackFromLive(found: StacksFound, where: string, includeUnmanaged: boolean, words: readonly string[]): { stack: string; note?: string } {
  const names = [...found.stacks.keys()];
  if (names.length === 1) return { stack: names[0]!, note: `Exporting stack "${names[0]}", the only one found in ${where} (pass --stack NAME to choose)` };
  if (names.length === 0 && includeUnmanaged && found.unmanaged > 0) return { stack: 'default', note: `No stack found in ${where}: exporting the unmanaged domains as adoptions into stack "default" (pass --stack NAME to name it)` };
  if (names.length === 0) {
    const unmanaged = found.unmanaged > 0 ? `; ${plural(found.unmanaged, 'domain')} no stack manages: \`${commandLine(['export', '--include-unmanaged', ...words])}\` exports them as adoptions` : '';
    throw userError('E_EXPORT_EMPTY', `found no domain managed by voiceid-gitops in ${where}; nothing was written`, `there is nothing to export${unmanaged}`);
  }
  const commands = names.map((s) => `\`${commandLine(['export', '--stack', s, ...words])}\``).join(', ');
  throw userError('E_EXPORT_STACK_REQUIRED', `export needs a stack: found ${describeStacks(found)} in ${where}; nothing was written`, `pick one: ${commands}`);
}

/** The chosen stack has no ACTIVE domain to export: say so, naming the stacks that exist. */
export function emptyExport(stack: string, found: StacksFound, where: string, words: readonly string[]): Error {
  const others = [...found.stacks.keys()].filter((s) => s !== stack);
  const hint = others.length > 0 ? `stacks found: ${others.map((s) => `\`${commandLine(['export', '--stack', s, ...words])}\``).join(', ')}` : 'there is no managed domain to export';
  return userError('E_EXPORT_EMPTY', `stack "${stack}" has no ACTIVE domain in ${where}; nothing was written`, hint);
}
