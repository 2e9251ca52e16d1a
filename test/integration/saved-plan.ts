/** Saved plans in a CLI workspace (plan-emulator.ts): made with `plan --out`, edited and re-sealed, applied. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { sealPlan } from '../../src/plan/index.js';
import type { Plan } from '../../src/model/plan.js';
import type { CliResult } from '../helpers/cli.js';
import type { Workspace } from './plan-emulator.js';

/** `plan stack --out FILE` (it must succeed), and the plan it saved. */
export async function savePlan(ws: Workspace, file = 'plan.json'): Promise<Plan> {
  const r = await ws.cli(['plan', 'stack', '--out', file]);
  expect(r.code, r.stderr).toBe(0);
  return readPlan(ws, file);
}

/**
 * Saves a plan, edits it and seals it again (a valid integrity digest over the edited plan). The plan may have
 * errors (`plan` then exits 1 but still saves it): a test may remove them.
 */
export async function resealPlan(ws: Workspace, edit: (p: Plan) => Plan, file = 'plan.json'): Promise<void> {
  await ws.cli(['plan', 'stack', '--out', file]);
  await writeFile(join(ws.dir, file), JSON.stringify(sealPlan(edit(await readPlan(ws, file)))));
}

async function readPlan(ws: Workspace, file: string): Promise<Plan> {
  return JSON.parse(await readFile(join(ws.dir, file), 'utf8')) as Plan;
}

/** `apply stack --plan FILE --auto-approve` and any further arguments. */
export function applySaved(ws: Workspace, file = 'plan.json', ...more: string[]): Promise<CliResult> {
  return ws.cli(['apply', 'stack', '--plan', file, '--auto-approve', ...more]);
}
