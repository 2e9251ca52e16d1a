/** Properties of the plan engine over generated states (fast-check, fixed seed so failures reproduce). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DesiredDomain, DesiredState } from '../../src/model/desired.js';
import type { LiveDomain, LiveState } from '../../src/model/live.js';
import { plan } from '../../src/plan/index.js';
import { liveOf } from '../helpers/live-of.js';
import { desiredState, shuffle, shuffleRecord } from './arbitraries.js';

const SEED = 20261121;
const RUNS = 100;

function shuffleDesired(d: DesiredState, seed: number): DesiredState {
  const domain = (x: DesiredDomain, i: number): DesiredDomain => ({
    ...x,
    tags: shuffleRecord(x.tags, seed + i),
    optedOutSpeakers: shuffle(x.optedOutSpeakers, seed + i + 1),
    watchlists: shuffle(x.watchlists, seed + i + 2),
    enrollmentJobs: shuffle(x.enrollmentJobs, seed + i + 3),
    fraudsterRegistrationJobs: shuffle(x.fraudsterRegistrationJobs, seed + i + 4),
  });
  return { ...d, domains: shuffle(d.domains.map(domain), seed) };
}

function shuffleLive(l: LiveState, seed: number): LiveState {
  const domain = (x: LiveDomain, i: number): LiveDomain => ({
    ...x,
    tags: shuffleRecord(x.tags, seed + i),
    ...(x.details
      ? {
          details: {
            speakers: shuffleRecord(x.details.speakers, seed + i + 1),
            watchlists: shuffle(x.details.watchlists, seed + i + 2),
            enrollmentJobs: shuffle(x.details.enrollmentJobs, seed + i + 3),
            fraudsterRegistrationJobs: shuffle(x.details.fraudsterRegistrationJobs, seed + i + 4),
          },
        }
      : {}),
  });
  return { ...l, domains: shuffle(l.domains.map(domain), seed), kmsKeys: shuffleRecord(l.kmsKeys, seed) };
}

describe('plan properties', () => {
  it('plans nothing for the live state that realises the desired state', () => {
    fc.assert(
      fc.property(desiredState, (d) => {
        const p = plan(d, liveOf(d));
        expect(p.changes).toEqual([]);
        expect(p.errors).toEqual([]);
        expect(p.warnings).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('does not depend on the order of domains, tags, ids, watchlists or jobs in either input', () => {
    fc.assert(
      fc.property(desiredState, desiredState, fc.integer({ min: 1, max: 1e9 }), (d, other, seed) => {
        const live = liveOf({ ...other, stack: d.stack });
        const expected = JSON.stringify(plan(d, live));
        expect(JSON.stringify(plan(shuffleDesired(d, seed), shuffleLive(live, seed + 7)))).toBe(expected);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('is deterministic: the same inputs give the same plan, tokens and digests', () => {
    fc.assert(
      fc.property(desiredState, (d) => {
        expect(JSON.stringify(plan(d, liveOf(d, 'us-east-1')))).toBe(JSON.stringify(plan(d, liveOf(d, 'us-east-1'))));
        expect(JSON.stringify(plan(d, { region: 'us-east-1', domains: [], kmsKeys: {} }))).toBe(
          JSON.stringify(plan(d, { region: 'us-east-1', domains: [], kmsKeys: {} })),
        );
      }),
      { seed: SEED, numRuns: 50 },
    );
  });

  it('creates every declared domain when nothing is live', () => {
    fc.assert(
      fc.property(desiredState, (d) => {
        const p = plan(d, { region: 'us-east-1', domains: [], kmsKeys: {} });
        expect(p.summary.add).toBe(d.domains.length + d.domains.reduce((n, x) => n + x.watchlists.length, 0));
        expect(p.summary.optOut).toBe(d.domains.reduce((n, x) => n + x.optedOutSpeakers.length, 0));
      }),
      { seed: SEED, numRuns: 50 },
    );
  });
});
