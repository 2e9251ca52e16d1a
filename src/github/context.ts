/**
 * Where a GitHub command runs, read from the Actions environment (passed in, never process.env): token,
 * repository, API base URL (GitHub Enterprise Server sets GITHUB_API_URL), the pull request of the event, and a
 * link back to this run for comments and issues.
 */
import { PR_OF_BRANCH, REPO_OF_CHECKOUT, type RerunHint } from '../model/command-line.js';
import { userError } from '../model/errors.js';
import { parseRepo, type RepoRef } from './api.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface GitHubContext {
  readonly token: string;
  readonly apiUrl: string;
  readonly repo: RepoRef;
  /** https://github.com/OWNER/REPO/actions/runs/ID when running in Actions. */
  readonly runUrl?: string;
  /** The commit the workflow run is about (GITHUB_SHA). */
  readonly sha?: string;
}

export function githubContext(env: Env, repoOverride?: string): GitHubContext {
  const token = env.GITHUB_TOKEN?.trim();
  if (!token) {
    throw userError('GITHUB_TOKEN_MISSING', 'GITHUB_TOKEN is not set', {
      say: (c) => `in a workflow, give the step \`env: GITHUB_TOKEN: \${{ github.token }}\`; locally, run \`export GITHUB_TOKEN="$(gh auth token)"\`, then ${c}`,
    });
  }
  const repoText = repoOverride ?? env.GITHUB_REPOSITORY;
  if (!repoText) throw userError('GITHUB_REPOSITORY_MISSING', 'no repository: GITHUB_REPOSITORY is not set', { add: ['--repo', REPO_OF_CHECKOUT], say: (c) => `name the repository (here: the one gh finds for the working directory): ${c}` });
  const repo = parseRepo(repoText);
  if (!repo) throw userError('GITHUB_REPOSITORY_INVALID', `"${repoText}" is not a repository (expected OWNER/NAME)`);
  const apiUrl = (env.GITHUB_API_URL?.trim() || 'https://api.github.com').replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+/.test(apiUrl)) throw userError('GITHUB_API_URL_INVALID', `GITHUB_API_URL "${apiUrl}" is not an http(s) URL`);
  const server = (env.GITHUB_SERVER_URL?.trim() || 'https://github.com').replace(/\/+$/, '');
  const runId = env.GITHUB_RUN_ID?.trim();
  return {
    token,
    apiUrl,
    repo,
    ...(runId ? { runUrl: `${server}/${repo.owner}/${repo.name}/actions/runs/${runId}` } : {}),
    ...(env.GITHUB_SHA ? { sha: env.GITHUB_SHA } : {}),
  };
}

export interface PullRequestRef {
  readonly number: number;
  /**
   * The head commit of the pull request, from the event payload. On `pull_request` runs GITHUB_SHA is GitHub's
   * test merge commit, which reviewers never see; the head commit is the one they recognise.
   */
  readonly headSha?: string;
}

/**
 * The pull request number: `--pr` wins; otherwise the `pull_request` (or `pull_request_target`, or a comment on a
 * pull request) event payload at GITHUB_EVENT_PATH.
 */
export async function pullRequestNumber(env: Env, readFile: (path: string) => Promise<string>, override?: number): Promise<number> {
  return (await pullRequestOf(env, readFile, override)).number;
}

/** The pull request of this run (see pullRequestNumber), with its head commit when the payload has one. */
export async function pullRequestOf(env: Env, readFile: (path: string) => Promise<string>, override?: number): Promise<PullRequestRef> {
  if (override !== undefined) return { number: override };
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const eventPath = env.GITHUB_EVENT_PATH;
  const notPr = () =>
    userError(
      'GITHUB_NOT_A_PULL_REQUEST',
      eventName ? `this run was triggered by a \`${eventName}\` event, which has no pull request` : 'not running for a pull request (no GITHUB_EVENT_PATH)',
      { ...PASS_PR, say: (c) => `run it on \`pull_request\` events, or name the pull request (here: the one of the checked-out branch): ${c}` },
    );
  if (!eventPath) throw notPr();
  let payload: unknown;
  try {
    payload = JSON.parse(await readFile(eventPath));
  } catch (e) {
    const reason = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw userError('GITHUB_EVENT_UNREADABLE', `cannot read the event payload at GITHUB_EVENT_PATH (${reason})`, {
      ...PASS_PR,
      say: (c) => `name the pull request (here: the one of the checked-out branch): ${c}`,
    });
  }
  const number = prNumberOf(payload);
  if (number === undefined) throw notPr();
  const headSha = (payload as { pull_request?: { head?: { sha?: unknown } } }).pull_request?.head?.sha;
  return typeof headSha === 'string' && headSha !== '' ? { number, headSha } : { number };
}

/** The failed command with the pull request of the checked-out branch, as gh finds it. */
const PASS_PR: Omit<RerunHint, 'say'> = { add: ['--pr', PR_OF_BRANCH] };

function prNumberOf(payload: unknown): number | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const p = payload as { pull_request?: { number?: unknown }; issue?: { number?: unknown; pull_request?: unknown } };
  if (typeof p.pull_request?.number === 'number') return p.pull_request.number;
  if (p.issue?.pull_request && typeof p.issue.number === 'number') return p.issue.number;
  return undefined;
}
