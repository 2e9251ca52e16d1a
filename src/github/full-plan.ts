/**
 * Where the whole masked plan is (issue 9, honest truncation): the job summary takes up to 1 MiB per step, so it
 * gets the whole markdown plan, and a comment cut to GitHub's 65,536 characters points there only when the
 * summary was written and holds everything; otherwise it names the saved plan file.
 */
import type { Plan } from '../model/plan.js';
import { redactor } from '../model/sensitive.js';
import { renderMarkdownResult, type MarkdownResult } from '../render/markdown.js';
import { STEP_SUMMARY_LIMIT } from './step-summary.js';

/** Room for the blank line appendStepSummary adds after the plan. */
const SUMMARY_ROOM = STEP_SUMMARY_LIMIT - 2;

/**
 * The plan for the job summary: masked, within 1 MiB of UTF-8 (GitHub counts bytes; the renderer counts
 * characters, so a plan heavy in multi-byte characters is re-rendered with a smaller character budget).
 */
export function summaryMarkdown(plan: Plan, savedPlanAt: string): MarkdownResult {
  let limit = SUMMARY_ROOM;
  let out = renderMarkdownResult(plan, { redactor: redactor(false), limit, fullPlanLocation: savedPlanAt });
  for (let i = 0; i < 5; i++) {
    const bytes = Buffer.byteLength(out.markdown);
    if (bytes <= SUMMARY_ROOM) return out;
    limit = Math.floor((limit * SUMMARY_ROOM * 0.98) / bytes);
    out = renderMarkdownResult(plan, { redactor: redactor(false), limit, fullPlanLocation: savedPlanAt });
  }
  return out;
}

/** The one sentence a cut comment or issue gives for where the whole plan is; true in each case. */
export function fullPlanAt(o: { readonly summaryHoldsAll: boolean; readonly runUrl?: string; readonly savedPlanAt: string }): string {
  if (!o.summaryHoldsAll) return o.savedPlanAt;
  return o.runUrl ? `the job summary of [this run](${o.runUrl})` : 'the job summary of this workflow run';
}
