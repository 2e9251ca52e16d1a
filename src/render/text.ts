/** The terminal rendering (CONTRACT §5 `--format text`): Terraform-like, colour only when asked. */
import type { Plan, PlanMessage } from '../model/plan.js';
import type { Redactor } from '../model/sensitive.js';
import { changeLines } from './change-lines.js';
import { closingLine, failureLine, maskIds, messageLine, num, plural } from './common.js';
import { outsideLine, risks } from './risks.js';
import { trustLines } from './trust.js';
import type { Style } from './style.js';
import { style as makeStyle } from './style.js';

/** Enough to review in a terminal; the saved plan always holds every id. */
const TEXT_MAX_SPEAKER_IDS = 1000;
const MESSAGE_MAX_SPEAKER_IDS = 20;

export function renderText(plan: Plan, redactor: Redactor, color: boolean): string {
  const s = makeStyle(color);
  // PLAN.md R12.4: a targeted plan says so first, like Terraform's "Resource targeting is in effect".
  const targeted = plan.targets ? [s.bold(`Targeted (--target ${plan.targets.join(' --target ')}): only these resources and what they need`)] : [];
  const out: string[] = [s.bold(`voiceid-gitops plan: stack "${plan.stack}", region ${plan.region}`), ...targeted, ''];
  // Failure first: the errors, before any count or change.
  if (plan.errors.length > 0) out.push(s.remove(s.bold(failureLine(plan.errors.length))), ...messageBlock('Errors', 'error', plan.errors, redactor, s));
  out.push(...riskBlock(plan, s));
  const trust = trustLines(plan);
  if (trust.length > 0) out.push(s.bold('Opt-out statuses (what was read, what was trusted):'), ...trust.map(([a, l]) => `  ${a}: ${l}`), '');
  if (plan.changes.length > 0) {
    out.push('Voice ID will perform the following actions:', '');
    for (const c of plan.changes) {
      out.push(...changeLines(c, { redactor, style: s, maxSpeakerIds: TEXT_MAX_SPEAKER_IDS }).map((l) => `  ${l}`), '');
    }
  }
  out.push(...messageBlock('Warnings', 'warning', plan.warnings, redactor, s));
  out.push(...noteBlock(plan.notes, redactor, s));
  out.push(s.bold(closingLine(plan.summary, plan.changes.length > 0, plan.errors.length)));
  if (plan.errors.length > 0) out.push(s.remove(`The plan has ${plan.errors.length} error(s): apply refuses it.`));
  return `${out.join('\n')}\n`;
}

/** The same consequences the PR comment shows above its details, one line each. */
function riskBlock(plan: Plan, s: Style): string[] {
  const list = risks(plan);
  if (list.length === 0) return [];
  const outside = outsideLine(plan);
  return [s.bold('What this plan does (destructive, one-way or slow):'), ...(outside ? [`  ${s.change(outside)}`] : []), ...list.map((r) => `  - ${r.subject}: ${r.detail}`), ''];
}

/** Notes that are news in full; settled ones (jobs that ended) as one count line, as markdown folds them. */
function noteBlock(notes: readonly PlanMessage[], redactor: Redactor, s: Style): string[] {
  const news = notes.filter((m) => !m.settled);
  const settled = notes.length - news.length;
  const block = messageBlock('Notes', 'note', news, redactor, s);
  if (settled === 0) return block;
  const line = `  ${s.dim(`${num(settled)} ${plural(settled, 'note')} about finished jobs not shown (--format json lists them)`)}`;
  return block.length > 0 ? [...block.slice(0, -1), line, ''] : [s.bold('Notes:'), line, ''];
}

function messageBlock(title: string, severity: string, list: readonly PlanMessage[], redactor: Redactor, s: Style): string[] {
  if (list.length === 0) return [];
  const paint = severity === 'error' ? s.remove : severity === 'warning' ? s.change : s.dim;
  const lines = [s.bold(`${title}:`)];
  for (const m of list) {
    lines.push(`  ${paint(severity)} ${messageLine(m)}`);
    if (m.hint) lines.push(`    hint: ${m.hint}`);
    const ids = maskIds(m.speakerIds, redactor);
    if (ids.length > 0) {
      const shown = ids.slice(0, MESSAGE_MAX_SPEAKER_IDS).join(', ');
      const more = ids.length > MESSAGE_MAX_SPEAKER_IDS ? `, ... and ${ids.length - MESSAGE_MAX_SPEAKER_IDS} more` : '';
      lines.push(`    speakers: ${shown}${more}`);
    }
  }
  return [...lines, ''];
}
