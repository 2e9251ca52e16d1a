/**
 * `--target ADDRESS` (repeatable) on plan and apply (src/plan/PLAN.md R12.4, R12.5; APPLY.md A1.7a): read and
 * checked here, so a malformed address or one that names nothing stops the run with one line and a command to copy.
 */
import type { Command } from 'commander';
import type { DesiredState } from '../model/desired.js';
import { userError } from '../model/errors.js';
import type { LiveState } from '../model/live.js';
import { commandLine, connectionWords, type ConnectionWords } from '../model/command-line.js';
import { targetForms, isTargetAddress, normalizeTargets, targetAddresses, unknownTargets } from '../plan/index.js';

const collect = (value: string, previous: readonly string[] = []): string[] => [...previous, value];

export function addTargetOption(cmd: Command): Command {
  return cmd.option(
    '--target <address>',
    'plan (and apply) only this resource and what it needs, an address as the plan prints it (domain.KEY, domain.KEY.tags, ...); repeatable; for exceptional use',
    collect,
  );
}

/** The `--target` values, sorted and unique; undefined when none. E_TARGET_INVALID for one that is not an address. */
export function targetsOf(raw: Readonly<Record<string, unknown>>): readonly string[] | undefined {
  const given = Array.isArray(raw.target) ? (raw.target as unknown[]).filter((t): t is string => typeof t === 'string') : [];
  if (given.length === 0) return undefined;
  const bad = given.find((t) => !isTargetAddress(t));
  if (bad !== undefined) {
    throw userError('E_TARGET_INVALID', `--target ${JSON.stringify(bad)} is not a resource address: use ${targetForms()}`, 'copy an address from the plan output (the lines starting with "# domain.")');
  }
  return normalizeTargets(given);
}

const MAX_LISTED = 20;

/** R12.5: every target must name a resource of the YAML or of the stack's live domains. */
export function checkTargets(targets: readonly string[], desired: DesiredState, live: LiveState, paths: readonly string[], connection: ConnectionWords): void {
  const valid = targetAddresses(desired, live);
  const unknown = unknownTargets(targets, valid);
  if (unknown.length === 0) return;
  const listed = valid.slice(0, MAX_LISTED).join(', ') + (valid.length > MAX_LISTED ? `, and ${valid.length - MAX_LISTED} more` : '');
  const example = valid[0] ?? 'domain.KEY';
  throw userError(
    'E_TARGET_UNKNOWN',
    `--target ${unknown.join(', ')} ${unknown.length === 1 ? 'names' : 'name'} no resource of stack "${desired.stack}"; valid addresses: ${listed || 'none (no domain is declared or managed)'}; nothing was changed`,
    `for example \`${commandLine(['plan', ...(paths.length > 0 ? paths : ['.']), ...connectionWords(connection), '--target', example])}\``,
  );
}

/** APPLY.md A1.7a: the targets of `apply --plan FILE`: the plan's, or the same set given again. */
export function savedPlanTargets(saved: readonly string[] | undefined, given: readonly string[] | undefined, file: string, connection: ConnectionWords): readonly string[] | undefined {
  if (given === undefined) return saved;
  const same = saved !== undefined && saved.length === given.length && saved.every((t, i) => t === given[i]);
  if (same) return saved;
  const made = saved === undefined ? 'without --target' : `with --target ${saved.join(' --target ')}`;
  throw userError(
    'PLAN_OTHER_TARGETS',
    `${file} was made ${made}, not with --target ${given.join(' --target ')}; nothing was changed`,
    `apply it without --target (\`${commandLine(['apply', '--plan', file, ...connectionWords(connection)])}\` uses the plan's targets), or plan again with the targets you want`,
  );
}
