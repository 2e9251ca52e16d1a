/**
 * The fake GitHub the end-to-end tests rely on, checked through the product's own GitHub client (octokit over real
 * HTTP): paging with `link` headers, label filtering, and GITHUB_TOKEN-like permissions.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitHubApi } from '../../src/github/octokit-api.js';
import type { GitHubApi } from '../../src/github/api.js';
import { startFakeGitHub, type FakeGitHub, type Permissions } from './helpers/fake-github.js';

const REPO = { owner: 'acme', name: 'voice' } as const;
let gh: FakeGitHub;

const client = (token: string, permissions?: Permissions): GitHubApi => {
  if (permissions) gh.grant(token, permissions);
  return createGitHubApi({ token, baseUrl: gh.url, userAgent: 'e2e-test', sleep: async () => {}, now: () => Date.parse('2026-11-21T10:00:00Z') });
};

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const i of items) out.push(i);
  return out;
}

beforeEach(async () => {
  gh = await startFakeGitHub({ owner: 'acme', repo: 'voice', maxPerPage: 2 });
});
afterEach(async () => {
  await gh.close();
});

describe('fake GitHub', () => {
  it('serves comments oldest first over pages linked by the link header', async () => {
    const pr = gh.openPullRequest('change');
    for (const body of ['a', 'b', 'c', 'd', 'e']) gh.addComment(pr.number, body);
    const comments = await collect(client('t1', { 'pull-requests': 'read' }).listIssueComments(REPO, pr.number));
    expect(comments.map((c) => c.body)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(gh.requests.map((r) => r.query.page ?? '1')).toEqual(['1', '2', '3']);
  });

  it('lists open issues carrying the label, never pull requests or closed issues', async () => {
    const api = client('t2', { issues: 'write' });
    gh.openPullRequest('a pull request');
    const kept = await api.createIssue(REPO, { title: 'drift', body: 'x', labels: ['voiceid-drift'] });
    await api.createIssue(REPO, { title: 'other', body: 'y', labels: ['bug'] });
    const closed = await api.createIssue(REPO, { title: 'old drift', body: 'z', labels: ['voiceid-drift'] });
    await api.updateIssue(REPO, closed.number, { state: 'closed', stateReason: 'completed' });
    const open = await collect(api.listOpenIssues(REPO, 'voiceid-drift'));
    expect(open.map((i) => [i.number, i.title, i.state])).toEqual([[kept.number, 'drift', 'open']]);
    expect(gh.labels).toEqual(['voiceid-drift', 'bug']);
  });

  it('refuses a comment to a token without pull-requests or issues write, as GitHub does', async () => {
    const pr = gh.openPullRequest('change');
    const api = client('t3', { contents: 'read', 'pull-requests': 'read' });
    await expect(api.createIssueComment(REPO, pr.number, 'hi')).rejects.toMatchObject({ code: 'GITHUB_FORBIDDEN' });
    expect(gh.comments).toEqual([]);
  });

  it('rejects a token it never issued with 401', async () => {
    await expect(client('unknown').createIssue(REPO, { title: 't', body: 'b', labels: [] })).rejects.toMatchObject({ code: 'GITHUB_UNAUTHORIZED' });
    expect(gh.requests.map((r) => r.status)).toEqual([401]);
  });
});
