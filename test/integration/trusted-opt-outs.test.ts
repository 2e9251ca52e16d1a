/**
 * PLAN.md §13 end to end, with a real git repository made in the test and the real SDK clients against the emulator:
 * apply records its evidence (commit, times, digest); the next plan reads live only the ids the commit since added
 * (counted by the emulator's call counters) and says what it trusted in text, markdown and JSON; `--refresh`, stale
 * evidence, no git, and evidence of another commit or stack read everything and say why; an id deleted out of band
 * and enrolled again is invisible to a trusted plan and found by the next full read (the drift run's).
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteSpeakerCommand, ListDomainsCommand, ListTagsForResourceCommand, DescribeDomainCommand, TagResourceCommand, VoiceIDClient } from '@aws-sdk/client-voice-id';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENV, workspace } from './plan-emulator.js';
import type { Workspace } from './plan-emulator.js';
import { parseEvidence, withoutEvidence } from '../../src/plan/applied-record.js';

const GIT_ENV = { ...ENV, PATH: process.env.PATH ?? '/usr/bin:/bin' };
const APPLIED_AT = new Date('2026-11-21T00:00:00Z');
const at = (iso: string) => ({ now: () => new Date(iso) });
const ids = (from: number, to: number): string[] => Array.from({ length: to - from }, (_, i) => `cust-${String(from + i).padStart(4, '0')}`);
const yaml = (stack = 'prod') => `version: 1\nstack: ${stack}\ndomains:\n  support:\n    kmsKeyId: alias/voiceid\n    optedOutSpeakersFile: ids.txt\n`;

interface TrustJson { domainKey: string; declared: number; trusted: number; read: number; commit?: string; appliedAt?: string; fullCheckAt?: string; reason?: string }
interface PlanJson { changes: { address: string; action: string; speakerIds?: string[]; changedOutside?: string[] }[]; trust?: TrustJson[] }

let ws: Workspace;
let client: VoiceIDClient;
let first: string;
let second: string;

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], { cwd: ws.dir, encoding: 'utf8' }).trim();
}
async function commit(idList: readonly string[], stack = 'prod'): Promise<string> {
  await ws.write('stack/main.yaml', yaml(stack));
  await ws.write('stack/ids.txt', `${idList.join('\n')}\n`);
  git('add', '-A');
  git('commit', '-q', '-m', `ids ${idList.length}`);
  return git('rev-parse', 'HEAD');
}
const speakerReads = (): { describe: number; list: number } => {
  const c = ws.emulator.admin.callCounts();
  return { describe: c.DescribeSpeaker ?? 0, list: c.ListSpeakers ?? 0 };
};
async function plan(extra: string[] = [], deps = {}): Promise<{ json: PlanJson; reads: { describe: number; list: number } }> {
  ws.emulator.admin.resetCallCounts();
  const r = await ws.cli(['plan', 'stack', '--format', 'json', '--show-sensitive', ...extra], { env: GIT_ENV, ...deps });
  expect(r.code, r.stderr).toBe(0);
  return { json: JSON.parse(r.stdout) as PlanJson, reads: speakerReads() };
}
async function domain() {
  const id = (await client.send(new ListDomainsCommand({}))).DomainSummaries![0]!.DomainId!;
  return (await client.send(new DescribeDomainCommand({ DomainId: id }))).Domain!;
}
async function record(): Promise<string> {
  const tags = (await client.send(new ListTagsForResourceCommand({ ResourceArn: (await domain()).Arn! }))).Tags ?? [];
  return tags.find((t) => t.Key === 'voiceid-gitops:applied')!.Value!;
}
async function setRecord(value: string): Promise<void> {
  await client.send(new TagResourceCommand({ ResourceArn: (await domain()).Arn!, Tags: [{ Key: 'voiceid-gitops:applied', Value: value }] }));
}

beforeAll(async () => {
  ws = await workspace();
  client = new VoiceIDClient({ endpoint: ws.emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: ENV.AWS_ACCESS_KEY_ID, secretAccessKey: ENV.AWS_SECRET_ACCESS_KEY } });
  git('init', '-q');
  first = await commit(ids(0, 20));
  const applied = await ws.cli(['apply', 'stack', '--auto-approve'], { env: GIT_ENV, now: () => APPLIED_AT });
  expect(applied.code, applied.stderr).toBe(0);
  // The pull request: three more ids, committed.
  second = await commit(ids(0, 23));
});
afterAll(async () => {
  client.destroy();
  await ws.close();
});

describe('evidence', () => {
  test('apply records the commit, the apply time and the full check, compactly and without speaker ids', async () => {
    const value = await record();
    expect(parseEvidence(value)).toEqual({ commit: first.slice(0, 12), appliedAt: APPLIED_AT.getTime() / 1000, fullCheckAt: APPLIED_AT.getTime() / 1000 });
    expect(value).toMatch(/^v1 n=\S{10} d=\S{10} k=\S{10} t=\S{10} o=\S{10} c=[0-9a-f]{12} a=[0-9a-z]+ f=[0-9a-z]+$/);
    expect(value.length).toBeLessThan(120);
    expect(value).not.toContain('cust-');
  });
});

describe('plan trusts what the evidence covers', () => {
  test('reads only the ids added since the recorded commit, and says what it trusted in JSON, text and markdown', async () => {
    const { json, reads } = await plan([], at('2026-11-23T00:00:00Z'));
    expect(reads).toEqual({ describe: 3, list: 0 });
    expect(json.changes.map((c) => [c.address, c.action, c.speakerIds])).toEqual([
      ['domain.support.opt-outs', 'opt-out', ids(20, 23)],
      ['domain.support.applied-record', 'update', undefined],
    ]);
    expect(json.trust).toEqual([{ domainKey: 'support', declared: 23, trusted: 20, read: 3, commit: first.slice(0, 7), appliedAt: '2026-11-21T00:00:00.000Z', fullCheckAt: '2026-11-21T00:00:00.000Z' }]);
    const line = `trusted: 20 ids opted out by apply of ${first.slice(0, 7)} on 2026-11-21, last full check 2026-11-21; 3 ids read live`;
    expect((await ws.cli(['plan', 'stack'], { env: GIT_ENV, ...at('2026-11-23T00:00:00Z') })).stdout).toContain(`domain.support.opt-outs: ${line}`);
    expect((await ws.cli(['plan', 'stack', '--format', 'markdown'], { env: GIT_ENV, ...at('2026-11-23T00:00:00Z') })).stdout).toContain(`- \`domain.support.opt-outs\`: ${line}`);
  });

  test('the same changes as a full read when nothing drifted', async () => {
    const trusted = await plan([], at('2026-11-23T00:00:00Z'));
    const full = await plan(['--refresh'], at('2026-11-23T00:00:00Z'));
    // Only the evidence in the record differs: the full read's own full check.
    const noEvidence = (p: PlanJson): string => JSON.stringify(p.changes).replace(/"(v1 [^"]*)"/g, (_, v: string) => `"${withoutEvidence(v)}"`);
    expect(noEvidence(full.json)).toEqual(noEvidence(trusted.json));
    expect(full.json.changes.length).toBe(2);
  });

  test('--refresh reads every declared id', async () => {
    const { json, reads } = await plan(['--refresh'], at('2026-11-23T00:00:00Z'));
    expect(reads.describe + reads.list * 100).toBeGreaterThanOrEqual(23);
    expect(reads.describe).toBe(23);
    expect(json.trust).toEqual([{ domainKey: 'support', declared: 23, trusted: 0, read: 23, reason: '--refresh reads every declared id' }]);
  });

  test('evidence older than --max-trust-age (7 days by default) is not trusted', async () => {
    const stale = await plan([], at('2026-11-28T00:00:01Z'));
    expect(stale.reads.describe).toBe(23);
    expect(stale.json.trust?.[0]?.reason).toBe('the last full check (2026-11-21) is older than --max-trust-age 7d');
    const longer = await plan(['--max-trust-age', '30d'], at('2026-11-28T00:00:01Z'));
    expect(longer.reads.describe).toBe(3);
    const none = await plan(['--max-trust-age', '0'], at('2026-11-21T00:00:01Z'));
    expect(none.reads.describe).toBe(23);
  });

  test('without git history everything is read', async () => {
    const bare = await mkdtemp(join(tmpdir(), 'voiceid-nogit-'));
    try {
      await mkdir(join(bare, 'stack'));
      await writeFile(join(bare, 'stack/main.yaml'), yaml());
      await writeFile(join(bare, 'stack/ids.txt'), `${ids(0, 23).join('\n')}\n`);
      const { json, reads } = await plan([], { cwd: bare, ...at('2026-11-23T00:00:00Z') });
      expect(reads.describe).toBe(23);
      expect(json.trust?.[0]?.reason).toBe('not a git repository');
      expect(json.changes.map((c) => c.address)).toEqual(['domain.support.opt-outs', 'domain.support.applied-record']);
    } finally {
      await rm(bare, { recursive: true, force: true });
    }
  });

  test('evidence of another commit or another stack is not trusted', async () => {
    const original = await record();
    try {
      await setRecord(original.replace(/c=[0-9a-f]+/, 'c=0123456789ab'));
      expect((await plan([], at('2026-11-23T00:00:00Z'))).json.trust?.[0]?.reason).toBe("commit 0123456 is not in this clone's history (a shallow clone? fetch it with fetch-depth: 0)");
      // The record names the pull request's commit, whose list is not the one the record's digest is of.
      await setRecord(original.replace(/c=[0-9a-f]+/, `c=${second.slice(0, 12)}`));
      const other = await plan([], at('2026-11-23T00:00:00Z'));
      expect(other.reads.describe).toBe(23);
      expect(other.json.trust?.[0]?.reason).toMatch(/^the opt-out list at [0-9a-f]{7} does not match the record's digest/);
      // A commit where the same list belonged to another stack.
      const staging = await commit(ids(0, 20), 'staging');
      await commit(ids(0, 23));
      await setRecord(original.replace(/c=[0-9a-f]+/, `c=${staging.slice(0, 12)}`));
      const foreign = await plan([], at('2026-11-23T00:00:00Z'));
      expect(foreign.reads.describe).toBe(23);
      expect(foreign.json.trust?.[0]?.reason).toBe(`the YAML at ${staging.slice(0, 7)} is for stack staging, not prod`);
    } finally {
      await setRecord(original);
    }
  });
});

describe('drift', () => {
  test('an id deleted out of band and enrolled again: a trusted plan does not see it, the next full read finds it', async () => {
    const d = await domain();
    await client.send(new DeleteSpeakerCommand({ DomainId: d.DomainId!, SpeakerId: 'cust-0007' }));
    await ws.emulator.admin.enroll(d.DomainId!, ['cust-0007']);
    const trusted = await plan([], at('2026-11-23T00:00:00Z'));
    expect(trusted.json.changes.find((c) => c.action === 'opt-out')?.speakerIds).toEqual(ids(20, 23));
    const full = await plan(['--refresh'], at('2026-11-23T00:00:00Z'));
    expect(full.json.changes.find((c) => c.action === 'opt-out')?.speakerIds).toEqual(['cust-0007', ...ids(20, 23)]);
  });
});

describe('apply records what it verified', () => {
  test('the reviewed plan applied a day later: reads only the new ids, records its own commit and carries the old full check forward; apply --refresh records a new one', async () => {
    const saved = await ws.cli(['plan', 'stack', '--out', 'plan.json'], { env: GIT_ENV, ...at('2026-11-23T00:00:00Z') });
    expect(saved.code, saved.stderr).toBe(0);
    ws.emulator.admin.resetCallCounts();
    const applied = await ws.cli(['apply', '--plan', 'plan.json', '--auto-approve'], { env: GIT_ENV, ...at('2026-11-24T00:00:00Z') });
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    // Its plan read the 3 new ids (and trusted cust-0007, which is still enrolled: the drift run finds it).
    expect(speakerReads().describe).toBe(3);
    const after = parseEvidence(await record());
    expect(after).toEqual({ commit: git('rev-parse', 'HEAD').slice(0, 12), appliedAt: Date.parse('2026-11-24T00:00:00Z') / 1000, fullCheckAt: APPLIED_AT.getTime() / 1000 });
    const refreshed = await ws.cli(['apply', 'stack', '--auto-approve', '--refresh'], { env: GIT_ENV, ...at('2026-11-25T00:00:00Z') });
    expect(refreshed.code, refreshed.stdout).toBe(0);
    expect(parseEvidence(await record()).fullCheckAt).toBe(Date.parse('2026-11-25T00:00:00Z') / 1000);
    // The full read found cust-0007 and opted it out again.
    const clean = await plan(['--refresh'], at('2026-11-25T00:00:00Z'));
    expect(clean.json.changes).toEqual([]);
  });

  test('a dirty working tree records no commit, and the next plan reads everything and says why', async () => {
    await ws.write('stack/ids.txt', `${ids(0, 24).join('\n')}\n`);
    const applied = await ws.cli(['apply', 'stack', '--auto-approve'], { env: GIT_ENV, ...at('2026-11-26T00:00:00Z') });
    expect(applied.code, applied.stdout).toBe(0);
    expect(parseEvidence(await record()).commit).toBeUndefined();
    const { json, reads } = await plan([], at('2026-11-26T00:00:00Z'));
    expect(reads.describe).toBe(24);
    expect(json.trust?.[0]?.reason).toBe('the last apply recorded no commit (its YAML had uncommitted changes, or no git)');
  });

  test('an apply with nothing to change records a full check when the recorded one is missing or stale', async () => {
    git('add', '-A');
    git('commit', '-q', '-m', 'ids 24');
    const applied = await ws.cli(['apply', 'stack', '--auto-approve'], { env: GIT_ENV, ...at('2026-12-10T00:00:00Z') });
    expect(applied.code, applied.stdout).toBe(0);
    expect(applied.stdout).toContain('domain.support.applied-record');
    expect(parseEvidence(await record())).toEqual({ commit: git('rev-parse', 'HEAD').slice(0, 12), appliedAt: Date.parse('2026-12-10T00:00:00Z') / 1000, fullCheckAt: Date.parse('2026-12-10T00:00:00Z') / 1000 });
    const { json, reads } = await plan([], at('2026-12-11T00:00:00Z'));
    expect(reads).toEqual({ describe: 0, list: 0 });
    expect(json.changes).toEqual([]);
    expect(json.trust?.[0]).toMatchObject({ trusted: 24, read: 0 });
    // Fresh evidence: the next apply with nothing to change writes nothing.
    ws.emulator.admin.resetCallCounts();
    expect((await ws.cli(['apply', 'stack', '--auto-approve'], { env: GIT_ENV, ...at('2026-12-11T00:00:00Z') })).code).toBe(0);
    expect(ws.emulator.admin.callCounts().TagResource ?? 0).toBe(0);
  });
});

describe('plan --refresh records its full check (R13.7)', () => {
  test('a full read that confirms the record moves its last full check, so the next week of plans trusts again', async () => {
    const before = parseEvidence(await record());
    ws.emulator.admin.resetCallCounts();
    const r = await ws.cli(['plan', 'stack', '--refresh', '--detailed-exitcode'], { env: GIT_ENV, ...at('2026-12-20T00:00:00Z') });
    // Nothing drifted: no changes (exit 0), one TagResource of the record and no other write.
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('No changes');
    expect(r.stderr).toContain('Recorded this full check in the voiceid-gitops:applied tag of domain.support');
    const counts = ws.emulator.admin.callCounts();
    expect([counts.TagResource, counts.DescribeSpeaker]).toEqual([1, 24]);
    expect(parseEvidence(await record())).toEqual({ ...before, fullCheckAt: Date.parse('2026-12-20T00:00:00Z') / 1000 });
    // 2026-12-10's check had expired on 2026-12-17; this one is trusted until 2026-12-27.
    const { json, reads } = await plan([], at('2026-12-26T00:00:00Z'));
    expect(reads).toEqual({ describe: 0, list: 0 });
    expect(json.trust?.[0]).toMatchObject({ trusted: 24, read: 0, fullCheckAt: '2026-12-20T00:00:00.000Z' });
  });

  test('a full read that finds drift records nothing, and plan without --refresh never writes', async () => {
    const before = await record();
    const d = await domain();
    await client.send(new DeleteSpeakerCommand({ DomainId: d.DomainId!, SpeakerId: 'cust-0003' }));
    await ws.emulator.admin.enroll(d.DomainId!, ['cust-0003']);
    ws.emulator.admin.resetCallCounts();
    const r = await ws.cli(['plan', 'stack', '--refresh', '--detailed-exitcode'], { env: GIT_ENV, ...at('2026-12-22T00:00:00Z') });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).not.toContain('Recorded this full check');
    expect(ws.emulator.admin.callCounts().TagResource ?? 0).toBe(0);
    expect(await record()).toBe(before);
    ws.emulator.admin.resetCallCounts();
    expect((await ws.cli(['plan', 'stack'], { env: GIT_ENV, ...at('2027-01-30T00:00:00Z') })).code).toBe(0);
    expect(ws.emulator.admin.callCounts().TagResource ?? 0).toBe(0);
  });
});
