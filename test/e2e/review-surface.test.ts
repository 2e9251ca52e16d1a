/**
 * The review surface as a reviewer gets it (issue 9): `plan --out` against the emulator, then `comment`, which
 * posts through the fake GitHub server over real HTTP and writes the job summary. The CLI runs in-process (one
 * emulator, one fake GitHub for the file); each case is a stack of its own.
 */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateDomainCommand, ListDomainsCommand, UpdateDomainCommand, VoiceIDClient } from '@aws-sdk/client-voice-id';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from './helpers/fake-github.js';
import { ENV, KEY_ARN, owner, workspace, type Workspace } from '../integration/plan-emulator.js';

const RUN = 'https://github.com/acme/voice/actions/runs/42';
let ws: Workspace;
let gh: FakeGitHub;
let pr: number;

beforeAll(async () => {
  ws = await workspace();
  gh = await startFakeGitHub({ owner: 'acme', repo: 'voice' });
  gh.grant('ghs_review', { 'pull-requests': 'write', issues: 'write' });
  pr = gh.openPullRequest('voice id change').number;
  await ws.write('event.json', JSON.stringify({ pull_request: { number: pr, head: { sha: 'abcdef0123456789' } } }));
});

afterAll(async () => {
  await gh.close();
  await ws.close();
});

interface Reviewed {
  readonly planCode: number;
  readonly body: string;
  readonly summary: string;
}

/** `plan stacks/NAME --out` then `comment`, as the plan workflow runs them; the comment's body and the job summary. */
async function planAndComment(name: string): Promise<Reviewed> {
  const planned = await ws.cli(['plan', `stacks/${name}`, '--out', `${name}.json`]);
  const summaryFile = join(ws.dir, `${name}-summary.md`);
  await writeFile(summaryFile, '');
  const env = {
    ...ENV,
    GITHUB_ACTIONS: 'true',
    GITHUB_TOKEN: 'ghs_review',
    GITHUB_REPOSITORY: 'acme/voice',
    GITHUB_API_URL: gh.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '42',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: join(ws.dir, 'event.json'),
    GITHUB_STEP_SUMMARY: summaryFile,
  };
  const commented = await ws.raw(['comment', '--plan', `${name}.json`], { env });
  expect(commented.stderr).toBe('');
  expect(commented.code).toBe(0);
  const marker = `<!-- voiceid-gitops:plan stack=${name} -->`;
  const mine = gh.commentsOn(pr).filter((c) => c.body.startsWith(marker));
  expect(mine).toHaveLength(1);
  return { planCode: planned.code, body: mine[0]!.body, summary: await readFile(summaryFile, 'utf8') };
}

/** What a reviewer sees without expanding anything: everything above the first <details>. */
const firstScreen = (body: string): string => body.split('<details>')[0]!;
const codeLines = (body: string): string[] => [...body.matchAll(/```diff\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split('\n'));

function expectOneFooter(body: string): void {
  expect(body.match(/<sub>/g)).toHaveLength(1);
  expect(body).toContain(`<sub>Planned by voiceid-gitops for commit abcdef0 in [this run](${RUN}). Speaker ids are masked.</sub>`);
}

const voiceId = (): VoiceIDClient =>
  new VoiceIDClient({ endpoint: ws.emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDCONSOLE', secretAccessKey: 'console' } });

it('KMS change and opt-outs: both are lines of the first screen, with old -> new key, counts, source file and digest', async () => {
  const ids = Array.from({ length: 15 }, (_, i) => `caller-${String(i).padStart(3, '0')}`);
  await ws.emulator.admin.seed({
    domains: [{ name: 'kms', kmsKeyId: 'alias/voiceid', tags: owner('kms', 'support'), speakers: ids.slice(0, 3).map((customerSpeakerId) => ({ customerSpeakerId, status: 'OPTED_OUT' as const })) }],
  });
  await ws.write('stacks/kms/optouts/ivr-main.txt', `${[...ids].reverse().join('\n')}\n`);
  await ws.write('stacks/kms/main.yaml', 'version: 1\nstack: kms\ndomains:\n  support:\n    name: kms\n    kmsKeyId: alias/voiceid-next\n    optedOutSpeakersFile: optouts/ivr-main.txt\n');
  const r = await planAndComment('kms');
  expect(r.planCode).toBe(0);
  const digest = execFileSync('bash', ['-c', 'LC_ALL=C sort -u optouts/ivr-main.txt | sha256sum'], { cwd: join(ws.dir, 'stacks/kms'), encoding: 'utf8' }).slice(0, 12);
  const top = firstScreen(r.body);
  expect(top).toMatch(/`domain\.support`: KMS re-encryption alias\/voiceid -&gt; alias\/voiceid-next: data stays under the old key until it completes; keep the old key enabled until then/);
  expect(top).toContain(`\`domain.support.opt-outs\`: 15 ids from stacks/kms/optouts/ivr-main.txt: 12 to opt out, 3 already opted out, list sha256:${digest}; one-way: their voiceprints are erased`);
  // The reasons are their own lines below the diff, not # lines inside it; no code line is cut at the box's edge.
  expect(r.body).toMatch(/^- ⚠️ `domain\.support`: KMS key change: Voice ID re-encrypts existing data asynchronously/m);
  expect(codeLines(r.body).filter((l) => l.trimStart().startsWith('#') && /KMS|opting out/.test(l))).toEqual([]);
  expect(Math.max(...codeLines(r.body).map((l) => l.length))).toBeLessThanOrEqual(100);
  expect(r.body).not.toContain('caller-0');
  expectOneFooter(r.body);
});

