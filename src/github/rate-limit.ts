/**
 * When to retry a GitHub request and how long to wait, following GitHub's documented rules
 * (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#handle-rate-limit-errors-appropriately):
 * honour `retry-after`; when `x-ratelimit-remaining` is 0 wait until `x-ratelimit-reset`; for a secondary limit
 * without headers wait at least a minute. Transient 5xx answers back off exponentially. Pure: the clock is a
 * parameter and the caller sleeps.
 */

export interface RetryPolicy {
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  /** First back-off for 5xx answers; doubles each attempt. */
  readonly serverErrorBaseMs: number;
  /** A rate limit that resets later than this is not waited for: the run fails with GITHUB_RATE_LIMITED. */
  readonly maxWaitMs: number;
}

export const DEFAULT_RETRY_POLICY = {
  maxRetries: 3,
  serverErrorBaseMs: 1_000,
  maxWaitMs: 15 * 60_000,
} as const satisfies RetryPolicy;

/** What a failed response says about itself (header names lower-case, as fetch gives them). */
export interface FailedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | number | undefined>>;
  readonly message: string;
}

export type RetryDecision =
  | { readonly kind: 'retry'; readonly delayMs: number; readonly rateLimited: boolean }
  | { readonly kind: 'give-up'; readonly rateLimited: boolean; readonly resetInMs?: number };

const SECONDARY_DEFAULT_MS = 60_000;

export function isRateLimited(r: FailedResponse): boolean {
  if (r.status === 429) return true;
  if (r.status !== 403) return false;
  return (
    r.headers['retry-after'] !== undefined ||
    String(r.headers['x-ratelimit-remaining']) === '0' ||
    /rate limit/i.test(r.message)
  );
}

/** `attempt` is 1 for the first try. */
export function retryDecision(r: FailedResponse, attempt: number, policy: RetryPolicy, nowMs: number): RetryDecision {
  const rateLimited = isRateLimited(r);
  let delayMs: number | undefined;
  if (rateLimited) delayMs = rateLimitDelay(r, nowMs);
  else if ([500, 502, 503, 504].includes(r.status)) delayMs = policy.serverErrorBaseMs * 2 ** (attempt - 1);
  if (delayMs === undefined) return { kind: 'give-up', rateLimited };
  if (attempt > policy.maxRetries || delayMs > policy.maxWaitMs) return { kind: 'give-up', rateLimited, resetInMs: delayMs };
  return { kind: 'retry', delayMs, rateLimited };
}

function rateLimitDelay(r: FailedResponse, nowMs: number): number {
  const retryAfter = Number(r.headers['retry-after']);
  if (r.headers['retry-after'] !== undefined && Number.isFinite(retryAfter)) return Math.max(0, retryAfter) * 1000;
  const reset = Number(r.headers['x-ratelimit-reset']);
  if (String(r.headers['x-ratelimit-remaining']) === '0' && Number.isFinite(reset)) {
    // The reset time is in epoch seconds; one extra second absorbs clock skew between us and GitHub.
    return Math.max(0, reset * 1000 - nowMs) + 1000;
  }
  return SECONDARY_DEFAULT_MS;
}
