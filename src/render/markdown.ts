/**
 * The PR-comment rendering (CONTRACT §5 `--format markdown`): hidden sticky marker first, summary, destructive
 * changes and errors at the top, one `<details>` block per domain. GitHub rejects comments over 65,536
 * characters, so every section is added against a budget and whatever does not fit is summarised with a note
 * saying where the full plan is.
 */
import { resourceAddress, type Change, type Plan, type PlanMessage } from '../model/plan.js';
import { kindModule } from '../kinds/registry.js';
import type { Redactor } from '../model/sensitive.js';
import { changeLines } from './change-lines.js';
import { changesByDomain, closingLine, failureLine, maskIds, num, plural, shownAs, type ShownAs } from './common.js';
import { outsideLine, risks, risksOf } from './risks.js';
import { trustLines } from './trust.js';
import { style } from './style.js';
import { planMarker } from '../model/markers.js';

export const MARKDOWN_LIMIT = 65_536;
const MAX_LIST_ITEMS = 50;
const MAX_ITEM_CHARS = 600;
const MD_MAX_SPEAKER_IDS = 50;
const DEFAULT_FULL_PLAN = 'the saved plan file (`plan --out FILE`)';

export interface MarkdownOptions {
  readonly redactor: Redactor;
  /** Where the reader finds the whole plan, e.g. "the job summary of [this run](URL)". Must be true. */
  readonly fullPlanLocation?: string;
  readonly limit?: number;
  /** The platform limit the truncation note names (default `limit`): a caller that keeps room for its own marker
   * renders to a smaller budget, but GitHub's limit is still 65,536. */
  readonly statedLimit?: number;
  /** What produced this rendering ("Planned by voiceid-gitops for commit abc1234 in [this run](URL)."), first in the one footer. */
  readonly provenance?: string;
}

/** A rendering and whether it had to leave anything out (the caller then must point at a place that holds it all). */
export interface MarkdownResult {
  readonly markdown: string;
  readonly truncated: boolean;
  /** Keys of the domains whose details were left out, in plan order. */
  readonly omittedDomains: readonly string[];
}

export function renderMarkdown(plan: Plan, o: MarkdownOptions): string {
  return renderMarkdownResult(plan, o).markdown;
}

export function renderMarkdownResult(plan: Plan, o: MarkdownOptions): MarkdownResult {
  const limit = o.limit ?? MARKDOWN_LIMIT;
  const where = o.fullPlanLocation ?? DEFAULT_FULL_PLAN;
  // One footer, and it claims masking only when ids are masked.
  const masking = o.redactor.showSensitive ? 'Speaker ids are shown in full (--show-sensitive).' : 'Speaker ids are masked.';
  const footer = `\n<sub>${o.provenance ? `${o.provenance} ` : ''}${masking}</sub>\n`;
  const truncatedNote = `\n> [!NOTE]\n> This comment is truncated to fit GitHub's ${num(o.statedLimit ?? limit)}-character limit; the whole plan is in ${where}.\n`;
  const budget = limit - footer.length - truncatedNote.length;
  const parts: string[] = [header(plan)];
  let used = parts[0]?.length ?? 0;
  let truncated = false;
  const add = (section: string, reserve = 0): boolean => {
    if (used + section.length + reserve > budget) return false;
    parts.push(section);
    used += section.length;
    return true;
  };
  for (const section of [messages('Errors — this plan cannot be applied', plan.errors, o.redactor, 'IMPORTANT'), riskSection(plan), trustSection(plan), counts(plan), messages('Warnings', plan.warnings, o.redactor)]) {
    if (section && !add(section)) truncated = true;
  }
  const omitted = placeDomains([...changesByDomain(plan).entries()], o.redactor, where, add);
  if (omitted.length > 0) truncated = true;
  const notes = folded('Notes', plan.notes, o.redactor);
  if (notes && !add(notes)) truncated = true;
  const body = parts.join('') + (truncated ? truncatedNote : '') + footer;
  // Last line of defence: the sections above are budgeted, but never exceed the limit whatever happens.
  const markdown = body.length <= limit ? body : body.slice(0, limit - truncatedNote.length) + truncatedNote;
  return { markdown, truncated: truncated || body.length > limit, omittedDomains: omitted };
}

