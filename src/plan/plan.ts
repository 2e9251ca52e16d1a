/**
 * plan(desired, live) -> Plan. PURE: no I/O, no clock, no randomness; the rules are in ./PLAN.md.
 * Identity first (which live domain is which declared domain), then each resource kind of each domain, in the
 * order apply executes them.
 */
import type { DesiredState } from '../model/desired.js';
import { compareBy } from '../model/collections.js';
import type { LiveState } from '../model/live.js';
import type { Change, Plan, PlanMessage, PlanSource, PlanSummary, ResourceKind } from '../model/plan.js';
import { PLAN_FORMAT_VERSION, worstImpact } from '../model/plan.js';
import type { LiveDomain } from '../model/live.js';
import { KIND_ORDER, KINDS } from '../kinds/registry.js';
import type { KindPlanInput } from '../kinds/types.js';
import { assertNever } from '../model/assert-never.js';
import type { DomainPlanContext } from './domain.js';
import type { Findings } from './findings.js';
import { domainAddress, message, newFindings } from './findings.js';
import type { Match } from './identity.js';
import { resolveIdentity } from './identity.js';
import { liveRecord } from './applied-record.js';
import type { PlanEvidence } from './trust.js';
import { domainTrust } from './trust.js';
import type { DomainTrust } from '../model/plan.js';
import { effectiveDesired } from './lifecycle.js';
import { normalizeTargets, selectTargets, targetedMessages, targetingWarning } from './targets.js';

export interface PlanOptions {
  /** Tags per domain, ownership tags included (default 50, the Amazon Connect limit). */
  readonly maxTagsPerDomain?: number;
  /** Recorded as `Plan.source` (the CLI passes the YAML PATHs it loaded). */
  readonly source?: PlanSource;
  /** `--target` addresses (R12.4); absent or empty: the whole desired state. The CLI checks them first (R12.5). */
  readonly targets?: readonly string[];
  /** R13.2: what the record change writes as evidence (the CLI's commit and read time); absent: no evidence. */
  readonly evidence?: PlanEvidence;
}

export function plan(desired: DesiredState, live: LiveState, options: PlanOptions = {}): Plan {
  const out = newFindings();
  if (desired.region !== undefined && desired.region !== live.region) {
    out.errors.push(message('E_REGION_MISMATCH', `the desired state is for ${desired.region} but live state was read in ${live.region}`));
  }
  const identity = resolveIdentity(desired, live, out);
  const ctx: DomainPlanContext = { stack: desired.stack, kmsKeys: live.kmsKeys, liveDomains: live.domains, out };
  const targets = options.targets && options.targets.length > 0 ? normalizeTargets(options.targets) : undefined;
  const trust: DomainTrust[] = [];
  const work: { key: string; run: () => void }[] = [
    ...identity.matches.map((m) => ({ key: m.desired.key, run: () => planDomain(m, ctx, options, targets, trust) })),
    ...identity.orphans.map((o) => ({
      key: o.key,
      run: () => {
        const from = out.changes.length;
        planOrphan(o.key, o.live, desired.prune, ctx);
        if (targets) selectTargets(out.changes, from, targets, { live: o.live });
      },
    })),
  ];
  // Keys are unique across matches and orphans (an orphan's key is undeclared), so this order is total.
  for (const w of work.sort(compareBy((x) => x.key))) w.run();
  return { ...assemble(desired, live, out, options.source, targets), ...(trust.length > 0 ? { trust } : {}) };
}

