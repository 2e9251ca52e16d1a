/**
 * Each resource kind's risk lines (render/risks.ts gathers them through the kinds' `render.risks`): what a change
 * of that kind does that a reviewer must see first. One line each, no markup, no speaker id.
 */
import type { Change, ChangeOf } from '../model/plan.js';
import { PROTECT_TAG } from '../model/desired.js';
import { num, optOutSummary, plural } from './common.js';
import { deleteSummary } from './erasure-lines.js';
import type { Risk } from './risks.js';

/** A domain deleted, re-encrypted, adopted, or created protected. */
export function domainRisks(c: ChangeOf<'domain'>): Risk[] {
  const out: Risk[] = [];
  const id = c.domainId ? ` (${c.domainId})` : '';
  if (c.destructive) out.push({ kind: 'delete', subject: c.address, detail: `DELETED${id} with ${deletedContents(c)} (apply needs --allow-delete)` });
  const kms = kmsChange(c);
  if (kms) out.push({ kind: 'kms', subject: c.address, detail: kms });
  if (c.action === 'adopt') out.push({ kind: 'adopt', subject: c.address, detail: `adopts existing domain${id}: this stack manages it from now on` });
  return [...out, ...protectionRisks(c)];
}

/** PLAN.md R12.1: the protection tag appears in the tags change of a domain (or in its CreateDomain). */
export function protectionRisks(c: ChangeOf<'tags'> | ChangeOf<'domain'>): Risk[] {
  if (c.kind !== 'tags' && c.action !== 'create') return [];
  const had = c.before !== undefined && Object.hasOwn(c.before, PROTECT_TAG);
  const tags = c.kind === 'tags' ? c.after : c.after?.['tags'];
  const has = typeof tags === 'object' && tags !== null && !Array.isArray(tags) && Object.hasOwn(tags, PROTECT_TAG);
  if (had === has) return [];
  return has
    ? [{ kind: 'protect', subject: c.address, detail: `protected from deletion from now on (${PROTECT_TAG}), even once removed from the YAML` }]
    : [{ kind: 'unprotect', subject: c.address, detail: `deletion protection removed (${PROTECT_TAG}): a later plan with prune can delete this domain` }];
}

export function optOutRisks(c: ChangeOf<'opt-outs'>): Risk[] {
  if (c.action !== 'opt-out') return [];
  const n = c.speakerIds?.length ?? 0;
  // Counts, source and digest when the plan has them (R5.3); a plan saved before that still gets the count.
  const what = optOutSummary(c) ?? `${num(n)} ${plural(n, 'speaker')} to opt out`;
  return [{ kind: 'opt-out', subject: c.address, detail: `${what}; one-way: their voiceprints are erased` }];
}

/** PLAN.md R15.4: erasures and fraudster deletions, with their list. */
export function erasureRisks(what: string) {
  return (c: Change): Risk[] => {
    if (!c.destructive) return [];
    const summary = deleteSummary(c);
    return [{ kind: 'delete', subject: c.address, detail: `${summary ? `${what}: ${summary}` : what}; cannot be undone (apply needs --allow-delete)` }];
  };
}

/** A job start (run-once, asynchronous); a deferred start is said once, as deferred. */
export function jobRisks(label: string) {
  return (c: Change): Risk[] => (c.action === 'start' && !c.deferred ? [{ kind: 'job', subject: c.address, detail: `${label} starts (run-once, asynchronous)` }] : []);
}

/** What a delete destroys, with the speaker count when the reader counted (PLAN.md R8.3). */
function deletedContents(c: ChangeOf<'domain'>): string {
  const count = c.speakerCount;
  if (!count) return 'all its speakers, fraudsters and voiceprints';
  if (!count.complete) return `at least ${num(count.listed)} speakers (more were not counted), and all its fraudsters and voiceprints`;
  if (count.listed === 0) return 'all its fraudsters (it holds no speakers)';
  return `its ${num(count.listed)} ${plural(count.listed, 'speaker')}, their voiceprints and all its fraudsters`;
}

/** The KMS re-encryption a domain change starts, as one line; undefined when its key does not change. */
function kmsChange(c: ChangeOf<'domain'>): string | undefined {
  if (!c.before || !c.after) return undefined;
  const from = c.before['kmsKeyId'];
  const to = c.after['kmsKeyId'];
  if (typeof from !== 'string' || typeof to !== 'string' || from === to) return undefined;
  const when = c.deferred ? 'once the running one completes, ' : '';
  return `${when}KMS re-encryption ${from} -> ${to}: data stays under the old key until it completes; keep the old key enabled until then`;
}
