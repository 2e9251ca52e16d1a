/**
 * What a plan trusted instead of reading (src/plan/PLAN.md R13.5): one line per managed domain with declared opt-outs.
 * Nothing trusted is hidden: text and markdown print these lines above the changes; JSON carries `Plan.trust`.
 */
import { resourceAddress, type DomainTrust, type Plan } from '../model/plan.js';
import { num, plural } from './common.js';

export function trustLine(t: DomainTrust): string {
  if (t.trusted === 0) return `read live: all ${num(t.declared)} declared ${plural(t.declared, 'id')} (${t.reason ?? 'no evidence'})`;
  const day = (iso: string | undefined): string => (iso ?? '').slice(0, 10);
  const read = t.read > 0 ? `; ${num(t.read)} ${plural(t.read, 'id')} read live` : '; nothing else to read';
  return `trusted: ${num(t.trusted)} ${plural(t.trusted, 'id')} opted out by apply of ${t.commit ?? '?'} on ${day(t.appliedAt)}, last full check ${day(t.fullCheckAt)}${read}`;
}

/** `[address, line]` per domain, in the plan's domain order. */
export function trustLines(plan: Plan): [string, string][] {
  // Plan.trust is the opt-out read's evidence (PLAN.md R13.5): each line is about the domain's opt-outs.
  return (plan.trust ?? []).map((t) => [resourceAddress(t.domainKey, 'opt-outs'), trustLine(t)]);
}
