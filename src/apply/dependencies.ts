/** The dependency rules between changes of one domain (APPLY.md A2.3, A5.2), kept apart from the engine. */
import type { Change, StartFraudsterRegistrationJobOp, StartSpeakerEnrollmentJobOp, UpdateDomainOp } from '../model/plan.js';
import type { ChangeOutcome } from './types.js';
import { resourceAddress } from '../model/plan.js';

/**
 * Why the rest of a domain cannot run after its domain change, if it cannot: a create that did not answer leaves
 * no DomainId; an adopt that did not finish leaves the domain not (fully) owned. A failed update blocks nothing.
 */
export function domainPrerequisite(domain: Change, outcome: ChangeOutcome): string | undefined {
  const wouldBe = domain.action === 'blocked' ? domain.blocked?.wouldBe : domain.action === 'deferred' ? domain.deferred?.action : domain.action;
  if (outcome.status === 'applied' || (wouldBe !== 'create' && wouldBe !== 'adopt')) return undefined;
  return `dependency failed: ${domain.address} was not applied`;
}

/** Addresses of the watchlist changes a job change names (`domain.<key>.watchlist.<name>`). */
export function jobWatchlistAddresses(change: Change): string[] {
  const names = new Set<string>();
  for (const op of change.operations) {
    if (op.kind === 'StartSpeakerEnrollmentJob') op.input.EnrollmentConfig?.FraudDetectionConfig?.WatchlistNames?.forEach((n) => names.add(n));
    if (op.kind === 'StartFraudsterRegistrationJob') op.input.RegistrationConfig?.WatchlistNames?.forEach((n) => names.add(n));
  }
  return [...names].map((n) => resourceAddress(change.domainKey, 'watchlist', n));
}

/** A5.2: the UpdateDomain a deferred KMS change keeps; undefined when not a deferred domain update. */
export function deferredUpdate(change: Change): UpdateDomainOp | undefined {
  if (change.deferred?.action !== 'update' || change.kind !== 'domain' || !change.domainId) return undefined;
  return change.operations.find((op): op is UpdateDomainOp => op.kind === 'UpdateDomain');
}

/** A5.3: the Start operation of a job deferred until the job of its kind before it ends; undefined otherwise. */
export function deferredJob(change: Change): StartSpeakerEnrollmentJobOp | StartFraudsterRegistrationJobOp | undefined {
  if (change.deferred?.action !== 'start') return undefined;
  return change.operations.find(
    (op): op is StartSpeakerEnrollmentJobOp | StartFraudsterRegistrationJobOp => op.kind === 'StartSpeakerEnrollmentJob' || op.kind === 'StartFraudsterRegistrationJob',
  );
}
