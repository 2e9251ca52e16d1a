import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import nock from 'nock';
import { API, REPO, comment, noNetwork, servePages, testApi } from './helpers/github-nock.js';
import { upsertPlanComment } from '../../src/github/sticky-comment.js';
import { DEFAULT_RETRY_POLICY, retryDecision } from '../../src/github/rate-limit.js';
import { isGitopsError } from '../../src/model/errors.js';

const COMMENTS = '/repos/acme/voice/issues/7/comments';
const input = { repo: REPO, pullNumber: 7, stack: 'prod', markdown: 'plan', hasChanges: true };
const NOW = Date.parse('2026-11-21T10:00:00Z');

describe('GitHub rate limits through the client', () => {
  beforeEach(noNetwork);
  afterEach(() => nock.cleanAll());

  it('waits the retry-after seconds of a secondary rate limit (403) and then succeeds', async () => {
    servePages(API, COMMENTS, []);
    nock(API).post(COMMENTS).reply(403, { message: 'You have exceeded a secondary rate limit.' }, { 'retry-after': '7' });
    nock(API).post(COMMENTS).reply(201, comment(1, 'x'));
    const { api, sleeps } = testApi();
    const out = await upsertPlanComment(api, input);
    expect(out.kind).toBe('created');
    expect(sleeps).toEqual([7000]);
  });

  it('gives up with GITHUB_RATE_LIMITED after three retries', async () => {
    nock(API).get(COMMENTS).query(true).times(4).reply(429, { message: 'Too Many Requests' }, { 'retry-after': '1' });
    const { api, sleeps } = testApi();
    const e = await upsertPlanComment(api, input).catch((err: unknown) => err);
    expect(isGitopsError(e) && e.code).toBe('GITHUB_RATE_LIMITED');
    expect(sleeps).toEqual([1000, 1000, 1000]);
  });

  // A listing of the comments fails `times` times, then the comment is created: the waits are those of the policy.
  it.each<{ title: string; times: number; status: number; body: string | Record<string, string>; headers: Record<string, string>; waits: number[] }>([
    { title: 'waits a minute on a 429 without headers', times: 1, status: 429, body: { message: 'Too Many Requests' }, headers: {}, waits: [60_000] },
    {
      title: 'waits until x-ratelimit-reset when the primary limit is used up',
      times: 1,
      status: 403,
      body: { message: 'API rate limit exceeded' },
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 30) },
      waits: [31_000],
    },
    { title: 'retries a 502 with exponential back-off', times: 2, status: 502, body: 'Bad Gateway', headers: {}, waits: [1000, 2000] },
  ])('$title', async ({ times, status, body, headers, waits }) => {
    nock(API).get(COMMENTS).query(true).times(times).reply(status, body, headers);
    servePages(API, COMMENTS, []);
    nock(API).post(COMMENTS).reply(201, comment(1, 'x'));
    const { api, sleeps } = testApi();
    await upsertPlanComment(api, input);
    expect(sleeps).toEqual(waits);
  });

  it('does not retry a permission error', async () => {
    nock(API).get(COMMENTS).query(true).reply(403, { message: 'Resource not accessible by integration' });
    const { api, sleeps } = testApi();
    const e = await upsertPlanComment(api, input).catch((err: unknown) => err);
    expect(isGitopsError(e) && e.code).toBe('GITHUB_FORBIDDEN');
    expect(sleeps).toEqual([]);
  });
});

describe('retry decision', () => {
  it('refuses to wait for a reset further away than the policy allows', () => {
    const headers = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 3600) };
    const d = retryDecision({ status: 403, headers, message: 'API rate limit exceeded' }, 1, DEFAULT_RETRY_POLICY, NOW);
    expect(d).toEqual({ kind: 'give-up', rateLimited: true, resetInMs: 3_601_000 });
  });

  it('does not retry a 404', () => {
    expect(retryDecision({ status: 404, headers: {}, message: 'Not Found' }, 1, DEFAULT_RETRY_POLICY, NOW)).toEqual({ kind: 'give-up', rateLimited: false });
  });
});
