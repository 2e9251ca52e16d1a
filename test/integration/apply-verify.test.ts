/**
 * A6.3 through the CLI and the real SDK: apply verifies from the answers of its writes, re-reading only the tags of
 * retagged domains, and what someone else changes between apply's calls is still reported.
 */
import { ListTagsForResourceCommand, UntagResourceCommand, VoiceIDClient } from '@aws-sdk/client-voice-id';
import { beforeEach, describe, expect, test } from 'vitest';
import { ENV, owner, supportStack, workspacePerTest } from './plan-emulator.js';
import { startHookProxy } from './hook-proxy.js';

const YAML = supportStack(['cust-01', 'cust-02', 'cust-03']);

const ws = workspacePerTest({ 'stack/main.yaml': YAML });
let arn: string;
beforeEach(async () => {
  const seeded = await ws.emulator.admin.seed({
    domains: [{
      name: 'support', description: 'Old', tags: { ...owner('prod', 'support'), team: 'old' },
      speakers: [{ customerSpeakerId: 'cust-01', status: 'ENROLLED' }, { customerSpeakerId: 'cust-02', status: 'OPTED_OUT' }],
      bulkSpeakers: { count: 30, prefix: 'other-' },
    }],
  });
  arn = seeded.domainArns[0]!;
});

const sdk = (): VoiceIDClient => new VoiceIDClient({ endpoint: ws.emulator.endpoint, region: ENV.AWS_REGION, credentials: { accessKeyId: 'other', secretAccessKey: 'other' } });

function diff(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [op, n] of Object.entries(after)) if (n - (before[op] ?? 0) > 0) out[op] = n - (before[op] ?? 0);
  return out;
}

describe('apply verification from the answers', () => {
  test('verifies with no second read: the reads of one plan, the writes, and one ListTagsForResource', async () => {
    const c0 = ws.emulator.admin.callCounts();
    expect((await ws.cli(['plan', 'stack'])).code).toBe(0);
    const c1 = ws.emulator.admin.callCounts();
    const planReads = diff(c1, c0);
    const r = await ws.cli(['apply', 'stack', '--auto-approve']);
    expect(r.stdout).toContain('Verified: live state matches the desired state.');
    expect(r.code).toBe(0);
    const applyCalls = diff(ws.emulator.admin.callCounts(), c1);
    // Writes: UpdateDomain, two TagResource (the user tag; the last-applied record, PLAN.md), two OptOutSpeaker.
    const writes = { UpdateDomain: 1, TagResource: 2, OptOutSpeaker: 2 };
    const expected: Record<string, number> = { ...planReads, ...writes, ListTagsForResource: (planReads.ListTagsForResource ?? 0) + 1 };
    expect(applyCalls).toEqual(expected);
    // And it is true: a fresh plan is empty.
    expect((await ws.cli(['plan', 'stack', '--detailed-exitcode'])).code).toBe(0);
  });

  test('a tag removed by someone else between TagResource and the verification is reported, exit 1', async () => {
    const other = sdk();
    const proxy = await startHookProxy(ws.emulator.endpoint, 'TagResource', async () => {
      await other.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['team'] }));
    });
    try {
      const r = await ws.raw(['apply', 'stack', '--auto-approve', '--endpoint-url', proxy.endpoint]);
      expect(proxy.ran()).toBe(true);
      expect(r.stdout).toContain('Apply complete');
      expect(r.stdout).toMatch(/Not verified: live state still differs from the desired state:\n {2}domain\.support\.tags: update/);
      expect(r.code).toBe(1);
      // The report is the truth: the tag is gone.
      const tags = (await other.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags ?? [];
      expect(tags.map((t) => t.Key)).not.toContain('team');
    } finally {
      other.destroy();
      await proxy.close();
    }
  });
});
