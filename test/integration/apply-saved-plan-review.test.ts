/**
 * Review finding (CONTRACT §2 `apply --plan` "applies exactly the saved plan"; APPLY.md A1.3/A1.7): the integrity
 * digest is a plain sha256 anyone can recompute, so a saved plan whose changes or errors were edited and re-sealed
 * must still be refused: it must be exactly what the same desired state and live state plan now.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { sealPlan } from '../../src/plan/index.js';
import type { Plan } from '../../src/model/plan.js';
import { owner, workspace, writeCalls } from './plan-emulator.js';
import type { Workspace } from './plan-emulator.js';

const YAML = `version: 1
stack: prod
domains:
  support:
    kmsKeyId: alias/voiceid
    optedOutSpeakers: [customer-0001]
`;

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
  await ws.write('stack/main.yaml', YAML);
});
afterEach(async () => ws.close());

const writes = (): number => writeCalls(ws.emulator);

async function resealed(edit: (p: Plan) => Plan): Promise<void> {
  await ws.cli(['plan', 'stack', '--out', 'plan.json']);
  const p = JSON.parse(await readFile(join(ws.dir, 'plan.json'), 'utf8')) as Plan;
  await writeFile(join(ws.dir, 'plan.json'), JSON.stringify(sealPlan(edit(p))));
}

test('refuses a saved plan whose opt-out list was edited and re-sealed, changing nothing', async () => {
  await resealed((p) => ({
    ...p,
    changes: p.changes.map((c) => (c.kind !== 'opt-outs' ? c : { ...c, speakerIds: ['customer-9999'], operations: c.operations.map((o) => (o.kind === 'OptOutSpeaker' ? { ...o, speakerIds: ['customer-9999'] } : o)) })),
  }));
  const r = await ws.cli(['apply', 'stack', '--plan', 'plan.json', '--auto-approve']);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('error PLAN_STALE: the saved plan is not what the same YAML and live Voice ID state plan now');
  expect(r.stderr).toContain('it differs at changes[domain.support.opt-outs].operations[0].speakerIds[0], changes[domain.support.opt-outs].speakerIds[0];');
  expect(r.stderr).not.toContain('customer-9999');
  expect(writes()).toBe(0);
});

test('refuses a saved plan whose displayed summary was edited and re-sealed, changing nothing', async () => {
  await resealed((p) => ({ ...p, summary: { ...p.summary, optOut: 0 } }));
  const r = await ws.cli(['apply', 'stack', '--plan', 'plan.json', '--auto-approve']);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('error PLAN_STALE: the saved plan is not what the same YAML and live Voice ID state plan now');
  expect(r.stderr).toContain('it differs at summary.optOut;');
  expect(r.stdout).not.toContain('Apply complete');
  expect(writes()).toBe(0);
});

test('refuses a saved plan whose Region was edited and re-sealed, changing nothing', async () => {
  await resealed((p) => ({ ...p, region: 'eu-west-2' }));
  const r = await ws.cli(['apply', 'stack', '--plan', 'plan.json', '--auto-approve']);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('error PLAN_STALE');
  expect(r.stderr).toContain('it differs at region;');
  expect(writes()).toBe(0);
});

test('refuses a saved plan whose errors were removed and re-sealed, creating no twin', async () => {
  await ws.emulator.admin.seed({ domains: [{ name: 'support', tags: {} }, { name: 'other', tags: owner('prod', 'other') }] });
  await resealed((p) => ({ ...p, errors: [] }));
  const r = await ws.cli(['apply', 'stack', '--plan', 'plan.json', '--auto-approve']);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('error PLAN_STALE');
  expect(r.stderr).toContain('it differs at errors[0] (only in a fresh plan)');
  expect(writes()).toBe(0);
});
