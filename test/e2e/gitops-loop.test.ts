/**
 * The whole GitOps loop with the workflows users copy (examples/github, AWS through OIDC), played against an
 * in-test Voice ID emulator (AWS_ENDPOINT_URL; configure-aws-credentials' stand-in exports session credentials)
 * and a fake GitHub: a pull request changes the YAML -> plan + sticky comment (twice) -> merge -> apply of the
 * reviewed plan -> an out-of-band change in the "console" -> scheduled drift runs open the issue, correct the drift
 * when allowed, and close the issue. The steps below run in order and share one world.
 */
import { readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeleteSpeakerCommand, DescribeDomainCommand, DescribeSpeakerCommand, ListDomainsCommand, UpdateDomainCommand, VoiceIDClient } from '@aws-sdk/client-voice-id';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
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

let emulator: RunningEmulator;
let console_: VoiceIDClient;
let world: World;
let reviewedRun: WorkflowRun;
const allRuns: WorkflowRun[] = [];

const edit = (file: string, from: string, to: string) => {
  const path = join(world.repo.dir, 'voiceid/prod', file);
  const text = readFileSync(path, 'utf8');
  expect(text).toContain(from);
  writeFileSync(path, text.replace(from, to));
};
async function run(workflow: 'plan' | 'apply' | 'drift', trigger: Omit<Trigger, 'vars'>, vars: Record<string, string> = {}): Promise<WorkflowRun> {
  const r = await runWorkflow(world.repo, `.github/workflows/voiceid-${workflow}.yml`, { ...trigger, vars: { ...VARS, ...vars } });
  allRuns.push(r);
  return r;
}

/** Everything a person can read: every step's output (composite steps included), job summaries, comments, issues. */
function everythingShown(): string {
  const steps = (records: readonly StepRecord[]): string[] => records.flatMap((s) => [s.stdout, s.stderr, ...steps(s.inner ?? [])]);
  const jobs = allRuns.flatMap((r) => Object.values(r.jobs));
  return [...jobs.flatMap((j) => [...steps(j.steps), j.summary]), ...world.github.comments.map((c) => c.body), ...world.github.issues.map((i) => `${i.title}\n${i.body}`)].join('\n');
}
// On pull_request, GITHUB_SHA is the merge commit GitHub made for the pull request, not its head.
const prPlan = (head: string, merge: string) => run('plan', { event: 'pull_request', sha: merge, payload: pullRequestEvent(world, head) });
const stickyComments = () => world.github.commentsOn(world.pr.number).filter((c) => c.body.startsWith(PLAN_MARKER));
const driftIssues = () => world.github.issues.filter((i) => i.body.startsWith(DRIFT_MARKER));

async function supportDomain(): Promise<{ id: string; description: string | undefined; name: string; kmsKeyId: string }> {
  const listed = await console_.send(new ListDomainsCommand({}));
  const d = listed.DomainSummaries?.find((x) => x.Name === 'support-line' && x.DomainStatus === 'ACTIVE');
  const described = await console_.send(new DescribeDomainCommand({ DomainId: d?.DomainId }));
  const domain = described.Domain;
  return { id: domain?.DomainId ?? '', description: domain?.Description, name: domain?.Name ?? '', kmsKeyId: domain?.ServerSideEncryptionConfiguration?.KmsKeyId ?? '' };
}

function expectSuccess(r: WorkflowRun, job: string): void {
  expect(r.jobs[job]?.result, failures(r)).toBe('success');
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, region: 'us-east-1' });
  console_ = new VoiceIDClient({ endpoint: emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDCONSOLEUSER', secretAccessKey: 'console-secret' } });
  world = await newWorld({ dir: userRepository(), env: { AWS_ENDPOINT_URL: emulator.endpoint } });
  // The estate on main is live before the loop starts: the first apply on main (no pull request, so no reviewed plan).
  const first = await run('apply', { event: 'push', stubs: { reviewed: { found: 'false' } } });
  expectSuccess(first, 'apply');
});

afterAll(async () => {
  console_.destroy();
  await world.close();
  await emulator.close();
  removeScratch();
});