/** One declared domain: every kind's checks, then every kind's diff in registry order (src/kinds/registry.ts). */
function planDomain(match: Match, ctx: DomainPlanContext, options: PlanOptions, targets: readonly string[] | undefined, trust: DomainTrust[]): void {
  const live = match.kind === 'new' ? undefined : match.live;
  // R11: only a domain this stack already manages carries a record we wrote; an adopt target's is not ours.
  const record = match.kind === 'managed' ? liveRecord(match.live) : undefined;
  const input: KindPlanInput = {
    match,
    // R12.3: ignored attributes take their live value before anything is compared (a new domain gets the declared ones).
    desired: live ? effectiveDesired(match.desired, live) : match.desired,
    ...(live ? { live } : {}),
    domainId: live ? live.domainId : { ref: domainAddress(match.desired.key) },
    ...(record ? { record } : {}),
    ctx,
    ...(options.maxTagsPerDomain === undefined ? {} : { maxTagsPerDomain: options.maxTagsPerDomain }),
    ...(options.evidence === undefined ? {} : { evidence: options.evidence }),
  };
  // R12.4: the changes no target selects are left out before bookkeeping (the applied record), which then keeps
  // the recorded fields of what was left out.
  const from = ctx.out.changes.length;
  let unselected: ReadonlySet<ResourceKind> | undefined;
  const select = (): ReadonlySet<ResourceKind> => (unselected ??= targets ? selectTargets(ctx.out.changes, from, targets, { desired: input.desired, ...(live ? { live } : {}) }) : new Set());
  for (const kind of KIND_ORDER) KINDS[kind].check?.(input, ctx.out);
  for (const kind of KIND_ORDER) {
    const module = KINDS[kind];
    if (module.plan(module.bookkeeping === true ? { ...input, unselected: select() } : input) === 'stop') break;
  }
  select();
  // R13.5: what the opt-out read trusted, or why it read everything.
  const t = domainTrust(match.desired, live);
  if (t) trust.push(t);
}

/** A live domain of this stack no declared key claims: each kind's module may plan its removal (prune, §8). */
function planOrphan(key: string, live: LiveDomain, prune: boolean, ctx: DomainPlanContext): void {
  for (const kind of KIND_ORDER) KINDS[kind].orphan?.(key, live, prune, ctx);
}

function assemble(desired: DesiredState, live: LiveState, out: Findings, source: PlanSource | undefined, targets: readonly string[] | undefined): Plan {
  const scoped = (list: readonly PlanMessage[]): PlanMessage[] => sortMessages(targets ? targetedMessages(list, targets) : list);
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    stack: desired.stack,
    region: desired.region ?? live.region,
    prune: desired.prune,
    ...(targets ? { targets } : {}),
    ...(source ? { source } : {}),
    summary: summarize(out.changes),
    impact: out.changes.map((c) => c.impact).reduce(worstImpact, 'none'),
    changes: out.changes,
    errors: scoped(out.errors),
    warnings: scoped([...out.warnings, ...(targets ? [targetingWarning(targets)] : [])]),
    notes: scoped(out.notes),
  };
}

export function summarize(changes: readonly Change[]): PlanSummary {
  const s = { add: 0, change: 0, delete: 0, adopt: 0, optOut: 0, jobsToStart: 0, deferred: 0, blocked: 0, outside: 0 };
  for (const c of changes) {
    // Bookkeeping (the applied record, R11.4) comes with other changes of its domain: not counted.
    if (KINDS[c.kind].bookkeeping === true) continue;
    if (c.changedOutside) s.outside++;
    if (c.deferred) s.deferred++;
    else if (c.blocked) s.blocked++;
    else if (c.action === 'create') s.add++;
    else if (c.action === 'update') s.change++;
    else if (c.action === 'delete') s.delete++;
    else if (c.action === 'adopt') s.adopt++;
    else if (c.action === 'opt-out') s.optOut += c.speakerIds?.length ?? 0;
    else if (c.action === 'start') s.jobsToStart++;
    else assertNever(c.action, 'change action');
  }
  return s;
}

function sortMessages(list: readonly PlanMessage[]): PlanMessage[] {
  const key = (m: PlanMessage) => `${m.address ?? ''}\u0000${m.code}\u0000${m.message}`;
  return [...list].sort(compareBy(key));
}
