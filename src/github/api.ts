/**
 * The narrow GitHub surface the rest of the code depends on (like aws-cdk's ICloudFormationClient): issue
 * comments and issues, nothing else. octokit-api.ts implements it over the REST API; the sticky comment and the
 * drift issue logic only see this interface.
 */

export interface RepoRef {
  readonly owner: string;
  readonly name: string;
}

export interface IssueComment {
  readonly id: number;
  readonly body: string;
  readonly url: string;
}

export interface Issue {
  readonly number: number;
  readonly title: string;
  readonly body: string;
  readonly url: string;
  readonly state: 'open' | 'closed';
}

export interface IssueUpdate {
  readonly title?: string;
  readonly body?: string;
  readonly state?: 'open' | 'closed';
  readonly stateReason?: 'completed' | 'not_planned' | 'reopened';
}

export interface GitHubApi {
  /** Comments of an issue or pull request, oldest first, fetched page by page as the caller iterates. */
  listIssueComments(repo: RepoRef, issueNumber: number): AsyncIterable<IssueComment>;
  createIssueComment(repo: RepoRef, issueNumber: number, body: string): Promise<IssueComment>;
  updateIssueComment(repo: RepoRef, commentId: number, body: string): Promise<IssueComment>;
  /** Open issues (never pull requests) carrying the label, oldest first, page by page. */
  listOpenIssues(repo: RepoRef, label: string): AsyncIterable<Issue>;
  createIssue(repo: RepoRef, issue: { readonly title: string; readonly body: string; readonly labels: readonly string[] }): Promise<Issue>;
  updateIssue(repo: RepoRef, issueNumber: number, update: IssueUpdate): Promise<Issue>;
}

export function parseRepo(text: string): RepoRef | undefined {
  const m = /^([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\/([A-Za-z0-9._-]+)$/.exec(text.trim());
  return m ? { owner: m[1] as string, name: m[2] as string } : undefined;
}

export function formatRepo(repo: RepoRef): string {
  return `${repo.owner}/${repo.name}`;
}
