/**
 * The JSON rendering (CONTRACT §5, §6). `serializePlan` is the saved plan (`plan --out FILE`): full values, what
 * apply executes. `renderJson` is for humans and logs: speaker ids masked unless --show-sensitive, and then
 * marked `redacted: true` because a masked plan cannot be applied.
 */
import type { Change, Operation, Plan, PlanMessage } from '../model/plan.js';
import { operationSpeakerIds, type Redactor } from '../model/sensitive.js';

export function serializePlan(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

export function renderJson(plan: Plan, redactor: Redactor): string {
  return serializePlan(redactor.showSensitive ? plan : redactPlan(plan, redactor));
}

export function redactPlan(plan: Plan, redactor: Redactor): Plan {
  const ids = (list: readonly string[] | undefined) => (list === undefined ? {} : { speakerIds: list.map((id) => redactor.speaker(id)) });
  const msg = (m: PlanMessage): PlanMessage => ({ ...m, ...ids(m.speakerIds) });
  const op = (o: Operation): Operation => {
    const list = operationSpeakerIds(o);
    return list ? ({ ...o, ...ids(list) } as Operation) : o;
  };
  // Each operation keeps its kind, so the change keeps its own kind's operations.
  const change = (c: Change): Change => ({ ...c, ...ids(c.speakerIds), operations: c.operations.map(op) }) as Change;
  return {
    ...plan,
    redacted: true,
    changes: plan.changes.map(change),
    errors: plan.errors.map(msg),
    warnings: plan.warnings.map(msg),
    notes: plan.notes.map(msg),
  };
}
