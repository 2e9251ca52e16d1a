import { describe, expect, it } from 'vitest';
import { githubContext, pullRequestNumber, pullRequestOf } from '../../src/github/context.js';
import { isGitopsError } from '../../src/model/errors.js';

const env = { GITHUB_TOKEN: 'ghs_x', GITHUB_REPOSITORY: 'acme/voice' };
const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return isGitopsError(e) ? e.code : 'not a GitopsError';
  }
  return undefined;
};
const files = (content: Record<string, string>) => async (p: string) => {
  const text = content[p];
  if (text === undefined) throw new Error(`ENOENT: no such file, open '${p}'`);
  return text;
};

describe('GitHub context from the Actions environment', () => {
  it('refuses to run without GITHUB_TOKEN', () => {
    expect(codeOf(() => githubContext({ GITHUB_REPOSITORY: 'acme/voice' }))).toBe('GITHUB_TOKEN_MISSING');
  });

  it('defaults the API to api.github.com and builds the run link from the server URL', () => {
    const ctx = githubContext({ ...env, GITHUB_RUN_ID: '42', GITHUB_SHA: 'abc' });
    expect(ctx).toEqual({ token: 'ghs_x', apiUrl: 'https://api.github.com', repo: { owner: 'acme', name: 'voice' }, runUrl: 'https://github.com/acme/voice/actions/runs/42', sha: 'abc' });
  });

  it('lets --repo override GITHUB_REPOSITORY and rejects a malformed one', () => {
    expect(githubContext(env, 'other/repo').repo).toEqual({ owner: 'other', name: 'repo' });
    expect(codeOf(() => githubContext(env, 'not a repo'))).toBe('GITHUB_REPOSITORY_INVALID');
  });

  it('reads the pull request number from the pull_request event payload', async () => {
    const e = { ...env, GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: '/ev.json' };
    expect(await pullRequestNumber(e, files({ '/ev.json': '{"pull_request":{"number":17}}' }))).toBe(17);
  });

  it('prefers --pr over the event payload', async () => {
    expect(await pullRequestNumber({ GITHUB_EVENT_PATH: '/missing.json' }, files({}), 3)).toBe(3);
  });

  it('explains that a push event has no pull request', async () => {
    const e = { GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: '/ev.json' };
    const err = await pullRequestNumber(e, files({ '/ev.json': '{"ref":"refs/heads/main"}' })).catch((x: unknown) => x);
    expect(isGitopsError(err) && err.code).toBe('GITHUB_NOT_A_PULL_REQUEST');
    expect(isGitopsError(err) && err.message).toBe('this run was triggered by a `push` event, which has no pull request');
  });

  it('takes the pull request head commit from the event payload, not the merge commit in GITHUB_SHA', async () => {
    const e = { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: '/ev.json', GITHUB_SHA: 'merge000' };
    const payload = '{"pull_request":{"number":17,"head":{"sha":"head1234567"}}}';
    expect(await pullRequestOf(e, files({ '/ev.json': payload }))).toEqual({ number: 17, headSha: 'head1234567' });
  });

  it('has no head commit when the pull request number comes from --pr', async () => {
    expect(await pullRequestOf({}, files({}), 5)).toEqual({ number: 5 });
  });
});
