/**
 * One plan comment per stack per pull request, created once and then edited in place ("sticky"), found again by
 * the hidden marker on its first line. Re-running with an identical body changes nothing (no edit notification).
 */
import type { GitHubApi, RepoRef } from './api.js';
import { composeBody } from './body.js';
import { hasMarker, planMarker, withoutMarker } from '../model/markers.js';

export interface PlanCommentInput {
  readonly repo: RepoRef;
  readonly pullNumber: number;
  readonly stack: string;
  /**
   * The rendered markdown plan (masked), with or without its marker line. It carries the comment's one footer
   * (`planProvenance` passed to the renderer): this module adds none.
   */
  readonly markdown: string;
  /** False when the plan has nothing to do: the comment then says so up front. */
  readonly hasChanges: boolean;
  /** Where the whole plan is, should the body still need cutting (src/github/full-plan.ts); default the saved plan file. */
  readonly fullPlanAt?: string;
}

/** True of every comment: it was rendered from a saved plan. */
export const SAVED_PLAN = 'the saved plan file (`plan --out FILE`)';

export type CommentOutcome =
  | { readonly kind: 'created'; readonly commentId: number; readonly url: string }
  | { readonly kind: 'updated'; readonly commentId: number; readonly url: string }
  | { readonly kind: 'unchanged'; readonly commentId: number; readonly url: string };

export async function upsertPlanComment(api: GitHubApi, input: PlanCommentInput): Promise<CommentOutcome> {
  const marker = planMarker(input.stack);
  const existing = await findComment(api, input.repo, input.pullNumber, marker);
  const body = composeBody({
    marker,
    ...banner(input, existing !== undefined),
    markdown: withoutMarker(input.markdown),
    fullPlanAt: input.fullPlanAt ?? SAVED_PLAN,
  });
  if (!existing) {
    const created = await api.createIssueComment(input.repo, input.pullNumber, body);
    return { kind: 'created', commentId: created.id, url: created.url };
  }
  if (existing.body === body) return { kind: 'unchanged', commentId: existing.id, url: existing.url };
  const updated = await api.updateIssueComment(input.repo, existing.id, body);
  return { kind: 'updated', commentId: updated.id, url: updated.url };
}

/** The oldest comment carrying the marker; pages are fetched only until it is found. */
async function findComment(api: GitHubApi, repo: RepoRef, pr: number, marker: string) {
  for await (const c of api.listIssueComments(repo, pr)) {
    if (hasMarker(c.body, marker)) return c;
  }
  return undefined;
}

function banner(input: PlanCommentInput, replacing: boolean): { banner?: string } {
  if (input.hasChanges) return {};
  return {
    banner: replacing
      ? `**No changes anymore.** The latest plan for stack \`${input.stack}\` finds nothing to do: the changes shown here before are no longer pending.`
      : `**No changes.** Live Voice ID state already matches stack \`${input.stack}\`.`,
  };
}

/** The first words of the comment's one footer (the renderer's): which commit was planned, in which run. */
export function planProvenance(o: { readonly sha?: string; readonly runUrl?: string }): string {
  const commit = o.sha ? ` for commit ${o.sha.slice(0, 7)}` : '';
  const run = o.runUrl ? ` in [this run](${o.runUrl})` : '';
  return `Planned by voiceid-gitops${commit}${run}.`;
}
