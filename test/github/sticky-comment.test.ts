import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import nock from 'nock';
import { API, REPO, comment, noNetwork, servePages, testApi } from './helpers/github-nock.js';
import { planProvenance, upsertPlanComment } from '../../src/github/sticky-comment.js';
import { isGitopsError } from '../../src/model/errors.js';

const COMMENTS = '/repos/acme/voice/issues/7/comments';
const PLAN_A = '<!-- voiceid-gitops:plan stack=prod -->\n## Plan: 1 to add\n\n+ domain.support';
const input = { repo: REPO, pullNumber: 7, stack: 'prod', markdown: PLAN_A, hasChanges: true, fullPlanAt: 'the job summary of [this run](https://github.com/acme/voice/actions/runs/42)' };

function captureBody(into: { body?: string }) {
  return (b: { body?: string }) => {
    into.body = b.body;
    return true;
  };
}

describe('sticky plan comment', () => {
  beforeEach(noNetwork);
  afterEach(() => nock.cleanAll());

  it('creates a comment headed by the stack marker when the pull request has none', async () => {
    servePages(API, COMMENTS, [comment(1, 'LGTM')]);
    const sent: { body?: string } = {};
    nock(API).post(COMMENTS, captureBody(sent)).reply(201, comment(99, 'x'));
    const out = await upsertPlanComment(testApi().api, input);
    expect(out).toEqual({ kind: 'created', commentId: 99, url: 'https://github.com/acme/voice/pull/7#issuecomment-99' });
    expect(sent.body?.split('\n')[0]).toBe('<!-- voiceid-gitops:plan stack=prod -->');
    expect(sent.body).toContain('+ domain.support');
  });

  it('pages through 250 comments to find its comment on page 3 and edits it in place', async () => {
    const others = Array.from({ length: 249 }, (_, i) => comment(i + 1, `chatter ${i}`));
    const pages = servePages(API, COMMENTS, [...others, comment(250, `${PLAN_A}\nold`)]);
    const sent: { body?: string } = {};
    nock(API).patch('/repos/acme/voice/issues/comments/250', captureBody(sent)).reply(200, comment(250, 'x'));
    const out = await upsertPlanComment(testApi().api, input);
    expect(out.kind).toBe('updated');
    expect(out.commentId).toBe(250);
    expect(pages.isDone()).toBe(true);
    expect(sent.body).toContain('## Plan: 1 to add');
  });

  it('keeps one comment per stack: a second stack does not take over the first stack comment', async () => {
    servePages(API, COMMENTS, [comment(5, PLAN_A)]);
    const sent: { body?: string } = {};
    nock(API).post(COMMENTS, captureBody(sent)).reply(201, comment(6, 'x'));
    const out = await upsertPlanComment(testApi().api, { ...input, stack: 'staging', markdown: '<!-- voiceid-gitops:plan stack=staging -->\nplan' });
    expect(out).toMatchObject({ kind: 'created', commentId: 6 });
    expect(sent.body?.split('\n')[0]).toBe('<!-- voiceid-gitops:plan stack=staging -->');
  });

  it('ignores a reply that quotes the marker and finds the real comment', async () => {
    servePages(API, COMMENTS, [comment(3, `> <!-- voiceid-gitops:plan stack=prod -->\n> quoted`), comment(4, PLAN_A)]);
    nock(API).patch('/repos/acme/voice/issues/comments/4').reply(200, comment(4, 'x'));
    const out = await upsertPlanComment(testApi().api, input);
    expect(out).toMatchObject({ kind: 'updated', commentId: 4 });
  });

  it('sends nothing when the comment already shows the same plan', async () => {
    const first: { body?: string } = {};
    servePages(API, COMMENTS, []);
    nock(API).post(COMMENTS, captureBody(first)).reply(201, comment(8, 'x'));
    await upsertPlanComment(testApi().api, input);
    servePages(API, COMMENTS, [comment(8, first.body ?? '')]);
    const out = await upsertPlanComment(testApi().api, input);
    expect(out).toMatchObject({ kind: 'unchanged', commentId: 8 });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('rewrites the comment to say there are no changes anymore when the plan became empty', async () => {
    servePages(API, COMMENTS, [comment(9, PLAN_A)]);
    const sent: { body?: string } = {};
    nock(API).patch('/repos/acme/voice/issues/comments/9', captureBody(sent)).reply(200, comment(9, 'x'));
    await upsertPlanComment(testApi().api, { ...input, markdown: '<!-- voiceid-gitops:plan stack=prod -->\nNo changes.', hasChanges: false });
    expect(sent.body).toContain('**No changes anymore.**');
    expect(sent.body).not.toContain('+ domain.support');
  });

  it('keeps the body within 65,536 characters and says where the full plan is', async () => {
    servePages(API, COMMENTS, []);
    const sent: { body?: string } = {};
    nock(API).post(COMMENTS, captureBody(sent)).reply(201, comment(10, 'x'));
    const huge = `<!-- voiceid-gitops:plan stack=prod -->\n${'+ domain.x opt-out cu…01 (sha256:3f2a0000)\n'.repeat(3000)}`;
    await upsertPlanComment(testApi().api, { ...input, markdown: huge });
    expect(sent.body?.length).toBeLessThanOrEqual(65_536);
    expect(sent.body).toContain('**Plan truncated**');
    expect(sent.body).toContain('https://github.com/acme/voice/actions/runs/42');
  });

  it('adds no footer of its own: the rendered plan carries the one footer', async () => {
    servePages(API, COMMENTS, []);
    const sent: { body?: string } = {};
    nock(API).post(COMMENTS, captureBody(sent)).reply(201, comment(11, 'x'));
    await upsertPlanComment(testApi().api, input);
    expect(sent.body).toBe(`${PLAN_A}\n`);
  });

  it('names the commit and the run in the footer words it gives the renderer', () => {
    expect(planProvenance({ sha: '0123456789abcdef', runUrl: 'https://github.com/acme/voice/actions/runs/42' })).toBe(
      'Planned by voiceid-gitops for commit 0123456 in [this run](https://github.com/acme/voice/actions/runs/42).',
    );
    expect(planProvenance({})).toBe('Planned by voiceid-gitops.');
  });
});

describe('GitHub errors while commenting', () => {
  beforeEach(noNetwork);
  afterEach(() => nock.cleanAll());

  async function failure(): Promise<unknown> {
    return upsertPlanComment(testApi().api, input).then(
      () => undefined,
      (e: unknown) => e,
    );
  }

  it('reports a rejected token (401) as GITHUB_UNAUTHORIZED', async () => {
    nock(API).get(COMMENTS).query(true).reply(401, { message: 'Bad credentials' });
    const e = await failure();
    expect(isGitopsError(e) && e.code).toBe('GITHUB_UNAUTHORIZED');
    expect(isGitopsError(e) && e.message).toContain('Bad credentials');
  });

  it('says the token needs pull-requests: write when GitHub answers 403', async () => {
    servePages(API, COMMENTS, []);
    nock(API).post(COMMENTS).reply(403, { message: 'Resource not accessible by integration' });
    const e = await failure();
    expect(isGitopsError(e) && e.code).toBe('GITHUB_FORBIDDEN');
    expect(isGitopsError(e) && e.message).toMatch(/^the token needs `pull-requests: write` to comment on #7 in acme\/voice \(403\)/);
  });

  it('reports an unknown repository or pull request (404) as GITHUB_NOT_FOUND', async () => {
    nock(API).get(COMMENTS).query(true).reply(404, { message: 'Not Found' });
    const e = await failure();
    expect(isGitopsError(e) && e.code).toBe('GITHUB_NOT_FOUND');
  });

  it('never puts the token in an error message', async () => {
    nock(API).get(COMMENTS).query(true).reply(401, { message: 'Bad credentials' });
    const e = await failure();
    expect(e instanceof Error && `${e.message} ${e.stack ?? ''}`).not.toContain('ghs_testtoken');
  });
});
