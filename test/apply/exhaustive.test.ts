/**
 * A kind or operation this version does not know is never reported applied (issue 10): runOperation finds no
 * handler in the kind registry and fails the change, and the executor looks up every change's kind module before
 * its first call.
 */
import { describe, expect, test } from 'vitest';
import { applyPlan } from '../../src/apply/index.js';
import { runOperation } from '../../src/apply/operations.js';
import { RunState } from '../../src/apply/resolve.js';
import type { VoiceIdApi } from '../../src/aws/index.js';
import type { Change, Operation, Plan } from '../../src/model/plan.js';

/** A VoiceIdApi that records every method called (none should be). */
function recordingApi(): { api: VoiceIdApi; calls: string[] } {
  const calls: string[] = [];
  const api = new Proxy({}, { get: (_t, name) => () => { calls.push(String(name)); return Promise.resolve({}); } }) as VoiceIdApi;
  return { api, calls };
}

const unknownOp = { kind: 'DeleteEverything', input: { DomainId: 'd-1' } } as unknown as Operation;

/** Deliberately not a well-formed change: the tests build what no planner writes. */
function planWith(change: Record<string, unknown>): Plan {
  const c = { address: 'domain.a.tags', kind: 'tags', action: 'update', domainKey: 'a', domainId: 'd-1', impact: 'update', destructive: false, operations: [], reasons: [], ...change } as unknown as Change;
  return {
    formatVersion: 1, stack: 's', region: 'us-east-1', prune: false,
    summary: { add: 0, change: 1, delete: 0, adopt: 0, optOut: 0, jobsToStart: 0, deferred: 0, blocked: 0, outside: 0 },
    impact: 'update', changes: [c], errors: [], warnings: [], notes: [],
  };
}

describe('unknown variants fail loudly', () => {
  test('runOperation rejects an unknown Operation without a call and without counting it done', async () => {
    const { api, calls } = recordingApi();
    let done = 0;
    const run = runOperation(unknownOp, { api, state: new RunState(api), address: 'domain.a.tags', optOutConcurrency: 1, onCall: () => done++ });
    await expect(run).rejects.toThrow('unexpected operation: "DeleteEverything"');
    expect(calls).toEqual([]);
    expect(done).toBe(0);
  });

  test('apply reports a change holding an unknown Operation failed, not applied', async () => {
    const { api } = recordingApi();
    const r = await applyPlan(planWith({ operations: [unknownOp] }), api);
    expect(r.outcomes.map((o) => [o.address, o.status, o.reason])).toEqual([['domain.a.tags', 'failed', 'INTERNAL: unexpected operation: "DeleteEverything"']]);
    expect(r.ok).toBe(false);
  });

  test('apply refuses a plan with a change of an unknown kind before its first call', async () => {
    const { api, calls } = recordingApi();
    const tag = { kind: 'TagResource', input: { ResourceArn: 'arn:aws:voiceid:us-east-1:1:domain/d-1', Tags: [{ Key: 'k', Value: 'v' }] } } as const;
    const p = planWith({ kind: 'speaker-group' as Change['kind'], address: 'domain.a.speaker-group', operations: [tag] });
    const withTags = { ...p, changes: [{ ...p.changes[0]!, address: 'domain.a.tags', kind: 'tags' as const, operations: [tag] } as Change, ...p.changes] };
    await expect(applyPlan(withTags, api)).rejects.toThrow('unexpected resource kind: "speaker-group"');
    expect(calls).toEqual([]);
  });
});
