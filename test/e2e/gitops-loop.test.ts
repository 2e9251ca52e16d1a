/**
 * The whole GitOps loop with the workflows users copy (examples/github, AWS through OIDC), played against an
 * in-test Voice ID emulator (AWS_ENDPOINT_URL; configure-aws-credentials' stand-in exports session credentials)
 * and a fake GitHub: a pull request changes the YAML -> plan + sticky comment (twice) -> merge -> apply of the
 * reviewed plan -> an out-of-band change in the "console" -> scheduled drift runs open the issue, correct the drift
 * when allowed, and close the issue.
 * Each step builds its own world (emulator, fake GitHub, repository with the estate on main applied) and replays
 * the steps before it as its arrangement, so one failure does not cascade and any step runs alone (`-t`).
 */
import { readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeleteSpeakerCommand, DescribeDomainCommand, DescribeSpeakerCommand, ListDomainsCommand, UpdateDomainCommand, VoiceIDClient } from '@aws-sdk/client-voice-id';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { runCli } from '../helpers/cli.js';
import { runWorkflow } from './helpers/runner.js';
import { failures, stepOf, toolOutput, type StepRecord, type Trigger, type WorkflowRun } from './helpers/run-records.js';
import { removeScratch } from './helpers/scratch.js';
import { newWorld, pullRequestEvent, userRepository, type World } from './helpers/world.js';

const PLAN_MARKER = '<!-- voiceid-gitops:plan stack=quickstart -->';
const DRIFT_MARKER = '<!-- voiceid-gitops:drift stack=quickstart -->';
const VARS = {
  AWS_REGION: 'us-east-1',
  VOICEID_PLAN_ROLE_ARN: 'arn:aws:iam::111122223333:role/voiceid-plan',
  VOICEID_APPLY_ROLE_ARN: 'arn:aws:iam::111122223333:role/voiceid-apply',
};
// Masks written out by hand: first and last two characters, sha256 prefix (`printf %s customer-0005 | sha256sum`).
const MASKED_0005 = 'cu…05 (sha256:9e038c21)';
const MASKED_0001 = 'cu…01 (sha256:696e3e40)';
const PR_HEAD = '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b';
const PR_MERGE = 'a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e';

/** One step's world: the emulator holding the estate on main, its "console" client, the repository, its runs. */
interface Loop {
  readonly emulator: RunningEmulator;
  readonly console: VoiceIDClient;
  readonly world: World;
  readonly runs: WorkflowRun[];
}

let open: Loop | undefined;
afterEach(async () => {
  if (!open) return;
  open.console.destroy();
  await open.world.close();
  await open.emulator.close();
  open = undefined;
});
afterAll(() => removeScratch());

