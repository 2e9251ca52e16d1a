/**
 * Erased speakers and deleted fraudsters (PLAN.md §15): declared ids that exist live are deleted, destructively
 * (apply needs --allow-delete); an id absent live needs nothing. An erased speaker that is back (enrolled again)
 * is erased again, and labelled as changed outside voiceid-gitops when the last apply erased this very list.
 */
import { createHash } from 'node:crypto';
import { sortedEntries } from '../model/collections.js';
import type { DesiredDomain } from '../model/desired.js';
import type { LiveDomain } from '../model/live.js';
import type { DeleteList, DomainIdValue } from '../model/plan.js';
import { resourceAddress } from '../model/plan.js';
import type { AppliedRecord } from './applied-record.js';
import { erasuresChangedOutside } from './applied-record.js';
import type { Findings } from './findings.js';
import { makeChange } from './findings.js';

/** R15.4: counts, sources and the digest a reviewer recomputes with `LC_ALL=C sort -u FILE | sha256sum`. */
export function deleteList(declared: readonly string[], pending: number, sources: readonly string[]): DeleteList {
  const sha256 = createHash('sha256');
  for (const id of declared) sha256.update(`${id}\n`);
  return { declared: declared.length, alreadyAbsent: declared.length - pending, sources: [...sources], sha256: sha256.digest('hex') };
}

/** R15.1, R15.5: DeleteSpeaker for each declared id live in any status (OPTED_OUT included). */
export function planErasedSpeakers(d: DesiredDomain, l: LiveDomain | undefined, domainId: DomainIdValue, out: Findings, record?: AppliedRecord): void {
  const declared = d.erasedSpeakers ?? [];
  // A domain this plan creates holds no speaker yet; a domain without details cannot be planned (R1.6).
  if (declared.length === 0 || !l?.details || typeof domainId !== 'string') return;
  const speakers = l.details.speakers;
  const pending = declared.filter((id) => Object.hasOwn(speakers, id));
  if (pending.length === 0) return;
  const before: Record<string, number> = {};
  for (const id of pending) before[speakers[id]!] = (before[speakers[id]!] ?? 0) + 1;
  out.changes.push(
    makeChange({
      address: resourceAddress(d.key, 'erased-speakers'),
      kind: 'erased-speakers',
      action: 'delete',
      domainKey: d.key,
      domainId,
      before: Object.fromEntries(sortedEntries(before)),
      operations: [{ kind: 'DeleteSpeaker', input: { DomainId: domainId }, speakerIds: pending }],
      reasons: [
        "erasing deletes the speakers, their voiceprints and audio; it cannot be undone (the customer would have to enroll again)",
        'apply refuses it without --allow-delete',
      ],
      speakerIds: pending,
      deleteList: deleteList(declared, pending.length, d.erasureSources ?? []),
      // R15.6: the last apply erased this very list, so these speakers came back outside voiceid-gitops.
      ...(erasuresChangedOutside(record, declared) ? { changedOutside: ['erasedSpeakers'] } : {}),
    }),
  );
}

/** R15.2: DeleteFraudster for each declared id that exists live (it also leaves every watchlist). */
export function planDeletedFraudsters(d: DesiredDomain, l: LiveDomain | undefined, domainId: DomainIdValue, out: Findings): void {
  const declared = d.deletedFraudsters ?? [];
  if (declared.length === 0 || !l?.details || typeof domainId !== 'string') return;
  const live = new Set(l.details.liveFraudsters ?? []);
  const pending = declared.filter((id) => live.has(id));
  if (pending.length === 0) return;
  out.changes.push(
    makeChange({
      address: resourceAddress(d.key, 'deleted-fraudsters'),
      kind: 'deleted-fraudsters',
      action: 'delete',
      domainKey: d.key,
      domainId,
      before: { fraudsterIds: pending },
      operations: [{ kind: 'DeleteFraudster', input: { DomainId: domainId }, fraudsterIds: pending }],
      reasons: [
        'deletes the fraudsters and their voiceprints; Voice ID also removes them from every watchlist; it cannot be undone',
        'apply refuses it without --allow-delete',
      ],
      deleteList: deleteList(declared, pending.length, d.source ? [d.source.file] : []),
    }),
  );
}
