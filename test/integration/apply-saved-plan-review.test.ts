/**
 * Review finding (CONTRACT §2 `apply --plan` "applies exactly the saved plan"; APPLY.md A1.3/A1.7): the integrity
 * digest is a plain sha256 anyone can recompute, so a saved plan whose changes or errors were edited and re-sealed
 * must still be refused: it must be exactly what the same desired state and live state plan now.
 */
import { expect, test } from 'vitest';
import { expectRefused, owner, workspacePerTest } from './plan-emulator.js';
import { applySaved, resealPlan } from './saved-plan.js';

const YAML = `version: 1
stack: prod
domains:
  support:
    kmsKeyId: alias/voiceid
    optedOutSpeakers: [customer-0001]
`;

const ws = workspacePerTest({ 'stack/main.yaml': YAML });

const STALE = 'PLAN_STALE: the saved plan is not what the same YAML and live Voice ID state plan now';

test('refuses a saved plan whose opt-out list was edited and re-sealed, changing nothing', async () => {
  await resealPlan(ws, (p) => ({
    ...p,
    changes: p.changes.map((c) => (c.kind !== 'opt-outs' ? c : { ...c, speakerIds: ['customer-9999'], operations: c.operations.map((o) => (o.kind === 'OptOutSpeaker' ? { ...o, speakerIds: ['customer-9999'] } : o)) })),
  }));
  expectRefused(ws, await applySaved(ws), {
    error: STALE,
    says: ['it differs at changes[domain.support.opt-outs].operations[0].speakerIds[0], changes[domain.support.opt-outs].speakerIds[0];'],
    hides: ['customer-9999'],
  });
});

test('refuses a saved plan whose displayed summary was edited and re-sealed, changing nothing', async () => {
  await resealPlan(ws, (p) => ({ ...p, summary: { ...p.summary, optOut: 0 } }));
  const r = await applySaved(ws);
  expectRefused(ws, r, { error: STALE, says: ['it differs at summary.optOut;'] });
  expect(r.stdout).not.toContain('Apply complete');
});

test('refuses a saved plan whose Region was edited and re-sealed, changing nothing', async () => {
  await resealPlan(ws, (p) => ({ ...p, region: 'eu-west-2' }));
  expectRefused(ws, await applySaved(ws), { error: 'PLAN_STALE', says: ['it differs at region;'] });
});

test('refuses a saved plan whose errors were removed and re-sealed, creating no twin', async () => {
  await ws.emulator.admin.seed({ domains: [{ name: 'support', tags: {} }, { name: 'other', tags: owner('prod', 'other') }] });
  await resealPlan(ws, (p) => ({ ...p, errors: [] }));
  expectRefused(ws, await applySaved(ws), { error: 'PLAN_STALE', says: ['it differs at errors[0] (only in a fresh plan)'] });
});
