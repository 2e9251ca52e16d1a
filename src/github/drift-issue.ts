/**
 * One open drift issue per stack, found by its label and the hidden marker on its first line. A scheduled plan
 * with changes opens it (or refreshes its body); a clean plan closes it with a comment saying why.
 */
import type { GitHubApi, Issue, RepoRef } from './api.js';
import { composeBody } from './body.js';
import { driftMarker, hasMarker, withoutMarker } from '../model/markers.js';

export const DEFAULT_DRIFT_LABEL = 'voiceid-drift';

/** The first words of the drift issue's one footer (the renderer's). */
export const DRIFT_PROVENANCE = 'Maintained by voiceid-gitops drift detection: edits to this body are overwritten.';

export interface DriftInput {
  readonly repo: RepoRef;
  readonly stack: string;
  /**
   * The rendered markdown plan, masked (issues are often more widely visible than the plan artifact), with its one
   * footer (`DRIFT_PROVENANCE` passed to the renderer): this module adds none.
   */
  readonly markdown: string;
  /** Where the whole plan is, should the body still need cutting (src/github/full-plan.ts). */
  readonly fullPlanAt: string;
  readonly drifted: boolean;
  /** Deferred changes of a plan that has nothing else: pending work (the next apply starts them), not drift. */
  readonly pending?: number;
  readonly label: string;
  readonly runUrl?: string;
}

export type DriftOutcome =
  | { readonly kind: 'opened' | 'updated' | 'unchanged' | 'closed'; readonly issueNumber: number; readonly url: string }
  | { readonly kind: 'none' };

export async function syncDriftIssue(api: GitHubApi, input: DriftInput): Promise<DriftOutcome> {
  const marker = driftMarker(input.stack);
  const open = await findIssue(api, input.repo, input.label, marker);
  if (!input.drifted) return open ? close(api, input, open) : { kind: 'none' };
  const body = composeBody({
    marker,
    banner: `Drift detected: live Voice ID state no longer matches the desired state of stack \`${input.stack}\`${input.runUrl ? ` ([scheduled run](${input.runUrl}))` : ''}. Merge a change to the YAML, or re-apply it, to resolve it; this issue closes itself when a scheduled plan is clean.`,
    markdown: withoutMarker(input.markdown),
    fullPlanAt: input.fullPlanAt,
  });
  if (!open) {
    const created = await api.createIssue(input.repo, { title: driftTitle(input.stack), body, labels: [input.label] });
    return { kind: 'opened', issueNumber: created.number, url: created.url };
  }
  if (open.body === body) return { kind: 'unchanged', issueNumber: open.number, url: open.url };
  const updated = await api.updateIssue(input.repo, open.number, { body });
  return { kind: 'updated', issueNumber: updated.number, url: updated.url };
}

export function driftTitle(stack: string): string {
  return `Voice ID drift in stack ${stack}`;
}

async function close(api: GitHubApi, input: DriftInput, issue: Issue): Promise<DriftOutcome> {
  const where = input.runUrl ? `[the scheduled plan](${input.runUrl})` : 'the scheduled plan';
  const n = input.pending ?? 0;
  const finds = n > 0 ? `finds only ${n.toLocaleString('en-US')} deferred change${n === 1 ? '' : 's'} (pending work Voice ID accepts later: the next apply starts them)` : 'finds no changes';
  await api.createIssueComment(input.repo, issue.number, `No drift anymore: ${where} for stack \`${input.stack}\` ${finds}. Closing.`);
  const closed = await api.updateIssue(input.repo, issue.number, { state: 'closed', stateReason: 'completed' });
  return { kind: 'closed', issueNumber: closed.number, url: closed.url };
}

async function findIssue(api: GitHubApi, repo: RepoRef, label: string, marker: string): Promise<Issue | undefined> {
  for await (const issue of api.listOpenIssues(repo, label)) {
    if (hasMarker(issue.body, marker)) return issue;
  }
  return undefined;
}
