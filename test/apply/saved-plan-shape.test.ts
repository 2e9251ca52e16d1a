/**
 * `apply --plan` trusts nothing in a saved file before it matches the plan format (APPLY.md A1.2a): a resealed
 * file whose shape was edited, or that was written in the format's earlier shape, is PLAN_INVALID naming the
 * first bad place as a JSON pointer, before the integrity check and before any call.
 */
import { describe, expect, it } from 'vitest';
import { parseSavedPlan } from '../../src/apply/preflight.js';
import type { DesiredState } from '../../src/model/desired.js';
import { GitopsError } from '../../src/model/errors.js';
import type { Plan } from '../../src/model/plan.js';
import { plan, sealPlan } from '../../src/plan/index.js';

const desired: DesiredState = {
  version: 1,
  stack: 'shape',
  prune: false,
  domains: [{ key: 'a', name: 'a', kmsKeyId: 'alias/k', tags: {}, optedOutSpeakers: ['customer-1'], watchlists: [], enrollmentJobs: [], fraudsterRegistrationJobs: [] }],
};
const fresh = plan(desired, { region: 'eu-west-2', domains: [], kmsKeys: {} });
type Json = Record<string, unknown>;

/** The saved file of the plan with change `index` edited, resealed so that only the shape is wrong. */
function savedWith(index: number, edit: (c: Json) => void): string {
  const doc = JSON.parse(JSON.stringify(fresh)) as { changes: Json[] };
  edit(doc.changes[index]!);
  return JSON.stringify(sealPlan(doc as unknown as Plan));
}

function refusal(text: string): { code: string; message: string } {
  try {
    parseSavedPlan(text, 'plan.json');
  } catch (e) {
    if (e instanceof GitopsError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('the plan was accepted');
}

describe('a saved plan of the wrong shape', () => {
  it('is accepted as saved', () => {
    expect(fresh.changes.map((c) => c.kind)).toEqual(['domain', 'opt-outs', 'applied-record']);
    expect(parseSavedPlan(JSON.stringify(sealPlan(fresh)), 'plan.json').changes).toHaveLength(3);
  });

  it('is PLAN_INVALID in the earlier shape of deferred and blocked changes (`action: deferred`, `deferred.action`)', () => {
    expect(refusal(savedWith(0, (c) => { c['action'] = 'deferred'; c['deferred'] = { action: 'create', reason: 'r' }; }))).toEqual({
      code: 'PLAN_INVALID',
      message: 'plan.json is not a valid saved plan: /changes/0/action must be equal to one of the allowed values (specs/plan.schema.json)',
    });
    expect(refusal(savedWith(0, (c) => { c['deferred'] = { action: 'update', reason: 'r' }; })).message).toBe(
      'plan.json is not a valid saved plan: /changes/0/deferred/action is not part of the plan format (specs/plan.schema.json)',
    );
  });

  it("is PLAN_INVALID when a change holds another kind's attributes or operations", () => {
    expect(refusal(savedWith(1, (c) => { c['before'] = { name: 'a', kmsKeyId: 'alias/k' }; })).message).toBe(
      'plan.json is not a valid saved plan: /changes/1/before must be equal to one of the allowed values (specs/plan.schema.json)',
    );
    const optOut = fresh.changes[1]!.operations;
    expect(refusal(savedWith(0, (c) => { c['operations'] = optOut; })).message).toBe(
      'plan.json is not a valid saved plan: /changes/0/operations/0/kind must be equal to one of the allowed values (specs/plan.schema.json)',
    );
  });

  it('is PLAN_INVALID when a blocked change keeps its operations, and never quotes a value', () => {
    const r = refusal(savedWith(1, (c) => { c['blocked'] = { reason: 'r' }; }));
    expect(r.code).toBe('PLAN_INVALID');
    expect(r.message).toMatch(/^plan\.json is not a valid saved plan: \/changes\/1\/blocked /);
    expect(r.message).not.toContain('customer-1');
  });
});
