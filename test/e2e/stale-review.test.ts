/**
 * Merge after live state moved: the plan reviewed on the pull request no longer matches live Voice ID state (a tag
 * added in the console after the review), so the example apply workflow's reviewed-plan step refuses it with
 * PLAN_STALE, changes nothing, and the re-plan step applies the merged YAML instead. In-test emulator, fake GitHub.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeDomainCommand, ListDomainsCommand, TagResourceCommand, VoiceIDClient } from '@aws-sdk/client-voice-id';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { annotationsOf } from './helpers/annotations.js';
import { runWorkflow } from './helpers/runner.js';
import { failures, stepOf, toolOutput, type Trigger } from './helpers/run-records.js';
import { removeScratch } from './helpers/scratch.js';
import { newWorld, pullRequestEvent, userRepository, type World } from './helpers/world.js';

const VARS = { AWS_REGION: 'us-east-1', VOICEID_PLAN_ROLE_ARN: 'arn:aws:iam::111122223333:role/voiceid-plan', VOICEID_APPLY_ROLE_ARN: 'arn:aws:iam::111122223333:role/voiceid-apply' };

let emulator: RunningEmulator;
let console_: VoiceIDClient;
let world: World;

const run = (workflow: 'plan' | 'apply', trigger: Omit<Trigger, 'vars'>) => runWorkflow(world.repo, `.github/workflows/voiceid-${workflow}.yml`, { ...trigger, vars: VARS });

async function supportDomain() {
  const listed = await console_.send(new ListDomainsCommand({}));
  const id = listed.DomainSummaries?.find((d) => d.Name === 'support-line')?.DomainId;
  return (await console_.send(new DescribeDomainCommand({ DomainId: id }))).Domain;
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, region: 'us-east-1' });
  console_ = new VoiceIDClient({ endpoint: emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDCONSOLEUSER', secretAccessKey: 'console-secret' } });
  world = await newWorld({ dir: userRepository(), env: { AWS_ENDPOINT_URL: emulator.endpoint } });
  const first = await run('apply', { event: 'push', stubs: { reviewed: { found: 'false' } } });
  expect(first.jobs.apply?.result, failures(first)).toBe('success');
});

afterAll(async () => {
  console_.destroy();
  await world.close();
  await emulator.close();
  removeScratch();
});

it('refuses the stale reviewed plan with PLAN_STALE, changes nothing with it, and applies a fresh plan', async () => {
  const support = join(world.repo.dir, 'voiceid/prod/support.yaml');
  writeFileSync(support, readFileSync(support, 'utf8').replace('description: Customer support line', 'description: Support line - reviewed'));
  const reviewed = await run('plan', { event: 'pull_request', sha: '7777777', payload: pullRequestEvent(world, '7777777') });
  expect(reviewed.jobs.plan?.result, failures(reviewed)).toBe('success');
  await console_.send(new TagResourceCommand({ ResourceArn: (await supportDomain())?.Arn, Tags: [{ Key: 'owner', Value: 'console-user' }] }));

  const r = await run('apply', { event: 'push', stubs: { reviewed: { found: 'true', 'run-id': String(reviewed.runId) } } });
  expect(r.jobs.apply?.result, failures(r)).toBe('success');
  const stale = stepOf(r.jobs.apply, 'reviewed_apply');
  expect([stale.outcome, stale.conclusion, stale.outputs['error-code']]).toEqual(['failure', 'success', 'PLAN_STALE']);
  expect(toolOutput(stale).stdout).not.toContain('applied');
  // The error that ended apply reaches the step as a run annotation (no file: it is about the saved plan).
  expect(annotationsOf(stale).map((a) => [a.level, a.properties, a.message.split('\n')[0]])).toEqual([
    ['error', { title: 'PLAN_STALE' }, expect.stringMatching(/^the saved plan is not what the same YAML and live Voice ID state plan now .* differs at changes\[domain.support.tags\]/)],
  ]);
  const fresh = stepOf(r.jobs.apply, 'Re-plan and apply (no reviewed plan, or it is stale)');
  expect(fresh.outputs).toMatchObject({ exitcode: '0', 'error-code': '' });
  expect(toolOutput(fresh).stdout).toContain('Verified: live state matches the desired state.');
  expect((await supportDomain())?.Description).toBe('Support line - reviewed');
});
