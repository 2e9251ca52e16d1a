/**
 * plan(desired, live) -> Plan. PURE: no I/O, no clock, no randomness; the rules are in ./PLAN.md.
 * Identity first (which live domain is which declared domain), then each resource kind of each domain, in the
 * order apply executes them.
 */
import type { DesiredState } from '../model/desired.js';
import type { LiveState } from '../model/live.js';
import type { Change, Plan, PlanMessage, PlanSource, PlanSummary } from '../model/plan.js';
import { PLAN_FORMAT_VERSION, worstImpact } from '../model/plan.js';
import type { DomainPlanContext } from './domain.js';
import { planAdopt, planCreate, planOrphan, planUpdate } from './domain.js';
import type { Findings } from './findings.js';
import { domainAddress, message, newFindings } from './findings.js';
import { desiredDigest, liveFingerprint } from './fingerprint.js';
import type { Match } from './identity.js';
import { resolveIdentity } from './identity.js';
import { ENROLLMENT, FRAUDSTER_REGISTRATION, planJobs } from './jobs.js';
import { liveRecord, planRecord } from './applied-record.js';
import { planOptOuts } from './opt-outs.js';
import { MAX_TAGS_PER_DOMAIN, checkTagLimit, planTags, undeclaredUserTags } from './tags.js';
import { planWatchlists } from './watchlists.js';

export interface PlanOptions {
  /** Tags per domain, ownership tags included (default 50, the Amazon Connect limit). */
  readonly maxTagsPerDomain?: number;
  /** Recorded as `Plan.source` (the CLI passes the YAML PATHs it loaded). */
  readonly source?: PlanSource;
}

export function plan(desired: DesiredState, live: LiveState, options: PlanOptions = {}): Plan {
  const out = newFindings();
  if (desired.region !== undefined && desired.region !== live.region) {
    out.errors.push(message('E_REGION_MISMATCH', `the desired state is for ${desired.region} but live state was read in ${live.region}`));
  }
  const identity = resolveIdentity(desired, live, out);
  const ctx: DomainPlanContext = { stack: desired.stack, kmsKeys: live.kmsKeys, liveDomains: live.domains, out };
  const work: { key: string; run: () => void }[] = [
    ...identity.matches.map((m) => ({ key: m.desired.key, run: () => planDomain(m, ctx, options) })),
    ...identity.orphans.map((o) => ({ key: o.key, run: () => planOrphan(o.key, o.live, desired.prune, ctx) })),
  ];
  // Keys are unique across matches and orphans (an orphan's key is undeclared), so this order is total.
  for (const w of work.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) w.run();
  return assemble(desired, live, out, options.source);
}

function planDomain(m: Match, ctx: DomainPlanContext, options: PlanOptions): void {
  const d = m.desired;
  const out = ctx.out;
  checkTagLimit(d, out, options.maxTagsPerDomain ?? MAX_TAGS_PER_DOMAIN);
  if (m.kind === 'new') {
    planCreate(d, ctx);
  } else if (!m.live.details) {
    // R1.6: without details we could create duplicate watchlists or restart jobs.
    out.errors.push(message('E_LIVE_INCOMPLETE', `details of domain ${m.live.domainId} were not read`, { address: domainAddress(d.key) }));
    return;
  } else if (m.kind === 'adopt') {
    planAdopt(d, m.live, ctx, undeclaredUserTags(d, m.live));
  }
  // R11: only a domain this stack already manages carries a record we wrote; an adopt target's is not ours.
  const record = m.kind === 'managed' ? liveRecord(m.live) : undefined;
  if (m.kind === 'managed') planUpdate(d, m.live, ctx, record);
  const live = m.kind === 'new' ? undefined : m.live;
  const domainId = live ? live.domainId : { ref: domainAddress(d.key) };
  if (live) planTags(d, live, out, { removedByAdopt: m.kind === 'adopt', ...(record ? { record } : {}) });
  planWatchlists(ctx.stack, d, live, domainId, out);
  planOptOuts(d, live, domainId, out, record);
  const jobCtx = { stack: ctx.stack, desired: d, domainId, out };
  planJobs(ENROLLMENT, jobCtx, d.enrollmentJobs, live?.details?.enrollmentJobs ?? []);
  planJobs(FRAUDSTER_REGISTRATION, jobCtx, d.fraudsterRegistrationJobs, live?.details?.fraudsterRegistrationJobs ?? []);
  planRecord({ desired: d, ...(live ? { live } : {}), ...(record ? { record } : {}), domainId, kmsKeys: ctx.kmsKeys, out });
}

function assemble(desired: DesiredState, live: LiveState, out: Findings, source: PlanSource | undefined): Plan {
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    stack: desired.stack,
    region: desired.region ?? live.region,
    prune: desired.prune,
    ...(source ? { source } : {}),
    summary: summarize(out.changes),
    impact: out.changes.map((c) => c.impact).reduce(worstImpact, 'none'),
    changes: out.changes,
    errors: sortMessages(out.errors),
    warnings: sortMessages(out.warnings),
    notes: sortMessages(out.notes),
    desiredDigest: desiredDigest(desired),
    liveFingerprint: liveFingerprint(desired, live),
  };
}

export function summarize(changes: readonly Change[]): PlanSummary {
  const s = { add: 0, change: 0, delete: 0, adopt: 0, optOut: 0, jobsToStart: 0, deferred: 0, blocked: 0, outside: 0 };
  for (const c of changes) {
    // The applied record (R11.4) is bookkeeping that comes with other changes of its domain: not counted.
    if (c.kind === 'applied-record') continue;
    if (c.changedOutside) s.outside++;
    if (c.action === 'create') s.add++;
    else if (c.action === 'update') s.change++;
    else if (c.action === 'delete') s.delete++;
    else if (c.action === 'adopt') s.adopt++;
    else if (c.action === 'opt-out') s.optOut += c.speakerIds?.length ?? 0;
    else if (c.action === 'start') s.jobsToStart++;
    else if (c.action === 'deferred') s.deferred++;
    else s.blocked++;
  }
  return s;
}

function sortMessages(list: readonly PlanMessage[]): PlanMessage[] {
  const key = (m: PlanMessage) => `${m.address ?? ''}\u0000${m.code}\u0000${m.message}`;
  return [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
