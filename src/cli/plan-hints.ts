/**
 * Plan findings whose hint tells the user to run something (issue 14: every hint prints a complete command). The
 * planner is pure and knows neither the run's PATHs nor how it connects, so it writes words; the CLI, which knows
 * the run's arguments, replaces those hints with the complete command before the plan is shown or saved. Only
 * warnings (volatile, APPLY.md A1.7) and errors (a plan with errors is refused before staleness is checked) are
 * touched, so a saved plan and apply's fresh plan still compare equal.
 */
import type { RerunHint } from '../model/command-line.js';
import type { Plan, PlanMessage } from '../model/plan.js';

/** The key of `domain.<key>...`. */
const keyOf = (m: PlanMessage): string => m.address?.split('.')[1] ?? '';

/** Another command on the PATHs the YAML was read from (those of `apply --plan FILE` come from the plan). */
const on = (as: string, paths: readonly string[]) => (paths.length > 0 ? { as: [as], paths } : { as: [as], keepPaths: true });

/** Per code, the command the hint gives (from the run's arguments) and the words around it. */
const COMMAND_HINTS: Readonly<Record<string, (m: PlanMessage, paths: readonly string[]) => RerunHint>> = {
  W_TARGETED: (_m, paths) => ({
    ...on('plan', paths),
    say: (c) => `--target is for exceptional use, such as recovering from an error; to see every change, run ${c}`,
  }),
  W_KMS_DEFERRED: (_m, paths) => ({
    ...on('apply', paths),
    add: ['--wait'],
    say: (c) => `the first apply after the re-encryption has completed makes this change; or wait for it in one run: ${c}`,
  }),
  W_REENCRYPTION_FAILED: (_m, paths) => ({
    ...on('apply', paths),
    say: (c) => `make both keys usable by Voice ID (enabled, key policy), then ${c} retries the re-encryption`,
  }),
  E_PROTECTED: (m, paths) => ({
    ...on('apply', paths),
    say: (c) => `to delete it, declare domain "${keyOf(m)}" again with \`protect: false\`, run ${c}, then remove it from the YAML and run it again; to keep it, declare it again`,
  }),
};

export function withCommandHints(plan: Plan, rerun: ((hint: RerunHint) => string) | undefined, paths: readonly string[]): Plan {
  if (!rerun) return plan;
  const fill = (list: readonly PlanMessage[]): PlanMessage[] =>
    list.map((m) => {
      const hint = COMMAND_HINTS[m.code];
      return hint && m.hint !== undefined ? { ...m, hint: rerun(hint(m, paths)) } : m;
    });
  return { ...plan, errors: fill(plan.errors), warnings: fill(plan.warnings) };
}

/** The codes whose hint the CLI completes (the hints test checks each one). */
export const COMMAND_HINT_CODES: readonly string[] = Object.keys(COMMAND_HINTS);
