import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import nock from 'nock';
import { API, REPO, comment, issue, noNetwork, servePages, testApi } from './helpers/github-nock.js';
import { syncDriftIssue } from '../../src/github/drift-issue.js';
import { isGitopsError } from '../../src/model/errors.js';

const ISSUES = '/repos/acme/voice/issues';
const LISTING = { state: 'open', labels: 'voiceid-drift', sort: 'created', direction: 'asc' };
const DRIFT = '<!-- voiceid-gitops:drift stack=prod -->\nold drift';
const base = { repo: REPO, stack: 'prod', markdown: '<!-- voiceid-gitops:plan stack=prod -->\n~ domain.support description', label: 'voiceid-drift', fullPlanAt: 'the job summary of this workflow run' };

describe('drift issue', () => {
  beforeEach(noNetwork);
  afterEach(() => nock.cleanAll());

  it('opens a labelled issue headed by the drift marker when the plan has changes', async () => {
    servePages(API, ISSUES, [], 100, LISTING);
    let sent: { title?: string; body?: string; labels?: string[] } = {};
    nock(API)
      .post(ISSUES, (b: typeof sent) => ((sent = b), true))
      .reply(201, issue(12, 'x'));
    const out = await syncDriftIssue(testApi().api, { ...base, drifted: true });
    expect(out).toEqual({ kind: 'opened', issueNumber: 12, url: 'https://github.com/acme/voice/issues/12' });
    expect(sent.title).toBe('Voice ID drift in stack prod');
    expect(sent.labels).toEqual(['voiceid-drift']);
    expect(sent.body?.split('\n')[0]).toBe('<!-- voiceid-gitops:drift stack=prod -->');
    expect(sent.body).toContain('~ domain.support description');
    expect(sent.body).not.toContain('voiceid-gitops:plan');
  });

  it('refreshes the body of the open issue of the stack instead of opening another', async () => {
    servePages(API, ISSUES, [issue(3, '<!-- voiceid-gitops:drift stack=staging -->\n'), issue(4, DRIFT)], 100, LISTING);
    let sent: { body?: string } = {};
    nock(API)
      .patch(`${ISSUES}/4`, (b: typeof sent) => ((sent = b), true))
      .reply(200, issue(4, 'x'));
    const out = await syncDriftIssue(testApi().api, { ...base, drifted: true });
    expect(out).toMatchObject({ kind: 'updated', issueNumber: 4 });
    expect(sent.body).toContain('~ domain.support description');
  });

  it('skips pull requests that carry the label', async () => {
    servePages(API, ISSUES, [issue(5, DRIFT, { pull_request: { url: 'x' } })], 100, LISTING);
    nock(API).post(ISSUES).reply(201, issue(6, 'x'));
    const out = await syncDriftIssue(testApi().api, { ...base, drifted: true });
    expect(out).toMatchObject({ kind: 'opened', issueNumber: 6 });
  });

  it('comments and closes the open issue when the plan is clean', async () => {
    servePages(API, ISSUES, [issue(4, DRIFT)], 100, LISTING);
    let note: { body?: string } = {};
    let patch: { state?: string; state_reason?: string } = {};
    nock(API)
      .post(`${ISSUES}/4/comments`, (b: typeof note) => ((note = b), true))
      .reply(201, comment(70, 'x'));
    nock(API)
      .patch(`${ISSUES}/4`, (b: typeof patch) => ((patch = b), true))
      .reply(200, issue(4, 'x', { state: 'closed' }));
    const out = await syncDriftIssue(testApi().api, { ...base, drifted: false, runUrl: 'https://github.com/acme/voice/actions/runs/9' });
    expect(out).toMatchObject({ kind: 'closed', issueNumber: 4 });
    expect(note.body).toContain('No drift anymore');
    expect(patch).toEqual({ state: 'closed', state_reason: 'completed' });
  });

  it('does nothing when the plan is clean and no issue is open', async () => {
    servePages(API, ISSUES, [], 100, LISTING);
    const out = await syncDriftIssue(testApi().api, { ...base, drifted: false });
    expect(out).toEqual({ kind: 'none' });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('says the token needs issues: write when GitHub answers 403', async () => {
    servePages(API, ISSUES, [], 100, LISTING);
    nock(API).post(ISSUES).reply(403, { message: 'Resource not accessible by integration' });
    const e = await syncDriftIssue(testApi().api, { ...base, drifted: true }).catch((err: unknown) => err);
    expect(isGitopsError(e) && e.message).toContain('the token needs `issues: write`');
  });
});
