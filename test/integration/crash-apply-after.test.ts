/**
 * Crash safety (CONTRACT §4, APPLY.md A4.2), kills AFTER the service acted, before the client saw the answer (CreateDomain included): the CLI, run as a child process, is SIGKILLed at
 * seeded points of an apply (./crash-apply.ts lists them and runs each), then apply is run again and must converge
 * with no duplicates. crash-apply-before.test.ts has the other phase.
 */
import { describe, expect, test } from 'vitest';
import { POINTS, crashAndRerun, expectConverged, label } from './crash-apply.js';

describe('apply killed with SIGKILL after the service acted, then re-run', () => {
  test.each(POINTS.filter((p) => p.phase === 'after').map((p) => [label(p), p] as const))('killed %s: the re-run converges with no duplicates', async (_label, point) => {
    expectConverged(await crashAndRerun(point));
  });

  test('a kill between CreateDomain being acted on and its response leaves one domain that the re-run adopts by its tags', async () => {
    const r = await crashAndRerun({ op: 'CreateDomain', k: 1, phase: 'after' });
    expect(r.killedAt).toBe('CreateDomain');
    expect(r.counted.domainsPerKey).toEqual({ sales: 1, support: 1 });
    expect(r.rerun.code).toBe(0);
  });
});
