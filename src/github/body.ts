/**
 * Builds comment and issue bodies: marker line, optional banner, the rendered plan, a footer pointing at the
 * run. GitHub refuses bodies over 65,536 characters; the renderer already stays under it, but the banner and
 * footer we add must not push a body over, so the plan part is cut at a line boundary with a note saying where
 * the full plan is, closing any code fence or <details> block the cut left open.
 */

export const GITHUB_BODY_LIMIT = 65_536;

/** Characters a caller should leave free for the marker, banner and footer this module adds around a plan. */
export const BODY_OVERHEAD = 1_024;

export interface BodyParts {
  readonly marker: string;
  readonly banner?: string;
  /** The rendered plan, its own marker line already removed. */
  readonly markdown: string;
  readonly footer?: string;
  /** Where the untruncated plan is, for the truncation note. */
  readonly fullPlanAt: string;
}

export function composeBody(parts: BodyParts, limit: number = GITHUB_BODY_LIMIT): string {
  const head = [parts.marker, ...(parts.banner ? [parts.banner, ''] : [])].join('\n') + '\n';
  const tail = parts.footer ? `\n\n${parts.footer}\n` : '\n';
  const plan = parts.markdown.trim();
  if (length(head) + length(plan) + length(tail) <= limit) return head + plan + tail;
  const note = `\n\n> **Plan truncated** to fit GitHub's ${limit.toLocaleString('en-US')}-character limit. The full plan is in ${parts.fullPlanAt}.`;
  // Closers for what the cut may leave open, budgeted up front: at most one fence and a few <details>.
  const budget = limit - length(head) - length(tail) - length(note) - 64;
  const cut = closeOpenBlocks(cutAtLine(plan, Math.max(0, budget - 200)), budget);
  return head + cut + note + tail;
}

/** GitHub counts characters; UTF-16 code units are never fewer than characters, so this never undercounts. */
function length(text: string): number {
  return text.length;
}

function cutAtLine(text: string, max: number): string {
  if (text.length <= max) return text;
  const nl = text.lastIndexOf('\n', max);
  return nl > 0 ? text.slice(0, nl) : text.slice(0, max);
}

function closeOpenBlocks(text: string, budget: number): string {
  let out = text;
  const fences = (out.match(/^\s*```/gm) ?? []).length;
  if (fences % 2 === 1) out += '\n```';
  const opened = (out.match(/<details>/g) ?? []).length - (out.match(/<\/details>/g) ?? []).length;
  for (let i = 0; i < opened; i++) out += '\n</details>';
  // Extremely nested input could exceed the reserve: cut harder rather than break the limit.
  return out.length <= budget ? out : out.slice(0, Math.max(0, budget));
}
