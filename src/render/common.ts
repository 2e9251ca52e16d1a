/** What the three renderings share: symbols, the closing line, value formatting, masking. */
import type { Change, ChangeAction, JsonValue, Plan, PlanMessage, PlanSummary } from '../model/plan.js';
import { kindModule } from '../kinds/registry.js';
import type { Redactor } from '../model/sensitive.js';

/** How a change is shown: its action, or that it does not run now. */
export type ShownAs = ChangeAction | 'deferred' | 'blocked';
export const shownAs = (c: Change): ShownAs => (c.blocked ? 'blocked' : c.deferred ? 'deferred' : c.action);

/** Terraform-like markers (CONTRACT §5). An opt-out changes speakers' status, so it reads as an update. */
export const SYMBOL: Readonly<Record<ShownAs, string>> = {
  create: '+',
  update: '~',
  delete: '-',
  adopt: '<=',
  'opt-out': '~',
  start: '+',
  deferred: '~',
  blocked: '!',
};

export const VERB: Readonly<Record<ShownAs, string>> = {
  create: 'will be created',
  update: 'will be updated in-place',
  delete: 'will be DELETED',
  adopt: 'will be adopted (imported)',
  'opt-out': 'will opt out speakers',
  start: 'will be started',
  deferred: 'is deferred',
  blocked: 'is blocked',
};

/** Numbers grouped as a reader expects them (100,000). */
/**
 * `n` with thousands separators, as `toLocaleString('en-US')` writes it. Integers (every count) by hand: the
 * locale formatter costs tens of microseconds a call, and apply's progress formats counts after every answer
 * (0.3 s of CPU in a 3,500-call apply).
 */
export const num = (n: number): string => (Number.isSafeInteger(n) ? String(n).replace(/\B(?=(\d{3})+$)/g, ',') : n.toLocaleString('en-US'));
export const plural = (n: number, word: string): string => (n === 1 ? word : `${word}s`);

/** A plan with errors opens with this line, before any count (failure first). */
export function failureLine(errors: number): string {
  return `Plan failed: ${num(errors)} ${plural(errors, 'error')} — nothing can be applied`;
}

export function closingLine(s: PlanSummary, hasAnyChange: boolean, errors = 0): string {
  const counts =
    `${num(s.add)} to add, ${num(s.change)} to change, ${num(s.delete)} to delete, ` +
    `${num(s.optOut)} ${plural(s.optOut, 'speaker')} to opt out, ${num(s.jobsToStart)} ${plural(s.jobsToStart, 'job')} to start` +
    `${s.adopt > 0 ? `, ${num(s.adopt)} to adopt` : ''}${s.deferred > 0 ? `, ${num(s.deferred)} deferred` : ''}${s.blocked > 0 ? `, ${num(s.blocked)} blocked` : ''}.`;
  if (hasAnyChange) return `Plan: ${counts}`;
  // With errors some domains were not planned at all, so "matches" would be a claim we cannot make.
  return errors > 0
    ? 'No changes planned: fix the errors to get a complete plan.'
    : 'No changes. Live Voice ID state matches the configuration.';
}

/** A scalar on one line; objects and arrays as compact JSON. */
export function formatValue(v: JsonValue | undefined): string {
  if (v === undefined) return '(none)';
  return JSON.stringify(v);
}

/** Objects, and arrays holding objects, are shown on several lines; a list of scalars stays on one line. */
export const isNested = (v: JsonValue | undefined): boolean =>
  v !== null && typeof v === 'object' && (!Array.isArray(v) || v.some((x) => x !== null && typeof x === 'object'));

export function maskIds(ids: readonly string[] | undefined, redactor: Redactor): readonly string[] {
  return (ids ?? []).map((id) => redactor.speaker(id));
}

/** The label of a change that also undoes a change made outside voiceid-gitops (PLAN.md §11). */
export function outsideLabel(c: Change): string {
  return c.changedOutside ? ` (changed outside voiceid-gitops: ${c.changedOutside.join(', ')})` : '';
}

/** The title line of a change: symbol, address, and what it is about. */
export function changeTitle(c: Change): string {
  return changeHead(c) + outsideLabel(c);
}

function changeHead(c: Change): string {
  // The domain itself shows its id (the kind whose address is the domain, src/kinds/types.ts).
  const id = c.domainId && kindModule(c.kind).address.shape === 'domain' ? ` (${c.domainId})` : '';
  if (c.action === 'opt-out') {
    const n = c.speakerIds?.length ?? 0;
    return `${SYMBOL[c.action]} ${c.address}: ${num(n)} ${plural(n, 'speaker')} to opt out`;
  }
  if (c.blocked) return `${SYMBOL.blocked} ${c.address}${id} blocked (would be: ${c.action})`;
  if (c.deferred) return `${SYMBOL[c.action]} ${c.address}${id} deferred (will be: ${c.action})`;
  return `${SYMBOL[c.action]} ${c.address}${id}`;
}

/** Digits of a list digest renderers print (PLAN.md R5.3); the saved plan holds all 64. */
export const SHORT_DIGEST = 12;

/**
 * The one line a reviewer checks an opt-out list by (PLAN.md R5.3): "100,000 ids from optouts/ivr-main.txt:
 * 57,719 to opt out, 42,281 already opted out, list sha256:3f2a9c1e0b7d". Undefined for a plan saved before
 * the summary existed.
 */
export function optOutSummary(c: Change): string | undefined {
  const parts = optOutSummaryParts(c);
  return parts && `${parts.counts}, ${parts.digest}`;
}

/** The same in two parts, for lines that must stay within 100 characters (the PR comment's code blocks). */
export function optOutSummaryParts(c: Change): { readonly counts: string; readonly digest: string } | undefined {
  const l = c.optOutList;
  if (!l) return undefined;
  const pending = c.speakerIds?.length ?? 0;
  const from = l.sources.length > 0 ? ` from ${l.sources.join(' and ')}` : ' declared';
  return {
    counts: `${num(l.declared)} ${plural(l.declared, 'id')}${from}: ${num(pending)} to opt out, ${num(l.alreadyOptedOut)} already opted out`,
    digest: `list sha256:${l.sha256.slice(0, SHORT_DIGEST)}`,
  };
}

export function messageLine(m: PlanMessage): string {
  return `${m.code}${m.address ? ` ${m.address}` : ''}: ${m.message}`;
}

/** Domain key -> its changes, keys in plan order. */
export function changesByDomain(plan: Plan): Map<string, Change[]> {
  const map = new Map<string, Change[]>();
  for (const c of plan.changes) map.set(c.domainKey, [...(map.get(c.domainKey) ?? []), c]);
  return map;
}

export const destructiveChanges = (plan: Plan): readonly Change[] => plan.changes.filter((c) => c.destructive);
