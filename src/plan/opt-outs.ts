/** Opted-out speakers (PLAN.md §5). Opt-out is one-way: the plan never opts anybody back in. */
import type { DesiredDomain } from '../model/desired.js';
import { sortedEntries } from '../model/collections.js';
import type { LiveDomain } from '../model/live.js';
import { createHash } from 'node:crypto';
import { speakerStatuses } from '../model/live.js';
import type { DomainIdValue, OptOutList } from '../model/plan.js';
import type { Findings } from './findings.js';
import { makeChange, message } from './findings.js';
import { resourceAddress } from '../model/plan.js';
import type { AppliedRecord } from './applied-record.js';
import { optOutsChangedOutside } from './applied-record.js';

const ABSENT = 'ABSENT';

export function planOptOuts(d: DesiredDomain, l: LiveDomain | undefined, domainId: DomainIdValue, out: Findings, record?: AppliedRecord): void {
  const address = resourceAddress(d.key, 'opt-outs');
  // R12.4: trusted ids count as OPTED_OUT, as a full read finds them when nothing drifted.
  const speakers = l?.details ? speakerStatuses(l.details) : {};
  const status = (id: string): string =>
    Object.prototype.hasOwnProperty.call(speakers, id) ? (speakers[id] as string) : ABSENT;
  const declared = [...new Set(d.optedOutSpeakers)].sort();
  const pending = declared.filter((id) => status(id) !== 'OPTED_OUT');
  if (pending.length > 0) {
    const before: Record<string, number> = {};
    for (const id of pending) before[status(id)] = (before[status(id)] ?? 0) + 1;
    out.changes.push(
      makeChange({
        address,
        kind: 'opt-outs',
        action: 'opt-out',
        domainKey: d.key,
        domainId,
        before: Object.fromEntries(sortedEntries(before)),
        after: { OPTED_OUT: pending.length },
        operations: [{ kind: 'OptOutSpeaker', input: { DomainId: domainId }, speakerIds: pending }],
        reasons: [
          'opting out erases the speakers\' voiceprints and audio and rejects future enrollment; it cannot be undone by this tool',
          ...(before[ABSENT] ? ['speakers absent from the domain are created in the OPTED_OUT state'] : []),
        ],
        speakerIds: pending,
        optOutList: optOutList(d, declared, pending.length),
        // R11.3: the last apply opted out this very list, so these ids left OPTED_OUT outside voiceid-gitops.
        ...(optOutsChangedOutside(record, declared) ? { changedOutside: ['optedOutSpeakers'] } : {}),
      }),
    );
  }
  // PLAN.md R15.1: an opted-out speaker declared erased is being deleted, the one way out of OPTED_OUT.
  warnOneWay(address, [...declared, ...(d.erasedSpeakers ?? [])], speakers, out);
}

/** R5.3: counts, sources and the digest a reviewer recomputes with `LC_ALL=C sort -u FILE | sha256sum`. */
function optOutList(d: DesiredDomain, declared: readonly string[], pending: number): OptOutList {
  const sha256 = createHash('sha256');
  for (const id of declared) sha256.update(`${id}\n`);
  return { declared: declared.length, alreadyOptedOut: declared.length - pending, sources: d.optOutSources ?? [], sha256: sha256.digest('hex') };
}

/** R5.2: opt-out is one-way; ids dropped from the YAML stay opted out, and the plan says so. */
function warnOneWay(
  address: string,
  declared: readonly string[],
  speakers: Readonly<Record<string, string>>,
  out: Findings,
): void {
  const declaredSet = new Set(declared);
  const undeclared = Object.keys(speakers)
    .filter((id) => speakers[id] === 'OPTED_OUT' && !declaredSet.has(id))
    .sort();
  if (undeclared.length === 0) return;
  out.warnings.push(
    message(
      'W_OPT_OUT_ONE_WAY',
      `${undeclared.length} opted-out speaker(s) are no longer declared; opt-out is one-way, so they stay opted out`,
      { address, hint: 'only deleting the speaker (outside this tool) lets them enroll again', speakerIds: undeclared },
    ),
  );
}
