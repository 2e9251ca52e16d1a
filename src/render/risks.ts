/**
 * The consequences a reviewer must see before anything else (CONTRACT §8, issue 9): deletions, KMS re-encryptions,
 * one-way opt-outs, changes made outside voiceid-gitops, adoptions, deferred changes and job starts. Pure: read off
 * the plan's changes, never recomputed. Text and markdown render the same list, one line per consequence.
 */
import type { Change, Plan } from '../model/plan.js';
import { PROTECT_TAG } from '../model/desired.js';
import { num, optOutSummary, plural } from './common.js';
import { deleteSummary } from './erasure-lines.js';

export type RiskKind = 'delete' | 'unprotect' | 'kms' | 'opt-out' | 'outside' | 'adopt' | 'deferred' | 'job' | 'protect';

export interface Risk {
  readonly kind: RiskKind;
  /** The address the consequence is about. */
  readonly subject: string;
  /** One line, no markup, no speaker id. */
  readonly detail: string;
}

/** The worst first. */
const ORDER: readonly RiskKind[] = ['delete', 'unprotect', 'kms', 'opt-out', 'outside', 'adopt', 'deferred', 'job', 'protect'];

export function risks(plan: Plan): Risk[] {
  return plan.changes.flatMap(risksOf).sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
}

function risksOf(c: Change): Risk[] {
  const out: Risk[] = [];
  const id = c.domainId && c.kind === 'domain' ? ` (${c.domainId})` : '';
  if (c.destructive) out.push({ kind: 'delete', subject: c.address, detail: deletion(c, id) });
  const kms = kmsChange(c);
  if (kms) out.push({ kind: 'kms', subject: c.address, detail: kms });
  if (c.action === 'opt-out') {
    const n = c.speakerIds?.length ?? 0;
    // Counts, source and digest when the plan has them (R5.3); a plan saved before that still gets the count.
    const what = optOutSummary(c) ?? `${num(n)} ${plural(n, 'speaker')} to opt out`;
    out.push({ kind: 'opt-out', subject: c.address, detail: `${what}; one-way: their voiceprints are erased` });
  }
  if (c.changedOutside) out.push({ kind: 'outside', subject: c.address, detail: `undoes a change made outside voiceid-gitops (${c.changedOutside.join(', ')})` });
  if (c.action === 'adopt') out.push({ kind: 'adopt', subject: c.address, detail: `adopts existing domain${id}: this stack manages it from now on` });
  if (c.deferred) out.push({ kind: 'deferred', subject: c.address, detail: `deferred: ${c.deferred.reason}` });
  const protection = protectionChange(c);
  if (protection === 'removed') out.push({ kind: 'unprotect', subject: c.address, detail: `deletion protection removed (${PROTECT_TAG}): a later plan with prune can delete this domain` });
  if (protection === 'added') out.push({ kind: 'protect', subject: c.address, detail: `protected from deletion from now on (${PROTECT_TAG}), even once removed from the YAML` });
  // A deferred start is said once, as deferred, above.
  if (c.action === 'start' && !c.deferred) out.push({ kind: 'job', subject: c.address, detail: `${c.kind === 'enrollment-job' ? 'enrollment' : 'fraudster registration'} job starts (run-once, asynchronous)` });
  return out;
}

/** What a destructive change destroys, one line (PLAN.md R15.4: erasures and fraudster deletions with their list). */
function deletion(c: Change, id: string): string {
  if (c.kind === 'domain') return `DELETED${id} with ${deletedContents(c)} (apply needs --allow-delete)`;
  const summary = deleteSummary(c);
  const what = c.kind === 'erased-speakers' ? 'speakers ERASED with their voiceprints and audio' : 'fraudsters DELETED with their voiceprints';
  return `${summary ? `${what}: ${summary}` : what}; cannot be undone (apply needs --allow-delete)`;
}

/** What a delete destroys, with the speaker count when the reader counted (PLAN.md R8.3). */
function deletedContents(c: Change): string {
  const count = c.kind === 'domain' ? c.speakerCount : undefined;
  if (!count) return 'all its speakers, fraudsters and voiceprints';
  if (!count.complete) return `at least ${num(count.listed)} speakers (more were not counted), and all its fraudsters and voiceprints`;
  if (count.listed === 0) return 'all its fraudsters (it holds no speakers)';
  return `its ${num(count.listed)} ${plural(count.listed, 'speaker')}, their voiceprints and all its fraudsters`;
}

/** PLAN.md R12.1: the protection tag appears in the tags change of a domain (or in its CreateDomain). */
function protectionChange(c: Change): 'added' | 'removed' | undefined {
  if (c.kind !== 'tags' && !(c.kind === 'domain' && c.action === 'create')) return undefined;
  const had = c.before !== undefined && Object.hasOwn(c.before, PROTECT_TAG);
  const tags = c.kind === 'tags' ? c.after : c.after?.['tags'];
  const has = typeof tags === 'object' && tags !== null && !Array.isArray(tags) && Object.hasOwn(tags, PROTECT_TAG);
  return had === has ? undefined : has ? 'added' : 'removed';
}

/** The KMS re-encryption a domain change starts, as one line; undefined when its key does not change. */
export function kmsChange(c: Change): string | undefined {
  if (c.kind !== 'domain' || !c.before || !c.after) return undefined;
  const from = c.before['kmsKeyId'];
  const to = c.after['kmsKeyId'];
  if (typeof from !== 'string' || typeof to !== 'string' || from === to) return undefined;
  const when = c.deferred ? 'once the running one completes, ' : '';
  return `${when}KMS re-encryption ${from} -> ${to}: data stays under the old key until it completes; keep the old key enabled until then`;
}

/** "N changes made outside voiceid-gitops" when there are any. */
export function outsideLine(plan: Plan): string | undefined {
  const n = plan.summary.outside;
  return n > 0 ? `${num(n)} ${plural(n, 'change')} made outside voiceid-gitops (this plan undoes ${n === 1 ? 'it' : 'them'})` : undefined;
}
