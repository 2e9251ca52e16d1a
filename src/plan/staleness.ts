/**
 * The one staleness rule of a saved plan (APPLY.md A1.7): planning is deterministic, so a saved plan is current
 * exactly when a fresh plan from the same YAML and the live state as it is now equals it, the whole document but
 * its volatile members. What differs is told as paths (`summary.optOut`, `changes[domain.support.tags].after.team`),
 * never values: a value may be a speaker id.
 */
import type { Change, Plan } from '../model/plan.js';
import { kindModule } from '../kinds/registry.js';
import { canonicalJson } from './canonical.js';

/**
 * Members a fresh plan may have otherwise without the saved one being stale: `integrity` (the seal), `source` (where
 * the YAML was read: apply loads exactly those paths), `warnings` and `notes` (job progress, undeclared speakers
 * seen with --scan-speakers: they move with time and are shown from the fresh plan). `redacted` plans are refused
 * before this.
 */
export const VOLATILE_PLAN_MEMBERS = ['integrity', 'source', 'warnings', 'notes', 'redacted', 'trust'] as const;

/**
 * The part of a plan that must equal a fresh plan's. `trust` (PLAN.md R13.5) says how the opt-out statuses were
 * learnt, not what they are: the statuses show in the changes. Each change is compared as its kind's module says
 * (`comparable`, src/kinds/types.ts): without what moves with time alone (the record's evidence, R13.6; a deleted
 * domain's `speakerCount`, R8.3).
 */
export function comparablePlan(plan: Plan): Record<string, unknown> {
  const out: Record<string, unknown> = { ...plan, changes: plan.changes.map(comparableChange) };
  for (const k of VOLATILE_PLAN_MEMBERS) delete out[k];
  return out;
}

function comparableChange(c: Change): unknown {
  return kindModule(c.kind).comparable?.(c) ?? c;
}

export interface PlanDifference {
  /** The first differing paths, in document order. */
  readonly paths: readonly string[];
  /** How many more differ beyond `paths`. */
  readonly more: number;
}

/** Undefined when the saved plan is current; else where it differs from the fresh one. */
export function planDifference(saved: Plan, fresh: Plan, max = 5): PlanDifference | undefined {
  const a = comparablePlan(saved);
  const b = comparablePlan(fresh);
  if (canonicalJson(a) === canonicalJson(b)) return undefined;
  const all: string[] = [];
  diff(JSON.parse(canonicalJson(a)) as unknown, JSON.parse(canonicalJson(b)) as unknown, '', all);
  // Canonical JSON differed, so some path does; the root stands in if the walk could not name one.
  const paths = all.length > 0 ? all : ['(the document)'];
  return { paths: paths.slice(0, max), more: Math.max(0, paths.length - max) };
}

/** `changes[domain.a.tags].after.team (only in the saved plan), summary.add and 2 more`. */
export function describeDifference(d: PlanDifference): string {
  return `${d.paths.join(', ')}${d.more > 0 ? ` and ${d.more} more` : ''}`;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function diff(a: unknown, b: unknown, path: string, out: string[]): void {
  if (Array.isArray(a) && Array.isArray(b)) return diffArrays(a as Json[], b as Json[], path, out);
  if (isObject(a) && isObject(b)) {
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])]) {
      const p = path === '' ? k : `${path}.${k}`;
      if (!Object.hasOwn(b, k)) out.push(`${p} (only in the saved plan)`);
      else if (!Object.hasOwn(a, k)) out.push(`${p} (only in a fresh plan)`);
      else diff(a[k], b[k], p, out);
    }
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push(path);
}

/** Changes are matched by address (an inserted change is one difference, not a shift of every later one). */
function diffArrays(a: Json[], b: Json[], path: string, out: string[]): void {
  const addressed = (l: Json[]) => l.every((x) => isObject(x) && typeof x['address'] === 'string') && new Set(l.map((x) => (x as { address: string }).address)).size === l.length;
  if (path === 'changes' && addressed(a) && addressed(b)) {
    const key = (x: Json) => (x as { address: string }).address;
    const before = out.length;
    const fresh = new Map(b.map((x) => [key(x), x]));
    const saved = new Set(a.map(key));
    for (const x of a) {
      const y = fresh.get(key(x));
      if (y === undefined) out.push(`changes[${key(x)}] (only in the saved plan)`);
      else diff(x, y, `changes[${key(x)}]`, out);
    }
    for (const y of b) if (!saved.has(key(y))) out.push(`changes[${key(y)}] (only in a fresh plan)`);
    if (out.length === before && JSON.stringify(a.map(key)) !== JSON.stringify(b.map(key))) out.push('changes (their order)');
    return;
  }
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const p = `${path}[${i}]`;
    if (i >= b.length) out.push(`${p} (only in the saved plan)`);
    else if (i >= a.length) out.push(`${p} (only in a fresh plan)`);
    else diff(a[i], b[i], p, out);
  }
}

function isObject(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