/** A fresh world whose estate on main is live (applied in-process: the arrangement, not the thing tested). */
async function newLoop(): Promise<Loop> {
  const emulator = await startEmulator({ port: 0, region: 'us-east-1' });
  const console_ = new VoiceIDClient({ endpoint: emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDCONSOLEUSER', secretAccessKey: 'console-secret' } });
  const world = await newWorld({ dir: userRepository(), env: { AWS_ENDPOINT_URL: emulator.endpoint } });
  open = { emulator, console: console_, world, runs: [] };
  const env = { AWS_ACCESS_KEY_ID: 'AKIDSETUP', AWS_SECRET_ACCESS_KEY: 'setup', AWS_REGION: 'us-east-1' };
  const first = await runCli(['apply', 'voiceid/prod', '--auto-approve', '--stack', 'quickstart', '--endpoint-url', emulator.endpoint], { env, cwd: world.repo.dir, sleep: async () => undefined });
  expect(first.code, first.stderr).toBe(0);
  return open;
}

function edit(l: Loop, file: string, from: string, to: string): void {
  const path = join(l.world.repo.dir, 'voiceid/prod', file);
  const text = readFileSync(path, 'utf8');
  expect(text).toContain(from);
  writeFileSync(path, text.replace(from, to));
}

async function run(l: Loop, workflow: 'plan' | 'apply' | 'drift', trigger: Omit<Trigger, 'vars'>, vars: Record<string, string> = {}): Promise<WorkflowRun> {
  const r = await runWorkflow(l.world.repo, `.github/workflows/voiceid-${workflow}.yml`, { ...trigger, vars: { ...VARS, ...vars } });
  l.runs.push(r);
  return r;
}

// On pull_request, GITHUB_SHA is the merge commit GitHub made for the pull request, not its head.
const prPlan = (l: Loop, head: string, merge: string) => run(l, 'plan', { event: 'pull_request', sha: merge, payload: pullRequestEvent(l.world, head) });
const stickyComments = (l: Loop) => l.world.github.commentsOn(l.world.pr.number).filter((c) => c.body.startsWith(PLAN_MARKER));
const driftIssues = (l: Loop) => l.world.github.issues.filter((i) => i.body.startsWith(DRIFT_MARKER));

/** The pull request's first change: a description and one more opted-out speaker. */
function changeSupport(l: Loop): void {
  edit(l, 'support.yaml', 'description: Customer support line', 'description: Customer support line - 24x7');
  appendFileSync(join(l.world.repo.dir, 'voiceid/prod/optouts/support.txt'), 'customer-0005\n');
}
const changeSales = (l: Loop) => edit(l, 'sales.yaml', 'team: sales', 'team: sales\n      cost-center: cc-42');

async function supportDomain(l: Loop): Promise<{ id: string; description: string | undefined; name: string; kmsKeyId: string }> {
  const listed = await l.console.send(new ListDomainsCommand({}));
  const d = listed.DomainSummaries?.find((x) => x.Name === 'support-line' && x.DomainStatus === 'ACTIVE');
  const described = await l.console.send(new DescribeDomainCommand({ DomainId: d?.DomainId }));
  const domain = described.Domain;
  return { id: domain?.DomainId ?? '', description: domain?.Description, name: domain?.Name ?? '', kmsKeyId: domain?.ServerSideEncryptionConfiguration?.KmsKeyId ?? '' };
}

/** A change made outside Git: the support description edited in the console and an opted-out speaker deleted. */
async function driftInConsole(l: Loop, description: string): Promise<void> {
  const d = await supportDomain(l);
  await l.console.send(new UpdateDomainCommand({ DomainId: d.id, Name: d.name, Description: description, ServerSideEncryptionConfiguration: { KmsKeyId: d.kmsKeyId } }));
  await l.console.send(new DeleteSpeakerCommand({ DomainId: d.id, SpeakerId: 'customer-0001' }));
}

function expectSuccess(r: WorkflowRun, job: string): void {
  expect(r.jobs[job]?.result, failures(r)).toBe('success');
}

/** Everything a person can read: every step's output (composite steps included), job summaries, comments, issues. */
function everythingShown(l: Loop): string {
  const steps = (records: readonly StepRecord[]): string[] => records.flatMap((s) => [s.stdout, s.stderr, ...steps(s.inner ?? [])]);
  const jobs = l.runs.flatMap((r) => Object.values(r.jobs));
  return [...jobs.flatMap((j) => [...steps(j.steps), j.summary]), ...l.world.github.comments.map((c) => c.body), ...l.world.github.issues.map((i) => `${i.title}\n${i.body}`)].join('\n');
}

/** Every step ends here: no customer speaker id and no session credential in any log, summary, comment or issue. */
function expectNothingLeaked(l: Loop): void {
  const shown = everythingShown(l);
  expect(shown).not.toMatch(/customer-\d{4}/);
  expect(shown).not.toContain('e2e-oidc-session-secret');
  expect(shown).not.toContain('e2e-session-for-');
}

// Each step replays up to three workflow runs: a generous limit, as the 2-core CI machine runs other suites meanwhile.
describe('the GitOps loop', { timeout: 240_000 }, () => {
  it('plans a pull request that changes the YAML and posts the masked plan as the sticky comment', async () => {
    const l = await newLoop();
    changeSupport(l);
    const r = await prPlan(l, PR_HEAD, PR_MERGE);
    expectSuccess(r, 'plan');
    expect(stepOf(r.jobs.plan, 'plan').outputs).toMatchObject({ exitcode: '2', 'has-changes': 'true' });
    const [comment] = stickyComments(l);
    expect(comment?.body.split('\n')[0]).toBe(PLAN_MARKER);
    expect(comment?.body).toContain('**Plan: 0 to add, 1 to change, 0 to delete, 1 speaker to opt out, 0 jobs to start.**');
    expect(comment?.body).toContain('Customer support line - 24x7');
    expect(comment?.body).toContain(MASKED_0005);
    expect(comment?.body).not.toContain('customer-0005');
    expect(comment?.body).toContain('for commit 1a2b3c4'); // the PR head, not the merge commit
    expectNothingLeaked(l);
  });

  it('keeps exactly one comment for the stack after a second push, edited to the new plan', async () => {
    const l = await newLoop();
    changeSupport(l);
    expectSuccess(await prPlan(l, PR_HEAD, PR_MERGE), 'plan');
    changeSales(l);
    const second = await prPlan(l, '2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c', 'b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f');
    expectSuccess(second, 'plan');
    const comments = stickyComments(l);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('**Plan: 0 to add, 2 to change, 0 to delete, 1 speaker to opt out, 0 jobs to start.**');
    expect(comments[0]?.body).toContain('for commit 2b3c4d5');
    expect(l.world.github.requests.filter((q) => q.method === 'PATCH').map((q) => q.path)).toEqual([`/repos/acme/voice/issues/comments/${comments[0]?.id}`]);
    expectNothingLeaked(l);
  });

  it('applies the reviewed plan on merge, and the live state then plans empty', async () => {
    const l = await newLoop();
    changeSupport(l);
    changeSales(l);
    const reviewed = await prPlan(l, PR_HEAD, PR_MERGE);
    expectSuccess(reviewed, 'plan');
    const r = await run(l, 'apply', { event: 'push', sha: '3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d', stubs: { reviewed: { found: 'true', 'run-id': String(reviewed.runId) } } });
    expectSuccess(r, 'apply');
    const applied = stepOf(r.jobs.apply, 'reviewed_apply');
    expect(applied.outputs).toMatchObject({ exitcode: '0', 'error-code': '' });
    expect(toolOutput(applied).stdout).toContain('Verified: live state matches the desired state.');
    expect(stepOf(r.jobs.apply, 'Re-plan and apply (no reviewed plan, or it is stale)').outcome).toBe('skipped');
    expect((await supportDomain(l)).description).toBe('Customer support line - 24x7');
    const speaker = await l.console.send(new DescribeSpeakerCommand({ DomainId: (await supportDomain(l)).id, SpeakerId: 'customer-0005' }));
    expect(speaker.Speaker?.Status).toBe('OPTED_OUT');
    const clean = await run(l, 'drift', { event: 'schedule' });
    expect(stepOf(clean.jobs.detect, 'plan').outputs).toMatchObject({ exitcode: '0', 'has-changes': 'false' });
    expect(driftIssues(l)).toEqual([]);
    expectNothingLeaked(l);
  });

  it('opens the drift issue with the masked plan after a change made outside Git, without correcting it', async () => {
    const l = await newLoop();
    await driftInConsole(l, 'Edited in the console');
    const r = await run(l, 'drift', { event: 'schedule' });
    expectSuccess(r, 'detect');
    expect(r.jobs.correct?.result).toBe('skipped');
    const [issue] = driftIssues(l);
    expect(issue?.title).toBe('Voice ID drift in stack quickstart');
    expect(issue?.labels).toEqual(['voiceid-drift']);
    expect(issue?.body).toContain('Plan: 0 to add, 1 to change, 0 to delete, 1 speaker to opt out, 0 jobs to start.');
    expect(issue?.body).toContain('Edited in the console');
    expect(issue?.body).toContain(MASKED_0001);
    expect(issue?.body).not.toContain('customer-0001');
    expect((await supportDomain(l)).description).toBe('Edited in the console');
    expectNothingLeaked(l);
  });

  it('corrects the drift when VOICEID_DRIFT_AUTO_APPLY is true and closes the issue from the clean re-plan', async () => {
    const l = await newLoop();
    await driftInConsole(l, 'Edited in the console');
    expectSuccess(await run(l, 'drift', { event: 'schedule' }), 'detect');
    const r = await run(l, 'drift', { event: 'schedule' }, { VOICEID_DRIFT_AUTO_APPLY: 'true' });
    expectSuccess(r, 'detect');
    expectSuccess(r, 'correct');
    expect(stepOf(r.jobs.correct, 'drift').outputs).toEqual({ drifted: 'true' });
    expect(stepOf(r.jobs.correct, 'replan').outputs).toMatchObject({ exitcode: '0', 'has-changes': 'false' });
    const fixed = await supportDomain(l);
    expect(fixed.description).toBe('Customer support line');
    expect((await l.console.send(new DescribeSpeakerCommand({ DomainId: fixed.id, SpeakerId: 'customer-0001' }))).Speaker?.Status).toBe('OPTED_OUT');
    const [issue] = driftIssues(l);
    expect([issue?.state, issue?.stateReason]).toEqual(['closed', 'completed']);
    expect(l.world.github.commentsOn(issue?.number ?? 0)).toHaveLength(1);
    expectNothingLeaked(l);
  });

  it('finds nothing on the scheduled run after a correction and opens no new issue', async () => {
    const l = await newLoop();
    await driftInConsole(l, 'Edited in the console');
    expectSuccess(await run(l, 'drift', { event: 'schedule' }, { VOICEID_DRIFT_AUTO_APPLY: 'true' }), 'correct');
    expect(driftIssues(l).map((i) => i.state)).toEqual(['closed']);
    const r = await run(l, 'drift', { event: 'schedule' }, { VOICEID_DRIFT_AUTO_APPLY: 'true' });
    expectSuccess(r, 'correct');
    expect(toolOutput(stepOf(r.jobs.detect, 'Open, update or close the drift issue')).stdout).toBe('stack quickstart: no drift and no open drift issue\n');
    expect(stepOf(r.jobs.correct, 'Apply the YAML to correct the drift').outcome).toBe('skipped');
    expect(driftIssues(l)).toHaveLength(1);
    expectNothingLeaked(l);
  });

  it('closes a drift issue from the next scheduled run once the drift was re-applied by hand', async () => {
    const l = await newLoop();
    await driftInConsole(l, 'Edited again');
    expectSuccess(await run(l, 'drift', { event: 'schedule' }), 'detect');
    // The pull request is #1 on the fake GitHub, so the first issue is #2.
    expect(driftIssues(l).filter((i) => i.state === 'open').map((i) => i.number)).toEqual([2]);
    expectSuccess(await run(l, 'apply', { event: 'workflow_dispatch', stubs: { reviewed: { found: 'false' } } }), 'apply');
    const next = await run(l, 'drift', { event: 'schedule' });
    expectSuccess(next, 'detect');
    expect(toolOutput(stepOf(next.jobs.detect, 'Open, update or close the drift issue')).stdout).toBe('stack quickstart: closed the drift issue acme/voice#2: https://github.com/acme/voice/issues/2\n');
    expect(driftIssues(l).map((i) => i.state)).toEqual(['closed']);
    expectNothingLeaked(l);
  });
});