describe('the GitOps loop', () => {
  it('plans a pull request that changes the YAML and posts the masked plan as the sticky comment', async () => {
    edit('support.yaml', 'description: Customer support line', 'description: Customer support line - 24x7');
    appendFileSync(join(world.repo.dir, 'voiceid/prod/optouts/support.txt'), 'customer-0005\n');
    const r = await prPlan('1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b', 'a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e');
    expectSuccess(r, 'plan');
    expect(stepOf(r.jobs.plan, 'plan').outputs).toMatchObject({ exitcode: '2', 'has-changes': 'true' });
    const [comment] = stickyComments();
    expect(comment?.body.split('\n')[0]).toBe(PLAN_MARKER);
    expect(comment?.body).toContain('**Plan: 0 to add, 1 to change, 0 to delete, 1 speaker to opt out, 0 jobs to start.**');
    expect(comment?.body).toContain('Customer support line - 24x7');
    expect(comment?.body).toContain(MASKED_0005);
    expect(comment?.body).not.toContain('customer-0005');
    expect(comment?.body).toContain('for commit 1a2b3c4'); // the PR head, not the merge commit
  });

  it('keeps exactly one comment for the stack after a second push, edited to the new plan', async () => {
    edit('sales.yaml', 'team: sales', 'team: sales\n      cost-center: cc-42');
    reviewedRun = await prPlan('2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c', 'b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f');
    expectSuccess(reviewedRun, 'plan');
    const comments = stickyComments();
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('**Plan: 0 to add, 2 to change, 0 to delete, 1 speaker to opt out, 0 jobs to start.**');
    expect(comments[0]?.body).toContain('for commit 2b3c4d5');
    expect(world.github.requests.filter((q) => q.method === 'PATCH').map((q) => q.path)).toEqual([`/repos/acme/voice/issues/comments/${comments[0]?.id}`]);
  });

  it('applies the reviewed plan on merge, and the live state then plans empty', async () => {
    const r = await run('apply', { event: 'push', sha: '3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d', stubs: { reviewed: { found: 'true', 'run-id': String(reviewedRun.runId) } } });
    expectSuccess(r, 'apply');
    const applied = stepOf(r.jobs.apply, 'reviewed_apply');
    expect(applied.outputs).toMatchObject({ exitcode: '0', 'error-code': '' });
    expect(toolOutput(applied).stdout).toContain('Verified: live state matches the desired state.');
    expect(stepOf(r.jobs.apply, 'Re-plan and apply (no reviewed plan, or it is stale)').outcome).toBe('skipped');
    expect((await supportDomain()).description).toBe('Customer support line - 24x7');
    const speaker = await console_.send(new DescribeSpeakerCommand({ DomainId: (await supportDomain()).id, SpeakerId: 'customer-0005' }));
    expect(speaker.Speaker?.Status).toBe('OPTED_OUT');
    const clean = await run('drift', { event: 'schedule' });
    expect(stepOf(clean.jobs.detect, 'plan').outputs).toMatchObject({ exitcode: '0', 'has-changes': 'false' });
    expect(driftIssues()).toEqual([]);
  });

  it('opens the drift issue with the masked plan after a change made outside Git, without correcting it', async () => {
    const d = await supportDomain();
    await console_.send(new UpdateDomainCommand({ DomainId: d.id, Name: d.name, Description: 'Edited in the console', ServerSideEncryptionConfiguration: { KmsKeyId: d.kmsKeyId } }));
    await console_.send(new DeleteSpeakerCommand({ DomainId: d.id, SpeakerId: 'customer-0001' }));
    const r = await run('drift', { event: 'schedule' });
    expectSuccess(r, 'detect');
    expect(r.jobs.correct?.result).toBe('skipped');
    const [issue] = driftIssues();
    expect(issue?.title).toBe('Voice ID drift in stack quickstart');
    expect(issue?.labels).toEqual(['voiceid-drift']);
    expect(issue?.body).toContain('Plan: 0 to add, 1 to change, 0 to delete, 1 speaker to opt out, 0 jobs to start.');
    expect(issue?.body).toContain('Edited in the console');
    expect(issue?.body).toContain(MASKED_0001);
    expect(issue?.body).not.toContain('customer-0001');
    expect((await supportDomain()).description).toBe('Edited in the console');
  });

  it('corrects the drift when VOICEID_DRIFT_AUTO_APPLY is true and closes the issue from the clean re-plan', async () => {
    const r = await run('drift', { event: 'schedule' }, { VOICEID_DRIFT_AUTO_APPLY: 'true' });
    expectSuccess(r, 'detect');
    expectSuccess(r, 'correct');
    expect(stepOf(r.jobs.correct, 'drift').outputs).toEqual({ drifted: 'true' });
    expect(stepOf(r.jobs.correct, 'replan').outputs).toMatchObject({ exitcode: '0', 'has-changes': 'false' });
    const fixed = await supportDomain();
    expect(fixed.description).toBe('Customer support line - 24x7');
    expect((await console_.send(new DescribeSpeakerCommand({ DomainId: fixed.id, SpeakerId: 'customer-0001' }))).Speaker?.Status).toBe('OPTED_OUT');
    const [issue] = driftIssues();
    expect([issue?.state, issue?.stateReason]).toEqual(['closed', 'completed']);
    expect(world.github.commentsOn(issue?.number ?? 0)).toHaveLength(1);
  });

  it('finds nothing on the next scheduled run and opens no new issue', async () => {
    const r = await run('drift', { event: 'schedule' }, { VOICEID_DRIFT_AUTO_APPLY: 'true' });
    expectSuccess(r, 'correct');
    expect(toolOutput(stepOf(r.jobs.detect, 'Open, update or close the drift issue')).stdout).toBe('stack quickstart: no drift and no open drift issue\n');
    expect(stepOf(r.jobs.correct, 'Apply the YAML to correct the drift').outcome).toBe('skipped');
    expect(driftIssues()).toHaveLength(1);
  });

  it('closes a drift issue from the next scheduled run once the drift was re-applied by hand', async () => {
    const d = await supportDomain();
    await console_.send(new UpdateDomainCommand({ DomainId: d.id, Name: d.name, Description: 'Edited again', ServerSideEncryptionConfiguration: { KmsKeyId: d.kmsKeyId } }));
    expectSuccess(await run('drift', { event: 'schedule' }), 'detect');
    const reopened = driftIssues().filter((i) => i.state === 'open');
    expect(reopened.map((i) => i.number)).toEqual([3]);
    expectSuccess(await run('apply', { event: 'workflow_dispatch', stubs: { reviewed: { found: 'false' } } }), 'apply');
    const next = await run('drift', { event: 'schedule' });
    expectSuccess(next, 'detect');
    expect(toolOutput(stepOf(next.jobs.detect, 'Open, update or close the drift issue')).stdout).toBe('stack quickstart: closed the drift issue acme/voice#3: https://github.com/acme/voice/issues/3\n');
    expect(driftIssues().map((i) => i.state)).toEqual(['closed', 'closed']);
  });

  it('never showed a customer speaker id or the session credentials in any log, summary, comment or issue', () => {
    const shown = everythingShown();
    expect(shown).toContain(MASKED_0005);
    expect(shown).not.toMatch(/customer-\d{4}/);
    expect(shown).not.toContain('e2e-oidc-session-secret');
    expect(shown).not.toContain('e2e-session-for-');
  });
});
