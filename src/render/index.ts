/**
 * render(plan, options) -> string. PURE and total: it never recomputes the plan and never throws (a renderer
 * bug degrades to a one-line fallback carrying the summary, so a CLI or CI step still says something true).
 */
import { assertNever } from '../model/assert-never.js';
import type { Plan } from '../model/plan.js';
import type { Redactor } from '../model/sensitive.js';
import { closingLine } from './common.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderText } from './text.js';

export type RenderFormat = 'text' | 'markdown' | 'json';

export interface RenderOptions {
  readonly format: RenderFormat;
  readonly redactor: Redactor;
  /** ANSI colour (text only); the CLI passes true only on a TTY without --no-color. */
  readonly color?: boolean;
  /** Markdown: where the full plan can be found when the comment is truncated. */
  readonly fullPlanLocation?: string;
}

export function render(plan: Plan, options: RenderOptions): string {
  try {
    switch (options.format) {
      case 'json':
        return renderJson(plan, options.redactor);
      case 'markdown':
        return renderMarkdown(plan, {
          redactor: options.redactor,
          ...(options.fullPlanLocation ? { fullPlanLocation: options.fullPlanLocation } : {}),
        });
      case 'text':
        return renderText(plan, options.redactor, options.color ?? false);
      default:
        return assertNever(options.format, 'render format');
    }
  } catch (e) {
    return fallback(plan, e);
  }
}

function fallback(plan: Plan, e: unknown): string {
  const why = e instanceof Error ? e.message : String(e);
  let summary: string;
  try {
    summary = closingLine(plan.summary, plan.changes.length > 0);
  } catch {
    summary = 'the plan summary is unavailable';
  }
  return `voiceid-gitops: the plan could not be rendered in full (${why}). ${summary}\n`;
}

export { serializePlan, renderJson, redactPlan } from './json.js';
export { renderMarkdown, renderMarkdownResult, MARKDOWN_LIMIT, type MarkdownResult } from './markdown.js';
export { renderText } from './text.js';
export { closingLine } from './common.js';