/**
 * Adds each domain's block (its speaker ids dropped if that makes it fit) while the list of the domains still to
 * come fits after it: a cut comment names every domain whose details it leaves out, with its counts. Returns the
 * keys left out.
 */
function placeDomains(domains: ReadonlyArray<readonly [string, Change[]]>, redactor: Redactor, where: string, add: (s: string, reserve?: number) => boolean): string[] {
  const entries = domains.map(([key, changes]) => `- \`${escapeHtml(resourceAddress(key))}\`: ${domainCounts(changes)}\n`);
  // rest[i]: the size of the "not shown" section listing domains i.. (0 when none are left), with room for the
  // "… and N more" line, so that a domain block is added only if every domain after it can still be named.
  const rest = new Array<number>(domains.length + 1).fill(0);
  for (let i = domains.length - 1; i >= 0; i--) rest[i] = (rest[i + 1] || omittedHead(domains.length, where).length + MORE_LINE) + entries[i]!.length;
  let shown = 0;
  for (const [key, changes] of domains) {
    const reserve = rest[shown + 1] ?? 0;
    if (!add(domainBlock(key, changes, redactor, MD_MAX_SPEAKER_IDS), reserve) && !add(domainBlock(key, changes, redactor, 0), reserve)) break;
    shown++;
  }
  if (shown === domains.length) return [];
  const left = domains.slice(shown);
  const listed: string[] = [];
  for (const entry of entries.slice(shown)) {
    // Only thousands of domains make even the names not fit: then say how many more the full plan holds.
    const last = listed.length === left.length - 1;
    if (!add(listed.length === 0 ? omittedHead(left.length, where) + entry : entry, last ? 0 : MORE_LINE)) break;
    listed.push(entry);
  }
  if (listed.length < left.length) add(`- … and ${num(left.length - listed.length)} more domains: see ${where}\n`);
  return left.map(([key]) => key);
}

/** Room kept for "- … and N more domains: see WHERE". */
const MORE_LINE = 400;

function omittedHead(n: number, where: string): string {
  return `\n#### Not shown here: ${num(n)} ${plural(n, 'domain')}\n\nTheir details did not fit in this comment; the whole plan is in ${where}.\n\n`;
}

/** "3 changes: 1 to add, 120 speakers to opt out" for one domain, bookkeeping (the applied record) not counted (R11.4). */
function domainCounts(changes: readonly Change[]): string {
  const real = changes.filter(counted);
  // Counted as shown: a deferred or blocked change under that, not under its action (like the summary).
  const n = (shown: ShownAs) => real.filter((c) => shownAs(c) === shown).length;
  const optOut = real.reduce((sum, c) => sum + (c.action === 'opt-out' ? (c.speakerIds?.length ?? 0) : 0), 0);
  const parts = [
    [n('create'), 'to add'],
    [n('update'), 'to change'],
    [n('delete'), 'to DELETE'],
    [n('adopt'), 'to adopt'],
    [optOut, `${plural(optOut, 'speaker')} to opt out`],
    [n('start'), `${plural(n('start'), 'job')} to start`],
    [n('deferred'), 'deferred'],
    [n('blocked'), 'blocked'],
  ] as const;
  const what = parts.filter(([k]) => k > 0).map(([k, label]) => `${num(k)} ${label}`);
  return `${num(real.length)} ${plural(real.length, 'change')}${what.length > 0 ? `: ${what.join(', ')}` : ''}`;
}

