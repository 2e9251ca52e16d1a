/**
 * The one watchlist-members change of a domain (PLAN.md §16): the moves of planMembership in the order apply makes
 * them, with the member counts of each watchlist they change; or the errors that stop the plan.
 */
import type { DesiredDomain } from '../model/desired.js';
import type { LiveDomain } from '../model/live.js';
import type { AssociateFraudsterOp, DisassociateFraudsterOp, DomainIdValue } from '../model/plan.js';
import { resourceAddress } from '../model/plan.js';
import type { Findings } from './findings.js';
import { makeChange, message } from './findings.js';
import { planMembership, type Move } from './watchlist-members.js';

/** At most this many messages of one code per domain; the rest are counted in one more. */
const MAX_MESSAGES = 10;

/**
 * The fraudsters this plan deletes (`deletedFraudsters`: DeleteFraudster removes them from every watchlist):
 * exempt from the last-watchlist rule and never disassociated (R16.2).
 */
export function exemptFraudsters(d: DesiredDomain): ReadonlySet<string> {
  return new Set(d.deletedFraudsters ?? []);
}

export function planMembers(d: DesiredDomain, l: LiveDomain | undefined, domainId: DomainIdValue, out: Findings, exempt: ReadonlySet<string>): void {
  const address = resourceAddress(d.key, 'watchlist-members');
  const p = planMembership(d, l, domainId, exempt);
  if (p.problems.length > 0) {
    const byCode = new Map<string, number>();
    for (const problem of p.problems) {
      const n = (byCode.get(problem.code) ?? 0) + 1;
      byCode.set(problem.code, n);
      if (n <= MAX_MESSAGES) out.errors.push(message(problem.code, problem.message, { address, hint: problem.hint }));
    }
    for (const [code, n] of byCode) if (n > MAX_MESSAGES) out.errors.push(message(code, `${n - MAX_MESSAGES} more like the above in domain ${JSON.stringify(d.key)}`, { address }));
    return;
  }
  if (typeof domainId !== 'string') return;
  const ops = [...p.early.map((m) => op('DisassociateFraudster', domainId, m)), ...p.associate.map((m) => op('AssociateFraudster', domainId, m)), ...p.late.map((m) => op('DisassociateFraudster', domainId, m))];
  if (ops.length === 0) return;
  const changed = new Set([...p.early, ...p.associate, ...p.late].map((m) => m.watchlist));
  const before: Record<string, number> = {};
  const after: Record<string, number> = {};
  for (const e of p.entries) {
    if (!changed.has(e.name)) continue;
    before[e.name] = e.live?.length ?? 0;
    after[e.name] = e.final?.length ?? 0;
  }
  const emptied = p.entries.filter((e) => e.deleting && changed.has(e.name)).map((e) => `watchlist ${JSON.stringify(e.name)} is emptied before it is deleted`);
  out.changes.push(makeChange({ address, kind: 'watchlist-members', action: 'update', domainKey: d.key, domainId, before, after, operations: ops, reasons: emptied }));
}

function op(kind: 'AssociateFraudster' | 'DisassociateFraudster', domainId: string, m: Move): AssociateFraudsterOp | DisassociateFraudsterOp {
  return { kind, input: { DomainId: domainId, WatchlistId: m.watchlistId }, watchlist: m.watchlist, fraudsterIds: m.fraudsterIds };
}
