/**
 * The PR-comment rendering (CONTRACT §5 `--format markdown`): hidden sticky marker first, summary, destructive
 * changes and errors at the top, one `<details>` block per domain. GitHub rejects comments over 65,536
 * characters, so every section is added against a budget and whatever does not fit is summarised with a note
 * saying where the full plan is.
 */
import type { Change, Plan, PlanMessage } from '../model/plan.js';
import type { Redactor } from '../model/sensitive.js';
import { changeLines } from './change-lines.js';
import { changesByDomain, closingLine, failureLine, maskIds } from './common.js';
import { outsideLine, risks } from './risks.js';
import { style } from './style.js';
import { planMarker } from '../model/markers.js';

export const MARKDOWN_LIMIT = 65_536;
const MAX_LIST_ITEMS = 50;
const MAX_ITEM_CHARS = 600;
const MD_MAX_SPEAKER_IDS = 50;
const DEFAULT_FULL_PLAN = 'the saved plan file (`plan --out FILE`, uploaded as the workflow artifact)';

export interface MarkdownOptions {
  readonly redactor: Redactor;
  /** Where the reader finds the full plan, e.g. "the `voiceid-plan` artifact of this run". */
  readonly fullPlanLocation?: string;
  readonly limit?: number;
}


export function renderMarkdown(plan: Plan, o: MarkdownOptions): string {
  const limit = o.limit ?? MARKDOWN_LIMIT;
  const where = o.fullPlanLocation ?? DEFAULT_FULL_PLAN;
  // One footer, and it claims masking only when ids are masked.
  const masking = o.redactor.showSensitive ? 'Speaker ids are shown in full (--show-sensitive).' : 'Speaker ids are masked.';
  const footer = `\n<sub>${masking} The full plan is in ${where}.</sub>\n`;
  const truncatedNote = `\n> [!NOTE]\n> This comment is truncated to fit GitHub's comment limit; the full plan is in ${where}.\n`;
  const budget = limit - footer.length - truncatedNote.length;
  const parts: string[] = [header(plan)];
  let used = parts[0]?.length ?? 0;
  let truncated = false;
  const add = (section: string): boolean => {
    if (used + section.length > budget) return false;
    parts.push(section);
    used += section.length;
    return true;
  };
  for (const section of [messages('Errors — this plan cannot be applied', plan.errors, o.redactor, 'IMPORTANT'), riskSection(plan), counts(plan), messages('Warnings', plan.warnings, o.redactor)]) {
    if (section && !add(section)) truncated = true;
  }
  const domains = [...changesByDomain(plan).entries()];
  let shown = 0;
  for (const [key, changes] of domains) {
    if (!add(domainBlock(key, changes, o.redactor, MD_MAX_SPEAKER_IDS)) && !add(domainBlock(key, changes, o.redactor, 0))) break;
    shown++;
  }
  if (shown < domains.length) {
    truncated = true;
    add(`\n_${domains.length - shown} more domain(s) with changes are not shown here._\n`);
  }
  const notes = folded('Notes', plan.notes, o.redactor);
  if (notes && !add(notes)) truncated = true;
  const body = parts.join('') + (truncated ? truncatedNote : '') + footer;
  // Last line of defence: the sections above are budgeted, but never exceed the limit whatever happens.
  return body.length <= limit ? body : body.slice(0, limit - truncatedNote.length) + truncatedNote;
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
  const lines = changes.flatMap((c) => [...changeLines(c, { redactor, style: style(false), maxSpeakerIds, calls: false }), '']);
  const flags = changes.some((c) => c.destructive) ? ' — <b>destructive</b>' : changes.some((c) => c.action === 'blocked') ? ' — blocked changes' : '';
  // GitHub colours a diff block by the first column only, and only +, - and ! lines: the markers move there and
  // an update (~) or adopt (<=) reads ! as in other Terraform commenters.
  const code = lines
    .map((l) => l.replace(/^(\s*)([+\-~!]|<=) /, (_m, ws: string, sym: string) => `${sym === '~' || sym === '<=' ? '!' : sym}${ws} `))
    .flatMap((l) => wrap(l, MAX_CODE_LINE))
    .join('\n')
    .replace(/```/g, "'''")
    .trimEnd();
  return [
    '',
    `<details><summary><code>domain.${escapeHtml(key)}</code>: ${changes.length} change${changes.length === 1 ? '' : 's'}${flags}</summary>`,
    '',
    '```diff',
    code,
    '```',
    '',
    '</details>',
    '',
  ].join('\n');
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
