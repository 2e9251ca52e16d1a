import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { API, comment, noNetwork, servePages } from './helpers/github-nock.js';
import { SPEAKER, plan, workdir } from './helpers/plans.js';
import { runCli } from '../helpers/cli.js';
import { closedPort } from '../helpers/closed-port.js';

const COMMENTS = '/repos/acme/voice/issues/7/comments';


function actionsEnv(dir: string, extra: Record<string, string> = {}) {
  return {
    GITHUB_TOKEN: 'ghs_secret',
    GITHUB_REPOSITORY: 'acme/voice',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: join(dir, 'event.json'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
    GITHUB_RUN_ID: '42',
    ...extra,
  };
}

describe('voiceid-gitops comment', () => {
  beforeEach(noNetwork);
  afterEach(() => nock.cleanAll());

  it('posts the masked markdown plan on the pull request of the event and writes the job summary', async () => {
    const dir = workdir({ 'plan.json': plan('prod'), 'event.json': { pull_request: { number: 7 } }, 'summary.md': '' });
    servePages(API, COMMENTS, []);
    let sent: { body?: string } = {};
    nock(API)
      .post(COMMENTS, (b: typeof sent) => ((sent = b), true))
      .reply(201, comment(31, 'x'));
    const r = await runCli(['comment', '--plan', 'plan.json'], { cwd: dir, env: actionsEnv(dir) });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('created the plan comment of stack prod on acme/voice#7: https://github.com/acme/voice/pull/7#issuecomment-31\n');
    expect(sent.body?.split('\n')[0]).toBe('<!-- voiceid-gitops:plan stack=prod -->');
    expect(sent.body).not.toContain(SPEAKER);
    const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(summary).toContain('voiceid-gitops plan: stack `prod`');
    expect(summary).not.toContain(SPEAKER);
  });

  it('updates the comment of each stack separately', async () => {
    const dir = workdir({ 'a.json': plan('prod'), 'b.json': plan('staging'), 'summary.md': '' });
    servePages(API, COMMENTS, [comment(1, '<!-- voiceid-gitops:plan stack=prod -->\nold'), comment(2, '<!-- voiceid-gitops:plan stack=staging -->\nold')]);
    servePages(API, COMMENTS, [comment(1, '<!-- voiceid-gitops:plan stack=prod -->\nold'), comment(2, '<!-- voiceid-gitops:plan stack=staging -->\nold')]);
    const a = nock(API).patch('/repos/acme/voice/issues/comments/1').reply(200, comment(1, 'x'));
    const b = nock(API).patch('/repos/acme/voice/issues/comments/2').reply(200, comment(2, 'x'));
    const env = actionsEnv(dir);
    expect((await runCli(['comment', '--plan', 'a.json', '--pr', '7'], { cwd: dir, env })).code).toBe(0);
    expect((await runCli(['comment', '--plan', 'b.json', '--pr', '7'], { cwd: dir, env })).code).toBe(0);
    expect(a.isDone() && b.isDone()).toBe(true);
  });

  it('fails with one line when GITHUB_TOKEN is missing', async () => {
    const dir = workdir({ 'plan.json': plan('prod') });
    const r = await runCli(['comment', '--plan', 'plan.json', '--pr', '7'], { cwd: dir, env: { GITHUB_REPOSITORY: 'acme/voice' } });
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('error GITHUB_TOKEN_MISSING: GITHUB_TOKEN is not set');
  });

  it('fails with one line on a push event', async () => {
    const dir = workdir({ 'plan.json': plan('prod'), 'event.json': { ref: 'refs/heads/main' } });
    const r = await runCli(['comment', '--plan', 'plan.json'], { cwd: dir, env: actionsEnv(dir, { GITHUB_EVENT_NAME: 'push' }) });
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('error GITHUB_NOT_A_PULL_REQUEST: this run was triggered by a `push` event, which has no pull request');
  });

  it('tells the user which permission the token lacks on a 403', async () => {
    const dir = workdir({ 'plan.json': plan('prod'), 'summary.md': '' });
    servePages(API, COMMENTS, []);
    nock(API).post(COMMENTS).reply(403, { message: 'Resource not accessible by integration' });
    const r = await runCli(['comment', '--plan', 'plan.json', '--pr', '7'], { cwd: dir, env: actionsEnv(dir) });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error GITHUB_FORBIDDEN: the token needs `pull-requests: write` to comment on #7 in acme\/voice/);
    expect(r.stderr).not.toContain('ghs_secret');
    expect(r.stderr).not.toMatch(/\bat .*\.[jt]s:\d+/);
  });

  // The output boundary masks every id of the plan in whatever is printed, GitHub's own words included.
  it('masks a speaker id of the plan quoted in a GitHub error message', async () => {
    const dir = workdir({ 'plan.json': plan('prod'), 'summary.md': '' });
    servePages(API, COMMENTS, []);
    nock(API).post(COMMENTS).reply(422, { message: `Validation Failed: body mentions ${SPEAKER}` });
    const r = await runCli(['comment', '--plan', 'plan.json', '--pr', '7'], { cwd: dir, env: actionsEnv(dir) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cu…01 (sha256:');
    expect(r.stderr).not.toContain(SPEAKER);
  });

  it('says GitHub is unreachable, not that GitHub answered 500, when the connection is refused', async () => {
    const dir = workdir({ 'plan.json': plan('prod') });
    const port = await closedPort();
    nock.enableNetConnect('127.0.0.1');
    const env = actionsEnv(dir, { GITHUB_API_URL: `http://127.0.0.1:${port}` });
    const r = await runCli(['comment', '--plan', 'plan.json', '--pr', '7', '--no-summary'], { cwd: dir, env, sleep: async () => undefined });
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe(`error GITHUB_UNREACHABLE: cannot reach the GitHub API to list the comments of #7 in acme/voice: connect ECONNREFUSED 127.0.0.1:${port}`);
  });

  it('refuses a file that is not a saved plan', async () => {
    const dir = workdir({ 'plan.json': { hello: 'world' } });
    const r = await runCli(['comment', '--plan', 'plan.json', '--pr', '7'], { cwd: dir, env: actionsEnv(dir) });
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('error PLAN_FILE_INVALID: plan.json is not a voiceid-gitops plan (no stack, summary or changes)');
  });
});

describe('voiceid-gitops comment on an empty plan', () => {
  beforeEach(noNetwork);
  afterEach(() => nock.cleanAll());

  it('rewrites the stack comment to say there are no changes anymore', async () => {
    const dir = workdir({ 'plan.json': plan('prod', []), 'summary.md': '' });
    servePages(API, COMMENTS, [comment(1, '<!-- voiceid-gitops:plan stack=prod -->\nPlan: 1 to add')]);
    let sent: { body?: string } = {};
    nock(API)
      .patch('/repos/acme/voice/issues/comments/1', (b: typeof sent) => ((sent = b), true))
      .reply(200, comment(1, 'x'));
    const r = await runCli(['comment', '--plan', 'plan.json', '--pr', '7'], { cwd: dir, env: actionsEnv(dir) });
    expect(r.code).toBe(0);
    expect(sent.body).toContain('**No changes anymore.**');
    expect(sent.body).not.toContain('Plan: 1 to add');
  });
});
