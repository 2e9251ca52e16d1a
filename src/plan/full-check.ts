/**
 * PLAN.md R13.7: what `plan --refresh` writes. Its full read re-checked every declared id; where that check confirms
 * what a domain's last-applied record says (every id of the recorded set is OPTED_OUT), the record's `f` (last full
 * check) moves to this read, so pull request plans keep trusting those ids. Pure: the plan, the state it was made
 * from and the read time in, the tag values to write out.
 */
import type { DesiredState } from '../model/desired.js';
import { compareBy } from '../model/collections.js';
import { APPLIED_RECORD_TAG, OWNER_KEY_TAG, OWNER_STACK_TAG } from '../model/desired.js';
import type { LiveDomain, LiveState } from '../model/live.js';
import { speakerStatuses } from '../model/live.js';
import type { Plan } from '../model/plan.js';
import { formatRecord, optOutSet, parseEvidence, parseRecord, recordDigest } from './applied-record.js';

export interface FullCheckWrite {
  readonly domainKey: string;
  readonly arn: string;
  /** The record tag's new value: the one live with `f` set to the read time. */
  readonly value: string;
}

/** The record rewrites of R13.7, by domain key; none for a plan with errors or targets. */
export function fullCheckWrites(desired: DesiredState, live: LiveState, plan: Plan, readAt: number): FullCheckWrite[] {
  if (plan.errors.length > 0 || plan.targets !== undefined) return [];
  const out: FullCheckWrite[] = [];
  for (const d of [...desired.domains].sort(compareBy((x) => x.key))) {
    const declared = optOutSet(d.optedOutSpeakers);
    if (d.adopt !== undefined || declared.length === 0) continue;
    const domain = managedDomain(live, desired.stack, d.key);
    const details = domain?.details;
    // Only a read that covered every declared id is a full check (R13.4: trusted ids were not read).
    if (!domain || !details || details.optOutRead?.kind !== 'full') continue;
    const statuses = speakerStatuses(details);
    if (!declared.every((id) => statuses[id] === 'OPTED_OUT')) continue;
    const current = Object.hasOwn(domain.tags, APPLIED_RECORD_TAG) ? domain.tags[APPLIED_RECORD_TAG] : undefined;
    const record = parseRecord(current);
    const evidence = parseEvidence(current);
    if (record?.optedOutSpeakers !== recordDigest(declared)) continue;
    if (evidence.commit === undefined || evidence.appliedAt === undefined) continue;
    if (evidence.fullCheckAt !== undefined && evidence.fullCheckAt >= readAt) continue;
    out.push({ domainKey: d.key, arn: domain.arn, value: formatRecord(record, { ...evidence, fullCheckAt: readAt }) });
  }
  return out;
}

/** The one live domain this stack manages under `key` (two: E_DUPLICATE_OWNERSHIP, and the plan has errors). */
function managedDomain(live: LiveState, stack: string, key: string): LiveDomain | undefined {
  const owned = live.domains.filter((l) => l.status !== 'SUSPENDED' && l.tags[OWNER_STACK_TAG] === stack && l.tags[OWNER_KEY_TAG] === key);
  return owned.length === 1 ? owned[0] : undefined;
}
