/** The body of an opt-out change (src/kinds/opt-outs.ts): live status counts, then the ids masked or counted. */
import type { Change } from '../model/plan.js';
import type { Redactor } from '../model/sensitive.js';
import { num, optOutSummaryParts } from './common.js';
import type { Style } from './style.js';

/** An opt-out list longer than this is shown as counts (the saved plan, or --show-sensitive, holds every id). */
export const LIST_SUMMARY_THRESHOLD = 10;

export function optOutLines(c: Change, o: { readonly redactor: Redactor; readonly style: Style; readonly maxSpeakerIds: number }): string[] {
  const ids = c.speakerIds ?? [];
  const live = Object.entries(c.before ?? {})
    .map(([status, n]) => `${num(Number(n))} ${status === 'ABSENT' ? 'absent' : status}`)
    .join(', ');
  const lines = [`live status: ${live || 'unknown'} -> OPTED_OUT`];
  // Long lists: counts, source and digest a reviewer can check instead of ids nobody can (PLAN.md R5.3);
  // --show-sensitive lists them all.
  const summary = optOutSummaryParts(c);
  if (summary) lines.push(o.style.change(`~ ${summary.counts}`), o.style.change(`~ ${summary.digest} (= LC_ALL=C sort -u <ids> | sha256sum)`));
  const max = o.redactor.showSensitive ? ids.length : ids.length > LIST_SUMMARY_THRESHOLD ? 0 : o.maxSpeakerIds;
  for (const id of ids.slice(0, max)) lines.push(o.style.change(`~ ${o.redactor.speaker(id)}`));
  if (ids.length > max) {
    const what = summary ? 'ids' : `${num(ids.length)} speakers to opt out:`;
    lines.push(o.style.dim(`# ${what} not listed (masked): the saved plan holds them, --show-sensitive lists them`));
  }
  return lines;
}