/** A change the counts include: not bookkeeping (its kind's module says, src/kinds/types.ts). */
function counted(c: Change): boolean {
  return kindModule(c.kind).bookkeeping !== true;
}

function header(plan: Plan): string {
  // Failure first: a plan with errors says so before any count.
  const head = plan.errors.length > 0 ? failureLine(plan.errors.length) : closingLine(plan.summary, plan.changes.length > 0, 0);
  // PLAN.md R12.4: a targeted plan says so under the title.
  const targeted = plan.targets ? [`Targeted: only ${plan.targets.map((t) => `\`${t}\``).join(', ')} and what they need (\`--target\`).`, ''] : [];
  return [planMarker(plan.stack), `### voiceid-gitops plan: stack \`${plan.stack}\` (${plan.region})`, '', ...targeted, `**${head}**`, ''].join('\n');
}

/** With errors the counts come after them (the headline is the failure); otherwise the headline is the counts. */
function counts(plan: Plan): string | undefined {
  return plan.errors.length > 0 ? `\n${closingLine(plan.summary, plan.changes.length > 0, plan.errors.length)}\n` : undefined;
}

const MAX_RISKS = 30;

/** Every destructive, one-way or slow consequence, visible above the first <details> (CONTRACT §8). */
function riskSection(plan: Plan): string | undefined {
  const list = risks(plan);
  if (list.length === 0) return undefined;
  const severe = list.some((r) => r.kind === 'delete' || r.kind === 'kms' || r.kind === 'opt-out' || r.kind === 'outside');
  const items = list.slice(0, MAX_RISKS).map((r) => `> - \`${escapeHtml(r.subject)}\`: ${escapeHtml(r.detail)}`);
  if (list.length > MAX_RISKS) items.push(`> - … and ${list.length - MAX_RISKS} more consequences, listed with their domains below`);
  const outside = outsideLine(plan);
  return ['', `> [!${severe ? 'CAUTION' : 'NOTE'}]`, '> **What this plan does** (destructive, one-way or slow):', ...(outside ? [`> **${outside}**`, '>'] : []), ...items, ''].join('\n');
}

/** R12.5: what was trusted instead of read, never folded. */
function trustSection(plan: Plan): string | undefined {
  const lines = trustLines(plan);
  if (lines.length === 0) return undefined;
  return ['', '**Opt-out statuses** (what was read, what was trusted):', '', ...lines.map(([a, l]) => `- \`${escapeHtml(a)}\`: ${escapeHtml(l)}`), ''].join('\n');
}

/** Notes (job statuses, prune hints) are rarely news: folded. */
function folded(title: string, list: readonly PlanMessage[], redactor: Redactor): string | undefined {
  if (list.length === 0) return undefined;
  const items = list.slice(0, MAX_LIST_ITEMS).map((m) => `- ${item(m, redactor)}`);
  if (list.length > MAX_LIST_ITEMS) items.push(`- ... and ${list.length - MAX_LIST_ITEMS} more`);
  return ['', `<details><summary>${title} (${list.length})</summary>`, '', ...items, '', '</details>', ''].join('\n');
}

function messages(title: string, list: readonly PlanMessage[], redactor: Redactor, alert?: string): string | undefined {
  if (list.length === 0) return undefined;
  const prefix = alert ? '> ' : '';
  const items = list.slice(0, MAX_LIST_ITEMS).map((m) => `${prefix}- ${item(m, redactor)}`);
  if (list.length > MAX_LIST_ITEMS) items.push(`${prefix}- ... and ${list.length - MAX_LIST_ITEMS} more`);
  const head = alert ? ['', `> [!${alert}]`, `> **${title}:**`] : ['', `#### ${title}`, ''];
  return [...head, ...items, ''].join('\n');
}

