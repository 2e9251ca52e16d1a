/** The GitHub integration: sticky PR comment, job summary, drift issues and IAM policies. */
export type { GitHubApi, Issue, IssueComment, RepoRef } from './api.js';
export { formatRepo, parseRepo } from './api.js';
export { githubContext, pullRequestNumber, pullRequestOf, type Env, type GitHubContext, type PullRequestRef } from './context.js';
export { createGitHubApi, type GitHubClientOptions } from './octokit-api.js';
export { upsertPlanComment, planProvenance, type CommentOutcome, type PlanCommentInput } from './sticky-comment.js';
export { DEFAULT_DRIFT_LABEL, DRIFT_PROVENANCE, syncDriftIssue, driftTitle, type DriftInput, type DriftOutcome } from './drift-issue.js';
export { appendStepSummary } from './step-summary.js';
export { fullPlanAt, summaryMarkdown } from './full-plan.js';
export { iamPolicy, type IamPolicyOptions, type PolicyDocument } from './iam-policy.js';
export { BODY_OVERHEAD, GITHUB_BODY_LIMIT } from './body.js';
export { planMarker, driftMarker } from '../model/markers.js';
