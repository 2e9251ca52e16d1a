/**
 * Trusted opt-outs (PLAN.md §13), the pure part: what evidence a plan writes into the last-applied record, and the
 * account of what it trusted (`Plan.trust`). Deciding what to trust needs git and the clock: src/cli/opt-out-trust.ts.
 */
import type { DesiredDomain } from '../model/desired.js';
import type { LiveDomain } from '../model/live.js';
import type { DomainTrust } from '../model/plan.js';
import type { RecordContext } from './applied-record.js';
import { parseEvidence } from './applied-record.js';
import { APPLIED_RECORD_TAG } from '../model/desired.js';

export interface PlanEvidence {
  /** The 12 hex digits of the commit of the YAML (R13.1); absent when the YAML was not committed as loaded. */
  readonly commit?: string;
  /** When this plan's live read started, seconds since 1970. */
  readonly readAt: number;
  /**
   * R13.2 (apply without a saved plan): record the full check of a domain read in full even without another change,
   * `stale` when its recorded full check is missing or older than `maxTrustAgeS`, `always` with apply --refresh.
   */
  readonly recordFullChecks?: 'stale' | 'always';
  readonly maxTrustAgeS: number;
}

const iso = (seconds: number): string => new Date(seconds * 1000).toISOString();

/** R13.2: the evidence the record change of this domain carries (undefined: none, as plan() without evidence). */
export function recordEvidence(d: DesiredDomain, live: LiveDomain | undefined, managed: boolean, ev: PlanEvidence | undefined): RecordContext['evidence'] {
  if (!ev) return undefined;
  const read = live?.details?.optOutRead;
  const fullCheckAt = read?.kind === 'trusted' ? read.evidence.fullCheckAt : ev.readAt;
  const recorded = live && Object.hasOwn(live.tags, APPLIED_RECORD_TAG) ? parseEvidence(live.tags[APPLIED_RECORD_TAG]).fullCheckAt : undefined;
  const readInFull = read?.kind !== 'trusted';
  const stale = recorded === undefined || ev.readAt - recorded > ev.maxTrustAgeS;
  const force = managed && readInFull && d.optedOutSpeakers.length > 0 && (ev.recordFullChecks === 'always' || (ev.recordFullChecks === 'stale' && stale));
  return { ...(ev.commit !== undefined ? { commit: ev.commit } : {}), appliedAt: ev.readAt, fullCheckAt, ...(force ? { force } : {}) };
}

/** R13.5: how the declared ids of a domain were learnt; undefined when the reader was not asked to trust. */
export function domainTrust(d: DesiredDomain, live: LiveDomain | undefined): DomainTrust | undefined {
  const read = live?.details?.optOutRead;
  const declared = new Set(d.optedOutSpeakers).size;
  if (!read || declared === 0) return undefined;
  if (read.kind === 'full') return { domainKey: d.key, declared, trusted: 0, read: declared, reason: read.reason };
  const trusted = read.trustedIds.length;
  const e = read.evidence;
  return { domainKey: d.key, declared, trusted, read: declared - trusted, commit: e.commit, appliedAt: iso(e.appliedAt), fullCheckAt: iso(e.fullCheckAt) };
}
