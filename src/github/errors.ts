/**
 * GitHub failures as one-line GitopsErrors that tell the user what to fix. The token never appears: messages are
 * built from the status, the operation and GitHub's own message only (octokit/request-error redacts headers,
 * and we do not print the request at all).
 */
import type { RerunHint } from '../model/command-line.js';
import { GitopsError } from '../model/errors.js';
import { isRateLimited, type FailedResponse } from './rate-limit.js';

/** What was being attempted, for the message: e.g. `list comments of pull request #7 in acme/voice`. */
export interface GitHubCallContext {
  readonly operation: string;
  readonly target: string;
  /** The workflow permission the call needs, e.g. `pull-requests: write`. */
  readonly permission: string;
}

/** The fields of an octokit RequestError we use, read structurally so no transitive package is imported. */
export function failedResponseOf(e: unknown): FailedResponse | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const status = (e as { status?: unknown }).status;
  if (typeof status !== 'number') return undefined;
  const response = (e as { response?: { headers?: Record<string, string | number | undefined>; data?: unknown } }).response;
  const data = response?.data;
  const dataMessage = typeof data === 'object' && data !== null ? (data as { message?: unknown }).message : undefined;
  const message = typeof dataMessage === 'string' ? dataMessage : e instanceof Error ? e.message : '';
  return { status, headers: response?.headers ?? {}, message };
}

export function githubError(e: unknown, call: GitHubCallContext, resetInMs?: number): GitopsError {
  if (e instanceof GitopsError) return e;
  const r = failedResponseOf(e);
  const what = `${call.operation} ${call.target}`;
  if (!r || isConnectionFailure(e)) {
    const reason = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return new GitopsError('GITHUB_UNREACHABLE', `cannot reach the GitHub API to ${what}: ${reason}`, 'internal', {
      hint: 'check GITHUB_API_URL and the network of the runner',
      cause: e,
    });
  }
  const said = r.message ? ` (GitHub said: ${oneLine(r.message)})` : '';
  if (isRateLimited(r)) {
    const wait = resetInMs === undefined ? '' : `; the limit resets in about ${Math.ceil(resetInMs / 60_000)} min`;
    return githubFailure('GITHUB_RATE_LIMITED', `GitHub rate limit hit while trying to ${what}${wait}`, r, e, {
      say: (c) => `wait for the limit to reset, then run ${c} again (in a workflow: re-run the failed job)`,
    });
  }
  switch (r.status) {
    case 401:
      return githubFailure('GITHUB_UNAUTHORIZED', `GitHub rejected the token (401) while trying to ${what}${said}`, r, e,
        'GITHUB_TOKEN is expired or not a token: pass `${{ github.token }}` or a valid token');
    case 403:
      return githubFailure('GITHUB_FORBIDDEN', `the token needs \`${call.permission}\` to ${what} (403)${said}`, r, e,
        `add \`permissions: ${call.permission}\` to the workflow job`);
    case 404:
      return githubFailure('GITHUB_NOT_FOUND', `GitHub found nothing to ${what} (404)${said}`, r, e,
        'check the repository and number, and that the token can see the repository');
    case 422:
      return githubFailure('GITHUB_REJECTED', `GitHub refused to ${what} (422)${said}`, r, e);
    default:
      return githubFailure('GITHUB_API_ERROR', `GitHub answered ${r.status} while trying to ${what}${said}`, r, e);
  }
}

/**
 * octokit reports a request that never got an answer (refused, DNS, reset) as a RequestError with status 500 and
 * no response; it is retried like a 5xx, but GitHub did not "answer 500", so it is reported as unreachable.
 */
function isConnectionFailure(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { status?: unknown }).status === 500 && (e as { response?: unknown }).response === undefined;
}

function githubFailure(code: string, message: string, r: FailedResponse, cause: unknown, hint?: string | RerunHint): GitopsError {
  const requestId = r.headers['x-github-request-id'];
  return new GitopsError(code, message, 'user', {
    ...(hint === undefined ? {} : typeof hint === 'string' ? { hint } : { rerun: hint }),
    aws: {
      operation: 'GitHub REST',
      awsCode: String(r.status),
      httpStatus: r.status,
      ...(requestId === undefined ? {} : { requestId: String(requestId) }),
    },
    cause,
  });
}

function oneLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
