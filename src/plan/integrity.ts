/**
 * The integrity digest of a saved plan (APPLY.md A1.3): sha256 over the canonical JSON of the plan without its
 * `integrity` member. `plan --out` seals the plan; `apply --plan` refuses a file whose digest is missing or does
 * not match, so a hand-edited or truncated plan is never executed. Not a signature: it detects accidents and
 * edits, and the review of the plan's content remains the control.
 */
import type { Plan } from '../model/plan.js';
import { canonicalJson, sha256Hex } from './canonical.js';

export function planIntegrity(plan: Plan): string {
  const { integrity: _integrity, ...content } = plan;
  return sha256Hex(canonicalJson(content));
}

/** The plan with its integrity digest set (what `plan --out` writes). */
export function sealPlan(plan: Plan): Plan {
  return { ...plan, integrity: planIntegrity(plan) };
}

/** Whether the plan carries a digest that matches its content. */
export function hasValidIntegrity(plan: Plan): boolean {
  return typeof plan.integrity === 'string' && plan.integrity === planIntegrity(plan);
}
