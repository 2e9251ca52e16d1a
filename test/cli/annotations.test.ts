/**
 * With GITHUB_ACTIONS=true, validate / plan / apply also print every diagnostic as a workflow command on stderr
 * (CONTRACT §8), paths relative to GITHUB_WORKSPACE, declared speaker ids masked; never outside GitHub Actions.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { annotator, workspacePath } from '../../src/cli/annotations.js';
import type { DesiredState } from '../../src/model/desired.js';
import type { Plan } from '../../src/model/plan.js';
import { runCli } from '../helpers/cli.js';
import { owner, workspace, type Workspace } from '../integration/plan-emulator.js';

const commands = (stderr: string): string[] => stderr.split('\n').filter((l) => l.startsWith('::'));

describe('validate in GitHub Actions', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'voiceid-annotate-'));
    await mkdir(join(root, 'voiceid', 'prod'), { recursive: true });
    await writeFile(join(root, 'voiceid', 'prod', 'main.yaml'), 'version: 1\ndomains:\n  one:\n    kmsKeyId: alias/voiceid\n    prnue: true\n');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  test('prints each problem as ::error at its file (relative to the workspace), line and column', async () => {
    const r = await runCli(['validate', 'prod'], { cwd: join(root, 'voiceid'), env: { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: root } });
    expect(r.code).toBe(1);
    expect(commands(r.stderr)).toEqual([
      '::error file=voiceid/prod/main.yaml,line=5,col=5,title=E_UNKNOWN_KEY::unknown key `prnue` in domains.one (expected one of: name, description, kmsKeyId, tags, optedOutSpeakers, optedOutSpeakersFile, erasedSpeakers, erasedSpeakersFile, deletedFraudsters, adopt, protect, ignoreChanges, watchlists, enrollmentJobs, fraudsterRegistrationJobs)',
    ]);
    // The human lines are unchanged.
    expect(r.stderr).toContain('prod/main.yaml:5:5: error E_UNKNOWN_KEY: unknown key `prnue`');
  });

  test('prints nothing of the kind outside GitHub Actions', async () => {
    const r = await runCli(['validate', 'prod'], { cwd: join(root, 'voiceid'), env: { GITHUB_WORKSPACE: root } });
    expect(r.code).toBe(1);
    expect(commands(r.stderr)).toEqual([]);
  });

  test('masks a declared speaker id in a message even with --show-sensitive (annotations outlive the run)', () => {
    let out = '';
    const a = annotator({ env: { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: '/w' }, cwd: '/w', stderr: (t) => void (out += t) })!;
    const desired = { domains: [{ key: 'a', optedOutSpeakers: ['customer-0001'], source: { file: 'a.yaml', line: 3, col: 3 } }] } as unknown as DesiredState;
    a.plan({ errors: [{ code: 'E_X', message: 'speaker customer-0001 is odd', address: 'domain.a.opt-outs' }], warnings: [] } as unknown as Plan, desired);
    expect(out).toBe(`::error file=a.yaml,line=3,col=3,title=E_X::domain.a.opt-outs: speaker cu…01 (sha256:696e3e40) is odd\n`);
  });

  test('a path outside the workspace is left as given', () => {
    expect(workspacePath('../../elsewhere/a.yaml', '/w/repo/sub', '/w/repo')).toBe('../../elsewhere/a.yaml');
    expect(workspacePath('prod/a.yaml', '/w/repo/voiceid', '/w/repo')).toBe('voiceid/prod/a.yaml');
  });
});

describe('plan and apply in GitHub Actions', () => {
  let ws: Workspace;
  const gha = () => ({ env: { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1', GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: ws.dir } });
  beforeEach(async () => {
    ws = await workspace();
  });
  afterEach(async () => ws.close());

  test('plan prints a plan error as ::error at the domain key and a warning as ::warning', async () => {
    await ws.emulator.admin.seed({
      domains: [
        { name: 'support', tags: {} },
        { name: 'sales', tags: owner('prod', 'sales'), speakers: [{ customerSpeakerId: 'customer-0009', status: 'OPTED_OUT' }] },
      ],
    });
    await ws.write('stack/main.yaml', 'version: 1\nstack: prod\ndomains:\n  support:\n    kmsKeyId: alias/voiceid\n  sales:\n    kmsKeyId: alias/voiceid\n    optedOutSpeakers: [customer-0001]\n');
    const r = await ws.cli(['plan', 'stack', '--scan-speakers', '--show-sensitive'], gha());
    expect(r.code).toBe(1);
    const lines = commands(r.stderr);
    expect(lines.find((l) => l.includes('title=E_TWIN_NAME'))).toMatch(/^::error file=stack\/main\.yaml,line=4,col=3,title=E_TWIN_NAME::domain\.support: /);
    const oneWay = lines.find((l) => l.includes('title=W_OPT_OUT_ONE_WAY'));
    expect(oneWay).toMatch(/^::warning file=stack\/main\.yaml,line=6,col=3,title=W_OPT_OUT_ONE_WAY::domain\.sales/);
  });

  test('apply prints a failed change as ::error with its error code', async () => {
    await ws.write('stack/main.yaml', 'version: 1\nstack: prod\ndomains:\n  support:\n    kmsKeyId: alias/voiceid\n    watchlists:\n      high-risk: { description: Rings }\n');
    ws.emulator.admin.setFaults({ operations: ['CreateWatchlist'], errorRate: 1 });
    const r = await ws.cli(['apply', 'stack', '--auto-approve'], gha());
    expect(r.code).toBe(1);
    expect(commands(r.stderr)).toEqual([
      expect.stringMatching(/^::error file=stack\/main\.yaml,line=4,col=3,title=AWS_SERVICE_ERROR::domain\.support\.watchlist\.high-risk: AWS_SERVICE_ERROR: Voice ID CreateWatchlist failed with HTTP 500/),
    ]);
  });

  test('the error that ends a command is one ::error with its code and hint', async () => {
    await ws.write('stack/main.yaml', 'version: 1\nstack: prod\ndomains:\n  support:\n    kmsKeyId: alias/voiceid\n');
    const r = await ws.cli(['apply', 'stack'], gha());
    expect(r.code).toBe(1);
    expect(commands(r.stderr)).toEqual([`::error title=APPROVAL_REQUIRED::apply needs approval and there is no terminal to ask on; nothing was changed%0Ahint: review the plan above, then run \`voiceid-gitops apply stack --endpoint-url ${ws.emulator.endpoint} --auto-approve\` (CI), or run in a terminal`]);
  });
});

describe('the error-code step output', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'voiceid-output-'));
    await writeFile(join(dir, 'outputs'), 'exitcode=1\n');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  test('in GitHub Actions the CLI appends error-code=CODE to GITHUB_OUTPUT when an error ends the command', async () => {
    const r = await runCli(['comment', '--plan', 'missing.json'], { cwd: dir, env: { GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: join(dir, 'outputs') } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error PLAN_FILE_UNREADABLE:');
    expect(await readFile(join(dir, 'outputs'), 'utf8')).toBe('exitcode=1\nerror-code=PLAN_FILE_UNREADABLE\n');
  });

  test('writes nothing outside GitHub Actions, and nothing on success', async () => {
    expect((await runCli(['comment', '--plan', 'missing.json'], { cwd: dir, env: { GITHUB_OUTPUT: join(dir, 'outputs') } })).code).toBe(1);
    expect((await runCli(['--version'], { cwd: dir, env: { GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: join(dir, 'outputs') } })).code).toBe(0);
    expect(await readFile(join(dir, 'outputs'), 'utf8')).toBe('exitcode=1\n');
  });
});
