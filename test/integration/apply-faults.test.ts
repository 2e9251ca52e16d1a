/**
 * Apply under the emulator's injected faults (30 % throttles, 5 % 500s, 2 % dropped connections; and separately
 * 10 % sockets dropped after the service acted) reaches exactly the state a fault-free run reaches: the pacer
 * retries with the same input, so tokens repeat and nothing is created twice.
 */
import { describe, expect, test } from 'vitest';
import type { FaultConfig, RunningEmulator } from '../../src/emulator/index.js';
import { desiredDomain, desiredState, owner, SEED_ROLE, startFixture } from '../live/emulator-fixture.js';
import { applyDesired } from '../apply/harness.js';

const job = { dataAccessRoleArn: SEED_ROLE, inputS3Uri: 's3://voiceid-faults/in.json', outputS3Uri: 's3://voiceid-faults/out/' };
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
const DESIRED = desiredState('prod', [
  desiredDomain('sales', { description: 'Sales', tags: { team: 'sales' }, optedOutSpeakers: ids('sal', 25), watchlists: [{ name: 'rings' }], fraudsterRegistrationJobs: [{ jobName: 'known', ...job, watchlists: ['rings'] }] }),
  desiredDomain('support', {
    description: 'Support',
    kmsKeyId: 'alias/voiceid-next',
    tags: { team: 'cc', env: 'prod' },
    optedOutSpeakers: ids('sup', 40),
    watchlists: [{ name: 'high-risk', description: 'Rings' }],
    enrollmentJobs: [{ jobName: 'backfill', ...job, fraudDetection: { watchlists: ['high-risk'] } }],
  }),
]);

/** The final state without generated ids or timestamps: what a user could tell apart. */
function essence(emu: RunningEmulator): unknown {
  type D = { status: string; name: string; description?: string; kmsKeyId: string; tags: Record<string, string>; watchlists: { name: string; description?: string }[]; speakers: { customerSpeakerId?: string; status: string }[]; jobs: { kind: string; jobName?: string }[] };
  const snap = emu.admin.snapshot() as unknown as { domains: D[] };
  return snap.domains
    .filter((d) => d.status !== 'SUSPENDED')
    .map((d) => ({
      name: d.name,
      description: d.description,
      kmsKeyId: d.kmsKeyId,
      tags: d.tags,
      watchlists: d.watchlists.map((w) => `${w.name}:${w.description ?? ''}`).sort(),
      speakers: d.speakers.map((s) => `${s.customerSpeakerId}:${s.status}`).sort(),
      jobs: d.jobs.map((j) => `${j.kind}:${j.jobName}`).sort(),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

async function runWith(faults: FaultConfig | undefined) {
  const fx = await startFixture();
  try {
    await fx.emulator.admin.seed({ domains: [{ name: 'support', description: 'Old', tags: { ...owner('prod', 'support'), stale: 'x' }, speakers: [{ customerSpeakerId: 'sup-1', status: 'ENROLLED' }] }] });
    if (faults) fx.emulator.admin.setFaults(faults);
    const r = await applyDesired(fx.aws, DESIRED);
    fx.emulator.admin.setFaults({});
    return { ...r, essence: essence(fx.emulator), stats: fx.aws.stats() };
  } finally {
    await fx.close();
  }
}

describe('apply under injected faults', () => {
  test('30 % throttles, 5 % 500s and 2 % dropped connections converge to the fault-free final state', async () => {
    const clean = await runWith(undefined);
    const faulty = await runWith({ seed: 7, throttleRate: 0.3, errorRate: 0.05, dropRate: 0.02 });
    expect(clean.result.ok).toBe(true);
    expect(faulty.result.ok).toBe(true);
    expect(faulty.essence).toEqual(clean.essence);
    expect(faulty.replan.changes).toEqual([]);
    expect(Object.values(faulty.stats).reduce((n, s) => n + s.throttles, 0)).toBeGreaterThan(0);
  });

  test('sockets dropped after the service acted (10 %) create nothing twice', async () => {
    const clean = await runWith(undefined);
    const faulty = await runWith({ seed: 11, dropAfterActionRate: 0.1 });
    expect(faulty.result.ok).toBe(true);
    expect(faulty.essence).toEqual(clean.essence);
    expect(Object.values(faulty.stats).reduce((n, s) => n + s.retries, 0)).toBeGreaterThan(0);
  });
});
