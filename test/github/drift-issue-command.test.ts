import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import nock from 'nock';
import { API, comment, issue, noNetwork, servePages } from './helpers/github-nock.js';
import { SPEAKER, deferredJob, plan, workdir } from './helpers/plans.js';
import { runCli } from '../helpers/cli.js';

const ISSUES = '/repos/acme/voice/issues';
const LISTING = { state: 'open', labels: 'voiceid-drift', sort: 'created', direction: 'asc' };
const env = { GITHUB_TOKEN: 'ghs_secret', GITHUB_REPOSITORY: 'acme/voice' };

describe('voiceid-gitops drift-issue', () => {
  beforeEach(noNetwork);
  afterEach(() => nock.cleanAll());

  it('opens a drift issue with the masked plan when the scheduled plan exited 2', async () => {
    const dir = workdir({ 'plan.json': plan('prod') });
    servePages(API, ISSUES, [], 100, LISTING);
    let sent: { body?: string; labels?: string[] } = {};
    nock(API)
      .post(ISSUES, (b: typeof sent) => ((sent = b), true))
      .reply(201, issue(21, 'x'));
    const r = await runCli(['drift-issue', '--plan', 'plan.json', '--exit-code', '2'], { cwd: dir, env });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('stack prod: opened the drift issue acme/voice#21: https://github.com/acme/voice/issues/21\n');
    expect(sent.labels).toEqual(['voiceid-drift']);
    expect(sent.body).not.toContain(SPEAKER);
  });

  it('closes the open drift issue when the scheduled plan is clean', async () => {
    const dir = workdir({ 'plan.json': plan('prod', []) });
    servePages(API, ISSUES, [issue(21, '<!-- voiceid-gitops:drift stack=prod -->\nold')], 100, LISTING);
    nock(API).post(`${ISSUES}/21/comments`).reply(201, comment(1, 'x'));
    nock(API).patch(`${ISSUES}/21`).reply(200, issue(21, 'x', { state: 'closed' }));
    const r = await runCli(['drift-issue', '--plan', 'plan.json', '--exit-code', '0'], { cwd: dir, env });
    expect(r.stdout).toBe('stack prod: closed the drift issue acme/voice#21: https://github.com/acme/voice/issues/21\n');
  });

  it('reports a plan whose only changes are deferred as pending work, not drift: no issue is opened', async () => {
    const dir = workdir({ 'plan.json': plan('prod', [deferredJob]) });
    servePages(API, ISSUES, [], 100, LISTING);
    const r = await runCli(['drift-issue', '--plan', 'plan.json', '--exit-code', '2'], { cwd: dir, env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('stack prod: no drift and no open drift issue; 1 deferred: the next apply starts them (pending work, not drift)\n');
  });

  it('closes an open drift issue when only deferred changes remain, saying they are pending work', async () => {
    const dir = workdir({ 'plan.json': plan('prod', [deferredJob]) });
    servePages(API, ISSUES, [issue(21, '<!-- voiceid-gitops:drift stack=prod -->\nold')], 100, LISTING);
    let said = '';
    nock(API)
      .post(`${ISSUES}/21/comments`, (b: { body: string }) => ((said = b.body), true))
      .reply(201, comment(1, 'x'));
    nock(API).patch(`${ISSUES}/21`).reply(200, issue(21, 'x', { state: 'closed' }));
    const r = await runCli(['drift-issue', '--plan', 'plan.json', '--exit-code', '2'], { cwd: dir, env });
    expect(r.stdout).toContain('stack prod: closed the drift issue acme/voice#21');
    expect(said).toBe('No drift anymore: the scheduled plan for stack `prod` finds only 1 deferred change (pending work Voice ID accepts later: the next apply starts them). Closing.');
  });

  it('leaves the issue alone when the plan run failed', async () => {
    const dir = workdir({});
    const r = await runCli(['drift-issue', '--plan', 'plan.json', '--exit-code', '1'], { cwd: dir, env });
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('error DRIFT_UNKNOWN: the plan run failed (exit 1), so drift is unknown; the drift issue is left as it is');
  });

  it('refuses an exit code that contradicts the plan file', async () => {
    const dir = workdir({ 'plan.json': plan('prod', []) });
    const r = await runCli(['drift-issue', '--plan', 'plan.json', '--exit-code', '2'], { cwd: dir, env });
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('error DRIFT_EXIT_CODE_MISMATCH: --exit-code 2 does not match plan.json, which has 0 change(s)');
  });
});
