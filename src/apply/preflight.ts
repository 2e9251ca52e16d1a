/**
 * The checks made before the first AWS call (APPLY.md §1). Each refusal is a one-line user error with a code and
 * a hint; passing them guarantees nothing has been changed yet by a plan that should not run.
 */
import { commandLine } from '../model/command-line.js';
import { userError } from '../model/errors.js';
import type { Plan } from '../model/plan.js';
import { PLAN_FORMAT_VERSION } from '../model/plan.js';
import { hasValidIntegrity } from '../plan/integrity.js';
import { kindModule } from '../kinds/registry.js';
import { firstPlanSchemaError } from './plan-schema.js';


/** A saved plan file's text -> Plan, with the checks that need only the file (A1.1–A1.3). `replan`: the hint. */
export function parseSavedPlan(text: string, file: string, replan = `run \`${commandLine(['plan', '--out', file])}\` again and review the new plan`): Plan {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw userError('PLAN_INVALID', `${file} is not a saved plan: ${why.split('\n')[0]}`, replan);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !Array.isArray((data as { changes?: unknown }).changes)) {
    throw userError('PLAN_INVALID', `${file} is not a saved plan (no "changes" list)`, replan);
  }
  const plan = data as Plan;
  if (plan.formatVersion !== PLAN_FORMAT_VERSION) {
    throw userError('PLAN_VERSION', `${file} has plan format version ${String(plan.formatVersion)}; this voiceid-gitops applies version ${PLAN_FORMAT_VERSION}`, replan);
  }
  if (plan.redacted === true) {
    throw userError('PLAN_REDACTED', `${file} is a redacted rendering (speaker ids masked) and cannot be applied`, replan);
  }
  const invalid = firstPlanSchemaError(data);
  if (invalid !== undefined) {
    throw userError('PLAN_INVALID', `${file} is not a valid saved plan: ${invalid} (specs/plan.schema.json)`, replan);
  }
  if (typeof plan.integrity !== 'string') {
    throw userError('PLAN_TAMPERED', `${file} has no integrity digest, so its content cannot be trusted`, replan);
  }
  if (!hasValidIntegrity(plan)) {
    throw userError('PLAN_TAMPERED', `${file} was altered after it was saved (integrity digest mismatch)`, replan);
  }
  return plan;
}

/** A1.4: the plan must be of the stack the user names (or the stack of the PATHs). */
export function checkStack(plan: Plan, stack: string | undefined): void {
  if (stack !== undefined && plan.stack !== stack) {
    throw userError('PLAN_OTHER_STACK', `the plan is for stack "${plan.stack}", not "${stack}"; nothing was changed`, {
      as: ['apply'],
      keep: ['--plan', '--auto-approve', '--allow-delete', '--wait'],
      say: (c) => `apply it to stack "${plan.stack}" with ${c} (it reads the YAML paths the plan records), or pass the plan file of stack "${stack}"`,
    });
  }
}

/** A1.5, A1.6: refuse before any call. */
export function checkExecutable(plan: Plan, allowDelete: boolean, paths?: readonly string[]): void {
  if (plan.errors.length > 0) {
    const first = plan.errors[0]!;
    throw userError('PLAN_HAS_ERRORS', `the plan has ${plan.errors.length} error(s) and cannot be applied; first: ${first.code}: ${first.message}`, {
      as: ['plan'],
      ...(paths === undefined ? { keepPaths: true } : { paths }),
      say: (c) => `fix the errors the plan shows, then check with ${c}`,
    });
  }
  if (allowDelete) return;
  const deletes = plan.changes.filter(isDomainDelete);
  if (deletes.length > 0) {
    throw userError(
      'DELETE_NOT_ALLOWED',
      `the plan deletes ${deletes.length} domain(s) (${deletes.map((c) => c.address).join(', ')}) with all their voiceprints; nothing was changed`,
      { add: ['--allow-delete'], say: (c) => `review the deletion, then run ${c}; or set prune: false to keep the domains` },
    );
  }
  // PLAN.md R15.1: erasures and fraudster deletions destroy biometric data too.
  const erasures = plan.changes.filter((c) => c.destructive);
  if (erasures.length > 0) {
    const what = erasures.map(destroyedLine).join(', ');
    throw userError('DELETE_NOT_ALLOWED', `the plan erases biometric data: ${what}; it cannot be undone; nothing was changed`, {
      add: ['--allow-delete'],
      say: (c) => `review the erasure, then run ${c}; or remove the ids from erasedSpeakers / deletedFraudsters`,
    });
  }
}

/** `domain.a.erased-speakers (3 speakers)`: the size its kind's module gives (`erases`), else the address alone. */
function destroyedLine(c: Plan['changes'][number]): string {
  const erases = kindModule(c.kind).erases;
  return erases ? `${c.address} (${erases(c)})` : c.address;
}

/** A domain deletion: a delete of the kind whose changes are the domain itself (a watchlist delete is an ordinary change of its domain). */
export function isDomainDelete(c: Plan['changes'][number]): boolean {
  return c.action === 'delete' && kindModule(c.kind).address.shape === 'domain';
}
