/**
 * GitHubApi over the REST API with @octokit/rest: pagination, GitHub Enterprise base URLs, and one retry hook
 * for rate limits and transient 5xx answers whose sleep and clock are injected (tests never wait).
 */
import { Octokit } from '@octokit/rest';
import type { GitHubApi, Issue, IssueComment, IssueUpdate, RepoRef } from './api.js';
import { formatRepo } from './api.js';
import { failedResponseOf, githubError, type GitHubCallContext } from './errors.js';
import { DEFAULT_RETRY_POLICY, retryDecision, type RetryPolicy } from './rate-limit.js';

export interface GitHubClientOptions {
  readonly token: string;
  /** `GITHUB_API_URL`: https://api.github.com, or https://HOST/api/v3 on GitHub Enterprise Server. */
  readonly baseUrl: string;
  readonly userAgent: string;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
  readonly retry?: RetryPolicy;
}

const PR_WRITE = 'pull-requests: write';
const ISSUES_WRITE = 'issues: write';
const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

export function createGitHubApi(options: GitHubClientOptions): GitHubApi {
  const octokit = new Octokit({ auth: options.token, baseUrl: options.baseUrl.replace(/\/+$/, ''), userAgent: options.userAgent, log: silent });
  const giveUpWait = installRetryHook(octokit, options);
  const translate = (e: unknown, ctx: GitHubCallContext) => githubError(e, ctx, typeof e === 'object' && e !== null ? giveUpWait.get(e) : undefined);

  const call = async <T>(ctx: GitHubCallContext, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      throw translate(e, ctx);
    }
  };
  async function* paged<T, R>(ctx: GitHubCallContext, pages: AsyncIterable<{ data: readonly R[] }>, map: (r: R) => T | undefined): AsyncIterable<T> {
    try {
      for await (const page of pages) {
        for (const item of page.data) {
          const mapped = map(item);
          if (mapped !== undefined) yield mapped;
        }
      }
    } catch (e) {
      throw translate(e, ctx);
    }
  }

  const r = (repo: RepoRef) => ({ owner: repo.owner, repo: repo.name });
  return {
    listIssueComments: (repo, n) =>
      paged(
        { operation: 'list the comments of', target: `#${n} in ${formatRepo(repo)}`, permission: PR_WRITE },
        octokit.paginate.iterator(octokit.rest.issues.listComments, { ...r(repo), issue_number: n, per_page: 100 }),
        toComment,
      ),
    createIssueComment: (repo, n, body) =>
      call({ operation: 'comment on', target: `#${n} in ${formatRepo(repo)}`, permission: PR_WRITE }, async () =>
        toComment((await octokit.rest.issues.createComment({ ...r(repo), issue_number: n, body })).data)),
    updateIssueComment: (repo, id, body) =>
      call({ operation: 'update comment', target: `${id} in ${formatRepo(repo)}`, permission: PR_WRITE }, async () =>
        toComment((await octokit.rest.issues.updateComment({ ...r(repo), comment_id: id, body })).data)),
    listOpenIssues: (repo, label) =>
      paged(
        { operation: 'list the open issues labelled', target: `${label} in ${formatRepo(repo)}`, permission: ISSUES_WRITE },
        octokit.paginate.iterator(octokit.rest.issues.listForRepo, { ...r(repo), state: 'open', labels: label, per_page: 100, sort: 'created', direction: 'asc' }),
        (i) => ('pull_request' in i && i.pull_request ? undefined : toIssue(i)),
      ),
    createIssue: (repo, issue) =>
      call({ operation: 'open an issue in', target: formatRepo(repo), permission: ISSUES_WRITE }, async () =>
        toIssue((await octokit.rest.issues.create({ ...r(repo), title: issue.title, body: issue.body, labels: [...issue.labels] })).data)),
    updateIssue: (repo, n, update) =>
      call({ operation: 'update issue', target: `#${n} in ${formatRepo(repo)}`, permission: ISSUES_WRITE }, async () =>
        toIssue((await octokit.rest.issues.update({ ...r(repo), issue_number: n, ...issuePatch(update) })).data)),
  };
}

/**
 * Retries rate-limited and transient 5xx requests (pages included) with the injected sleep. Returns, for each
 * error finally thrown, how long the limit would still last, so the error message can say when to retry.
 */
function installRetryHook(octokit: Octokit, options: GitHubClientOptions): WeakMap<object, number> {
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  const giveUpWait = new WeakMap<object, number>();
  octokit.hook.wrap('request', async (request, requestOptions) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await request(requestOptions);
      } catch (e) {
        const failed = failedResponseOf(e);
        if (!failed) throw e;
        const decision = retryDecision(failed, attempt, policy, options.now());
        if (decision.kind === 'retry') {
          await options.sleep(decision.delayMs);
          continue;
        }
        if (decision.resetInMs !== undefined && typeof e === 'object' && e !== null) giveUpWait.set(e, decision.resetInMs);
        throw e;
      }
    }
  });
  return giveUpWait;
}

function issuePatch(u: IssueUpdate): { title?: string; body?: string; state?: 'open' | 'closed'; state_reason?: 'completed' | 'not_planned' | 'reopened' } {
  return {
    ...(u.title === undefined ? {} : { title: u.title }),
    ...(u.body === undefined ? {} : { body: u.body }),
    ...(u.state === undefined ? {} : { state: u.state }),
    ...(u.stateReason === undefined ? {} : { state_reason: u.stateReason }),
  };
}

function toComment(c: { id: number; body?: string | null; html_url: string }): IssueComment {
  return { id: c.id, body: c.body ?? '', url: c.html_url };
}

function toIssue(i: { number: number; title: string; body?: string | null; html_url: string; state: string }): Issue {
  return { number: i.number, title: i.title, body: i.body ?? '', url: i.html_url, state: i.state === 'closed' ? 'closed' : 'open' };
}
