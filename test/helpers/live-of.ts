/**
 * The live state that exactly realises a desired state: what Voice ID would hold after a perfect apply.
 * `plan(d, liveOf(d))` must be empty. Ids are derived from keys (no randomness) so fixtures stay stable.
 */
import { createHash } from 'node:crypto';
import type { DesiredDomain, DesiredState } from '../../src/model/desired.js';
import { DEFAULT_WATCHLIST_NAME, OWNER_KEY_TAG, OWNER_STACK_TAG, PROTECT_TAG, PROTECT_TAG_VALUE } from '../../src/model/desired.js';
import type { LiveDomain, LiveState, SpeakerStatus } from '../../src/model/live.js';

export const ACCOUNT = '111122223333';

/** A 22-character alphanumeric id, as Voice ID uses for domains, watchlists and jobs. */
export function fakeId(seed: string): string {
  return createHash('sha256').update(seed).digest('base64').replace(/[^a-zA-Z0-9]/g, '').slice(0, 22);
}

export function liveDomainOf(stack: string, d: DesiredDomain, region = 'us-east-1'): LiveDomain {
  const domainId = d.adopt ?? fakeId(`domain:${stack}:${d.key}`);
  const speakers: Record<string, SpeakerStatus> = {};
  for (const id of d.optedOutSpeakers) speakers[id] = 'OPTED_OUT';
  const job = (kind: string, name: string) => ({
    jobId: fakeId(`${kind}:${domainId}:${name}`),
    jobName: name,
    status: 'COMPLETED' as const,
  });
  return {
    domainId,
    arn: `arn:aws:voiceid:${region}:${ACCOUNT}:domain/${domainId}`,
    name: d.name,
    ...(d.description === undefined ? {} : { description: d.description }),
    status: 'ACTIVE',
    kmsKeyId: d.kmsKeyId,
    defaultWatchlistId: fakeId(`watchlist:${domainId}:default`),
    tags: { ...d.tags, [OWNER_STACK_TAG]: stack, [OWNER_KEY_TAG]: d.key, ...(d.protect === true ? { [PROTECT_TAG]: PROTECT_TAG_VALUE } : {}) },
    details: {
      speakers,
      watchlists: [
        { watchlistId: fakeId(`watchlist:${domainId}:default`), name: DEFAULT_WATCHLIST_NAME, isDefault: true },
        ...d.watchlists.map((w) => ({
          watchlistId: fakeId(`watchlist:${domainId}:${w.name}`),
          name: w.name,
          ...(w.description === undefined ? {} : { description: w.description }),
          isDefault: false,
        })),
      ].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      enrollmentJobs: d.enrollmentJobs.map((j) => ({ ...job('enrollment', j.jobName), ...j })),
      fraudsterRegistrationJobs: d.fraudsterRegistrationJobs.map((j) => ({ ...job('fraudster', j.jobName), ...j })),
    },
  };
}

export function liveOf(desired: DesiredState, region = desired.region ?? 'us-east-1'): LiveState {
  const domains = desired.domains
    .map((d) => liveDomainOf(desired.stack, d, region))
    .sort((a, b) => (a.domainId < b.domainId ? -1 : a.domainId > b.domainId ? 1 : 0));
  return { region, domains, kmsKeys: {} };
}
