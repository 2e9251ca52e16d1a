import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import nock from 'nock';
import { REPO, comment, noNetwork, servePages, testApi } from './helpers/github-nock.js';
import { githubContext } from '../../src/github/context.js';
import { upsertPlanComment } from '../../src/github/sticky-comment.js';

describe('GitHub Enterprise Server', () => {
  beforeEach(noNetwork);
  afterEach(() => nock.cleanAll());

  it('sends every request, pages included, to GITHUB_API_URL', async () => {
    const ctx = githubContext({ GITHUB_TOKEN: 't', GITHUB_REPOSITORY: 'acme/voice', GITHUB_API_URL: 'https://ghe.example.com/api/v3' });
    expect(ctx.apiUrl).toBe('https://ghe.example.com/api/v3');
    const others = Array.from({ length: 120 }, (_, i) => comment(i + 1, 'hi'));
    const pages = servePages('https://ghe.example.com', '/api/v3/repos/acme/voice/issues/7/comments', others);
    const created = nock('https://ghe.example.com').post('/api/v3/repos/acme/voice/issues/7/comments').reply(201, comment(500, 'x'));
    const out = await upsertPlanComment(testApi(ctx.apiUrl).api, { repo: REPO, pullNumber: 7, stack: 'prod', markdown: 'plan', hasChanges: true });
    expect(out.kind).toBe('created');
    expect(pages.isDone() && created.isDone()).toBe(true);
  });
});
