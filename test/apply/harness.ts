/**
 * Emulator-backed harness for apply: plan from a fresh live read, apply with the REAL SDK clients, re-plan.
 * Reuses the live reader's fixture (in-process emulator, no client pacing, instant sleep).
 */
import { readLiveState } from '../../src/live/index.js';
import { plan } from '../../src/plan/index.js';
import { applyPlan } from '../../src/apply/index.js';
import type { ApplyOptions, ApplyResult } from '../../src/apply/index.js';
import type { DesiredState } from '../../src/model/desired.js';
import type { Plan } from '../../src/model/plan.js';
import type { AwsApis } from '../../src/aws/index.js';

export async function planOf(aws: AwsApis, desired: DesiredState): Promise<Plan> {
  return plan(desired, await readLiveState(aws, desired, { region: 'us-east-1' }));
}

export interface Converged {
  readonly plan: Plan;
  readonly result: ApplyResult;
  readonly replan: Plan;
}

/** plan -> apply -> plan with the same inputs. */
export async function applyDesired(aws: AwsApis, desired: DesiredState, options: ApplyOptions = {}): Promise<Converged> {
  const p = await planOf(aws, desired);
  const result = await applyPlan(p, aws.voiceId, options);
  return { plan: p, result, replan: await planOf(aws, desired) };
}

/** Operation kinds of a plan, in order, for assertions that read like the plan. */
export function operationKinds(p: Plan): string[] {
  return p.changes.flatMap((c) => c.operations.map((o) => o.kind));
}