it('errors: the comment opens with the failure, before any count', async () => {
  await voiceId().send(new CreateDomainCommand({ Name: 'twin-line', ServerSideEncryptionConfiguration: { KmsKeyId: 'alias/voiceid' } }));
  await ws.write('stacks/errs/main.yaml', 'version: 1\nstack: errs\ndomains:\n  twin:\n    name: twin-line\n    kmsKeyId: alias/voiceid\n');
  const r = await planAndComment('errs');
  expect(r.planCode).toBe(1);
  const head = r.body.split('\n').slice(0, 5).join('\n');
  expect(head).toContain('**Plan failed: 1 error — nothing can be applied**');
  expect(r.body.indexOf('E_TWIN_NAME')).toBeLessThan(r.body.indexOf('No changes planned'));
  expectOneFooter(r.body);
});

it('drift: a change made in the console is labelled as such, a YAML edit is not', async () => {
  await ws.write('stacks/drift/main.yaml', 'version: 1\nstack: drift\ndomains:\n  line:\n    description: Support line\n    kmsKeyId: alias/voiceid\n    tags: { team: cc }\n');
  expect((await ws.cli(['apply', 'stacks/drift', '--auto-approve'])).code).toBe(0);
  expect(JSON.parse((await ws.cli(['plan', 'stacks/drift', '--format', 'json'])).stdout)).toMatchObject({ changes: [] });
  const client = voiceId();
  const live = (await client.send(new ListDomainsCommand({ MaxResults: 10 }))).DomainSummaries?.find((d) => d.Name === 'line');
  await client.send(new UpdateDomainCommand({ DomainId: live?.DomainId, Name: 'line', Description: 'Edited in the console', ServerSideEncryptionConfiguration: { KmsKeyId: live?.ServerSideEncryptionConfiguration?.KmsKeyId } }));
  await ws.write('stacks/drift/main.yaml', 'version: 1\nstack: drift\ndomains:\n  line:\n    description: Support line\n    kmsKeyId: alias/voiceid\n    tags: { team: contact-center }\n');
  const r = await planAndComment('drift');
  const top = firstScreen(r.body);
  expect(top).toContain('**1 change made outside voiceid-gitops (this plan undoes it)**');
  expect(top).toContain('`domain.line`: undoes a change made outside voiceid-gitops (description)');
  expect(r.body).toMatch(/! domain\.line \(\w+\) \(changed outside voiceid-gitops: description\)/);
  // The tag edit comes from the YAML: not labelled.
  expect(r.body).toMatch(/^! domain\.line\.tags$/m);
  expectOneFooter(r.body);
});

it('150 domains: the cut comment names every domain it leaves out and points at the job summary, which holds them all', async () => {
  const keys = Array.from({ length: 150 }, (_, i) => `line-${String(i).padStart(3, '0')}`);
  const domain = (k: string) => `  ${k}:\n    description: Contact centre line ${k} - routed through the regional IVR for the quarterly audit\n    kmsKeyId: alias/voiceid\n    tags: { team: contact-center, cost-centre: cc-${k}, owner: voice-platform }\n    watchlists:\n      high-risk: { description: Known fraud rings }\n`;
  await ws.write('stacks/big/main.yaml', `version: 1\nstack: big\ndomains:\n${keys.map(domain).join('')}`);
  const r = await planAndComment('big');
  expect(r.body.length).toBeLessThanOrEqual(65_536);
  const shown = [...r.body.matchAll(/<summary><code>domain\.(line-\d{3})<\/code>/g)].map((m) => m[1]);
  const named = [...r.body.matchAll(/^- `domain\.(line-\d{3})`: 2 changes: 2 to add$/gm)].map((m) => m[1]);
  expect(shown.length).toBeGreaterThan(0);
  expect(named.length).toBeGreaterThan(0);
  expect([...shown, ...named]).toEqual(keys);
  expect(r.body).toContain(`#### Not shown here: ${named.length} domains`);
  expect(r.body).toContain(`the whole plan is in the job summary of [this run](${RUN})`);
  // GitHub's limit as GitHub states it, not the smaller budget the comment renders to (room for its marker).
  expect(r.body).toContain("truncated to fit GitHub's 65,536-character limit;");
  // The job summary truly holds the whole plan: every domain's details, nothing cut.
  expect([...r.summary.matchAll(/<summary><code>domain\.(line-\d{3})<\/code>/g)].map((m) => m[1])).toEqual(keys);
  expect(r.summary).not.toContain('Not shown here');
  expect(r.summary).not.toContain('truncated');
  expectOneFooter(r.body);
});

it('deferred only: shown as deferred, not blocked, and the plan does not fail', async () => {
  await ws.emulator.admin.seed({
    domains: [{ name: 'jobs', kmsKeyId: KEY_ARN, tags: owner('jobs', 'line'), enrollmentJobs: [{ jobName: 'backfill', status: 'IN_PROGRESS' as const }] }],
  });
  await ws.write(
    'stacks/jobs/main.yaml',
    `version: 1\nstack: jobs\ndomains:\n  line:\n    name: jobs\n    kmsKeyId: ${KEY_ARN}\n    enrollmentJobs:\n      next:\n        dataAccessRoleArn: arn:aws:iam::111122223333:role/VoiceIdBatch\n        inputS3Uri: s3://bucket/in.json\n        outputS3Uri: s3://bucket/out/\n`,
  );
  const r = await planAndComment('jobs');
  expect(r.planCode).toBe(0);
  expect(r.body).toContain('**Plan: 0 to add, 0 to change, 0 to delete, 0 speakers to opt out, 0 jobs to start, 1 deferred.**');
  expect(firstScreen(r.body)).toMatch(/`domain\.line\.enrollment-job\.next`: deferred: Voice ID runs one enrollment job per domain at a time/);
  expect(r.body).not.toContain('blocked');
  expectOneFooter(r.body);
});
