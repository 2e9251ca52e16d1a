/**
 * Applying erasures (PLAN.md §15, APPLY.md A1.6, A3.3a) against the emulator with the real SDK clients: refused
 * without allowDelete before any call; an id already gone when apply calls (ResourceNotFound) counts as done;
 * a failing DeleteSpeaker fails its change and skips the record; a re-plan after success is empty.
 */
import { DeleteFraudsterCommand, DeleteSpeakerCommand, VoiceIDClient } from '@aws-sdk/client-voice-id';
import { afterEach, describe, expect, test } from 'vitest';
import { applyPlan } from '../../src/apply/index.js';
import { isGitopsError } from '../../src/model/errors.js';
import { desiredDomain, desiredState, owner, startFixture } from '../live/emulator-fixture.js';
import type { Fixture } from '../live/emulator-fixture.js';
import { planOf } from './harness.js';

let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

async function seeded() {
  fx = await startFixture({}, { retry: { maxAttempts: 2 } });
  const seed = await fx.emulator.admin.seed({
    domains: [{
      name: 'a', tags: owner('prod', 'a'),
      speakers: [{ customerSpeakerId: 'cust-1' }, { customerSpeakerId: 'cust-2' }, { customerSpeakerId: 'cust-3' }],
      fraudsters: [{}, {}],
    }],
  });
  const fraudsters = [...seed.fraudsterIds[0]!].sort();
  const desired = desiredState('prod', [desiredDomain('a', { erasedSpeakers: ['cust-1', 'cust-2'], deletedFraudsters: fraudsters })]);
  return { fx, domainId: seed.domainIds[0]!, fraudsters, desired };
}

describe('erasures at apply', () => {
  test('are refused without allowDelete, before any call', async () => {
    const { fx, desired } = await seeded();
    const p = await planOf(fx.aws, desired);
    fx.emulator.admin.resetCallCounts();
    const refused = await applyPlan(p, fx.aws.voiceId).then(() => undefined, (e: unknown) => e);
    expect(isGitopsError(refused) ? refused.code : refused).toBe('DELETE_NOT_ALLOWED');
    expect(fx.emulator.admin.callCounts()).toEqual({});
  });

  test('an id deleted between plan and apply counts as done (ResourceNotFound), and the re-plan is empty', async () => {
    const { fx, domainId, fraudsters, desired } = await seeded();
    const p = await planOf(fx.aws, desired);
    expect(p.changes.map((c) => c.address)).toEqual(['domain.a.erased-speakers', 'domain.a.deleted-fraudsters', 'domain.a.applied-record']);
    const client = new VoiceIDClient({ endpoint: fx.emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    await client.send(new DeleteSpeakerCommand({ DomainId: domainId, SpeakerId: 'cust-2' }));
    await client.send(new DeleteFraudsterCommand({ DomainId: domainId, FraudsterId: fraudsters[0]! }));
    client.destroy();
    fx.emulator.admin.resetCallCounts();
    const r = await applyPlan(p, fx.aws.voiceId, { allowDelete: true });
    expect(r.outcomes.map((o) => [o.address, o.status])).toEqual([
      ['domain.a.erased-speakers', 'applied'],
      ['domain.a.deleted-fraudsters', 'applied'],
      ['domain.a.applied-record', 'applied'],
    ]);
    expect(fx.emulator.admin.callCounts()).toMatchObject({ DeleteSpeaker: 2, DeleteFraudster: 2 });
    expect((await planOf(fx.aws, desired)).changes).toEqual([]);
  });

  test('a failing DeleteSpeaker fails its change, skips the record, and the next plan erases what is left', async () => {
    const { fx, desired } = await seeded();
    const p = await planOf(fx.aws, desired);
    fx.emulator.admin.setFaults({ operations: ['DeleteSpeaker'], errorRate: 1 });
    const r = await applyPlan(p, fx.aws.voiceId, { allowDelete: true });
    expect(r.outcomes.map((o) => [o.address, o.status])).toEqual([
      ['domain.a.erased-speakers', 'failed'],
      ['domain.a.deleted-fraudsters', 'applied'],
      ['domain.a.applied-record', 'skipped'],
    ]);
    fx.emulator.admin.setFaults({});
    const again = await planOf(fx.aws, desired);
    expect(again.changes.map((c) => [c.address, c.speakerIds])).toEqual([['domain.a.erased-speakers', ['cust-1', 'cust-2']], ['domain.a.applied-record', undefined]]);
  });
});
