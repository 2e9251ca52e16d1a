/**
 * The consequences a reviewer must see before anything else (CONTRACT §8, issue 9): deletions, KMS re-encryptions,
 * one-way opt-outs, changes made outside voiceid-gitops, adoptions, deferred changes and job starts. Pure: read off
 * the plan's changes, never recomputed; each kind says its own (its module's `render.risks`). Text and markdown render the same list, one line per consequence.
 */
import type { Change, Plan } from '../model/plan.js';
import { kindModule } from '../kinds/registry.js';
import { num, plural } from './common.js';

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

/** The change's own kind's lines (its module's `render.risks`, src/render/risk-lines.ts), then those of any kind. */
export function risksOf(c: Change): Risk[] {
  const out: Risk[] = [...(kindModule(c.kind).render.risks?.(c) ?? [])];
  if (c.changedOutside) out.push({ kind: 'outside', subject: c.address, detail: `undoes a change made outside voiceid-gitops (${c.changedOutside.join(', ')})` });
  if (c.deferred) out.push({ kind: 'deferred', subject: c.address, detail: `deferred: ${c.deferred.reason}` });
  return out;
}

/** "N changes made outside voiceid-gitops" when there are any. */
export function outsideLine(plan: Plan): string | undefined {
  const n = plan.summary.outside;
  return n > 0 ? `${num(n)} ${plural(n, 'change')} made outside voiceid-gitops (this plan undoes ${n === 1 ? 'it' : 'them'})` : undefined;
}
