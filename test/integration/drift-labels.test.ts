/**
 * PLAN.md §11 end to end: apply records what it made live; a change made afterwards with the real SDK client (as
 * someone in the console would) is labelled "changed outside voiceid-gitops" by the next plan in text, markdown and
 * JSON, while a change that comes from editing the YAML is not.
 */
import { DescribeDomainCommand, ListDomainsCommand, TagResourceCommand, UpdateDomainCommand, VoiceIDClient } from '@aws-sdk/client-voice-id';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { ENV, workspace } from './plan-emulator.js';
import type { Workspace } from './plan-emulator.js';

const YAML = (description: string) => `version: 1
stack: prod
domains:
  support:
    description: ${description}
    kmsKeyId: alias/voiceid
    tags: { team: cc }
`;

let ws: Workspace;
let client: VoiceIDClient;
beforeEach(async () => {
  ws = await workspace();
  client = new VoiceIDClient({ endpoint: ws.emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: ENV.AWS_ACCESS_KEY_ID, secretAccessKey: ENV.AWS_SECRET_ACCESS_KEY } });
  await ws.write('stack/main.yaml', YAML('Support line'));
  expect((await ws.cli(['apply', 'stack', '--auto-approve'])).code).toBe(0);
});
afterEach(async () => {
  client.destroy();
  await ws.close();
});

async function theDomain() {
  const id = (await client.send(new ListDomainsCommand({}))).DomainSummaries![0]!.DomainId!;
  return (await client.send(new DescribeDomainCommand({ DomainId: id }))).Domain!;
}

test('a name and a tag changed outside voiceid-gitops are labelled in text, markdown and JSON', async () => {
  const d = await theDomain();
  await client.send(new UpdateDomainCommand({ DomainId: d.DomainId!, Name: 'renamed-in-console', Description: d.Description!, ServerSideEncryptionConfiguration: { KmsKeyId: d.ServerSideEncryptionConfiguration!.KmsKeyId! } }));
  await client.send(new TagResourceCommand({ ResourceArn: d.Arn!, Tags: [{ Key: 'team', Value: 'hacked' }] }));

  const json = JSON.parse((await ws.cli(['plan', 'stack', '--format', 'json'])).stdout) as { changes: { address: string; changedOutside?: string[] }[]; summary: { outside: number } };
  expect(json.changes.map((c) => [c.address, c.changedOutside])).toEqual([
    ['domain.support', ['name']],
    ['domain.support.tags', ['tags']],
    // The record already holds what the YAML says: correcting the drift does not rewrite it.
  ]);
  expect(json.summary.outside).toBe(2);
  const text = (await ws.cli(['plan', 'stack'])).stdout;
  expect(text).toContain('~ domain.support (');
  expect(text).toMatch(/domain\.support \(\w{22}\) \(changed outside voiceid-gitops: name\)/);
  expect(text).toContain('domain.support.tags (changed outside voiceid-gitops: tags)');
  const md = (await ws.cli(['plan', 'stack', '--format', 'markdown'])).stdout;
  expect(md).toContain('changed outside voiceid-gitops: name');
  expect(md).toContain('changed outside voiceid-gitops: tags');

  // Applying corrects the drift and records it again: the next plan is empty.
  expect((await ws.cli(['apply', 'stack', '--auto-approve'])).code).toBe(0);
  expect(JSON.parse((await ws.cli(['plan', 'stack', '--format', 'json'])).stdout).changes).toEqual([]);
});

test('a change that comes from editing the YAML is not labelled', async () => {
  await ws.write('stack/main.yaml', YAML('Edited in the pull request'));
  const json = JSON.parse((await ws.cli(['plan', 'stack', '--format', 'json'])).stdout) as { changes: { address: string; changedOutside?: string[] }[]; summary: { outside: number } };
  expect(json.changes.map((c) => [c.address, c.changedOutside])).toEqual([
    ['domain.support', undefined],
    ['domain.support.applied-record', undefined],
  ]);
  expect(json.summary.outside).toBe(0);
  expect((await ws.cli(['plan', 'stack'])).stdout).not.toContain('outside voiceid-gitops:');
});