function item(m: PlanMessage, redactor: Redactor): string {
  const ids = maskIds(m.speakerIds, redactor);
  const speakers = ids.length > 0 ? ` Speakers: ${ids.slice(0, 10).join(', ')}${ids.length > 10 ? `, ... (${ids.length} in all)` : ''}.` : '';
  const text = `\`${m.code}\`${m.address ? ` \`${m.address}\`` : ''}: ${escapeHtml(m.message)}${m.hint ? ` — _${escapeHtml(m.hint)}_` : ''}${speakers}`;
  return text.length > MAX_ITEM_CHARS ? `${text.slice(0, MAX_ITEM_CHARS)}…` : text;
}

function domainBlock(key: string, changes: readonly Change[], redactor: Redactor, maxSpeakerIds: number): string {
  const lines = changes.flatMap((c) => [...changeLines(c, { redactor, style: style(false), maxSpeakerIds, calls: false, reasons: false }), '']);
  const flags = changes.some((c) => c.destructive) ? ' — <b>destructive</b>' : changes.some((c) => c.blocked !== undefined) ? ' — blocked changes' : '';
  // GitHub colours a diff block by the first column only, and only +, - and ! lines: the markers move there and
  // an update (~) or adopt (<=) reads ! as in other Terraform commenters.
  const code = lines
    .map((l) => l.replace(/^(\s*)([+\-~!]|<=) /, (_m, ws: string, sym: string) => `${sym === '~' || sym === '<=' ? '!' : sym}${ws} `))
    .flatMap((l) => wrap(l, MAX_CODE_LINE))
    .join('\n')
    .replace(/```/g, "'''")
    .trimEnd();
  // Bookkeeping (the applied record, PLAN.md R11.4) is not counted in the summary: not counted here either.
  const n = changes.filter(counted).length;
  return [
    '',
    `<details><summary><code>${escapeHtml(resourceAddress(key))}</code>: ${n} change${n === 1 ? '' : 's'}${flags}</summary>`,
    '',
    '```diff',
    code,
    '```',
    ...reasonLines(changes),
    '',
    '</details>',
    '',
  ].join('\n');
}

/**
 * Why each change matters, one short markdown line each below the diff block (GitHub wraps them; inside the block
 * they were cut at its edge or wrapped into `#` lines nobody reads). Consequences that cannot be undone or take long
 * (one-way, destroy, a KMS re-encryption, a deferral) are marked as warnings.
 */
function reasonLines(changes: readonly Change[]): string[] {
  // A bookkeeping change's own line says what it is.
  const lines = changes.filter(counted).flatMap((c) => {
    const warn = c.impact === 'one-way' || c.impact === 'destroy' || risksOf(c).some((r) => r.kind === 'kms');
    const address = `\`${escapeHtml(c.address)}\``;
    return [
      ...(c.deferred ? [`- ⏳ ${address} deferred: ${escapeHtml(c.deferred.reason)}`] : []),
      ...c.reasons.map((r) => `- ${warn ? '⚠️ ' : ''}${address}: ${escapeHtml(r)}`),
    ];
  });
  return lines.length > 0 ? ['', ...lines] : [];
}

const MAX_CODE_LINE = 100;

/** Lines of a code block stay within 100 characters: longer ones continue on lines carrying the same marker. */
function wrap(line: string, max: number): string[] {
  if (line.length <= max) return [line];
  const mark = /^[+\-!]/.test(line) ? line[0]! : ' ';
  const comment = /^(\s*)#/.exec(line);
  const indent = comment ? `${comment[1] ?? ''}#   ` : `${mark}${' '.repeat(Math.min(12, line.slice(1).search(/\S|$/) + 4))}`;
  const out: string[] = [];
  let rest = line;
  while (rest.length > max) {
    const room = max - (out.length === 0 ? 0 : indent.length);
    let cut = rest.lastIndexOf(' ', room);
    if (cut <= room / 2) cut = room;
    out.push(out.length === 0 ? rest.slice(0, cut) : indent + rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^ /, '');
  }
  out.push(out.length === 0 ? rest : indent + rest);
  return out;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
