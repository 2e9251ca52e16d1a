/**
 * What apply needs to detect a stale plan (R9.2, R9.3): a digest of the desired state and a fingerprint of the
 * live facts the plan depended on. Apply recomputes `liveFingerprint(desired, freshLive)` and compares.
 */
import type { DesiredDomain, DesiredState } from '../model/desired.js';
import { OWNER_KEY_TAG, OWNER_STACK_TAG } from '../model/desired.js';
import type { LiveDomain, LiveState } from '../model/live.js';
import { canonicalJson, sha256Hex } from './canonical.js';
import { ACTIVE_JOB_STATUSES } from '../model/live.js';

export function desiredDigest(desired: DesiredState): string {
  // Source locations say where a domain was written, not what it is: moving YAML between files is no change.
  const domains = [...desired.domains]
    .map(({ source: _source, ...d }) => ({
      ...d,
      optedOutSpeakers: [...new Set(d.optedOutSpeakers)].sort(),
      watchlists: [...d.watchlists].sort((a, b) => (a.name < b.name ? -1 : 1)),
      enrollmentJobs: [...d.enrollmentJobs].sort((a, b) => (a.jobName < b.jobName ? -1 : 1)),
      fraudsterRegistrationJobs: [...d.fraudsterRegistrationJobs].sort((a, b) => (a.jobName < b.jobName ? -1 : 1)),
    }))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
  return sha256Hex(canonicalJson({ ...desired, domains }));
}

export function liveFingerprint(desired: DesiredState, live: LiveState): string {
  const names = new Set(desired.domains.map((d) => d.name));
  const adopted = new Set(desired.domains.flatMap((d) => (d.adopt === undefined ? [] : [d.adopt])));
  const declaredSpeakers = new Set(desired.domains.flatMap((d) => d.optedOutSpeakers));
  const declaredOf = (l: LiveDomain): DesiredDomain | undefined =>
    desired.domains.find((d) => d.adopt === l.domainId || (l.tags[OWNER_STACK_TAG] === desired.stack && l.tags[OWNER_KEY_TAG] === d.key));
  const relevant = live.domains
    .filter(
      (l) =>
        adopted.has(l.domainId) ||
        (l.status !== 'SUSPENDED' && (l.tags[OWNER_STACK_TAG] === desired.stack || names.has(l.name))),
    )
    .sort((a, b) => (a.domainId < b.domainId ? -1 : 1))
    .map((l) => ({ ...domainFacts(l, declaredSpeakers), ...blockingJobs(l, declaredOf(l)) }));
  const spellings = new Set([...desired.domains.map((d) => d.kmsKeyId), ...relevant.map((r) => r.kmsKeyId)]);
  const kms = [...spellings].sort().map((s) => [s, Object.prototype.hasOwnProperty.call(live.kmsKeys, s) ? live.kmsKeys[s] : null]);
  return sha256Hex(canonicalJson({ region: live.region, kms, domains: relevant }));
}

function domainFacts(l: LiveDomain, declaredSpeakers: ReadonlySet<string>) {
  const details = l.details;
  const speakers = details
    ? Object.keys(details.speakers)
        // Only declared ids: an undeclared opted-out speaker yields a warning, never a change, and whether one is seen
        // depends on --scan-speakers, which a saved plan's re-read need not repeat.
        .filter((id) => declaredSpeakers.has(id))
        .sort()
        .map((id) => [id, details.speakers[id]])
    : null;
  return {
    domainId: l.domainId,
    arn: l.arn,
    name: l.name,
    description: l.description,
    status: l.status,
    kmsKeyId: l.kmsKeyId,
    encryption: l.encryptionUpdate?.status,
    tags: l.tags,
    speakers,
    watchlists: details
      ? [...details.watchlists]
          .sort((a, b) => (a.watchlistId < b.watchlistId ? -1 : 1))
          .map((w) => [w.watchlistId, w.name, w.description, w.isDefault, w.hasFraudsters])
      : null,
    // Names only: progress moves while a job runs and must not make every plan stale.
    jobs: details
      ? [
          ...[...new Set(details.enrollmentJobs.map((j) => j.jobName))].sort().map((n) => `enrollment:${n}`),
          ...[...new Set(details.fraudsterRegistrationJobs.map((j) => j.jobName))].sort().map((n) => `fraudster:${n}`),
        ]
      : null,
  };
}

/**
 * R7.4: the active job a new job of the same kind waits for (deferred). Only then: a job ending must stale a plan
 * that deferred a job behind it, but not every plan of a domain where some job happens to run. Absent otherwise, so
 * fingerprints of plans without such a job are as before.
 */
function blockingJobs(l: LiveDomain, d: DesiredDomain | undefined): { blockingJobs?: string[] } {
  const details = l.details;
  if (!details || !d) return {};
  const of = (kind: string, live: readonly { jobName: string; status: string }[], declared: readonly { jobName: string }[]): string[] => {
    const names = new Set(live.map((j) => j.jobName));
    if (!declared.some((j) => !names.has(j.jobName))) return [];
    return live.filter((j) => ACTIVE_JOB_STATUSES.has(j.status)).map((j) => `${kind}:${j.jobName}`).sort();
  };
  const blocking = [...of('enrollment', details.enrollmentJobs, d.enrollmentJobs), ...of('fraudster', details.fraudsterRegistrationJobs, d.fraudsterRegistrationJobs)];
  return blocking.length > 0 ? { blockingJobs: blocking } : {};
}
