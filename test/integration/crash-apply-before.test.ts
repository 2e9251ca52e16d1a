/**
 * Crash safety (CONTRACT §4, APPLY.md A4.2), kills BEFORE a write reaches the service: the CLI, run as a child process, is SIGKILLed at
 * seeded points of an apply (./crash-apply.ts lists them and runs each), then apply is run again and must converge
 * with no duplicates. crash-apply-after.test.ts has the other phase.
 */
import { describe, test } from 'vitest';
import { POINTS, crashAndRerun, expectConverged, label } from './crash-apply.js';

describe('apply killed with SIGKILL before the service acted, then re-run', () => {
  test.each(POINTS.filter((p) => p.phase === 'before').map((p) => [label(p), p] as const))('killed %s: the re-run converges with no duplicates', async (_label, point) => {
    expectConverged(await crashAndRerun(point));
  });
});
