/**
 * Every hint that tells the user to run something prints the complete command (issue 14): each `voiceid-gitops ...`
 * in a hint parses with the CLI's own definitions, has no placeholder word (PATH, FILE, N...), and carries the
 * failed run's PATHs, state file, Region and flags. The failures are made for real, in-process, against the embedded
 * emulator (`--local-state` in a temporary folder). And, statically, every code of docs/error-codes.md whose hint
 * is written in src: no hint of them says to run something in words only.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { parseProblem, shellWords } from '../helpers/cli-parser.js';
import { hintSites, type HintForm } from '../helpers/hint-sites.js';
import { COMMAND_HINT_CODES } from '../../src/cli/plan-hints.js';
import { closedPort } from '../helpers/closed-port.js';

const ENV = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
const domain = (key: string): string => `  ${key}:\n    kmsKeyId: alias/voiceid\n`;
const stack = (keys: readonly string[], extra = ''): string => `version: 1\nstack: prod\nregion: us-east-1\n${extra}domains:\n${keys.map(domain).join('')}`;

let dir: string;
let state: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'voiceid-hints-'));
  state = join(dir, 'state', 'state.json');
  await mkdir(join(dir, 'voiceid'));
  await writeFile(join(dir, 'voiceid', 'main.yaml'), stack(['support']));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const cli = (argv: readonly string[]): Promise<CliResult> => runCli(argv, { cwd: dir, env: ENV });

/** The hints a run printed: the one under its error, and those under failed changes. */
const hintsOf = (r: CliResult): string[] => `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => /^\s*hint: /.test(l)).map((l) => l.replace(/^\s*hint: /, ''));

/** What the shell makes of a hint's `"$(gh ...)"` words, for parsing (src/model/command-line.ts PR_OF_BRANCH...). */
const EXPANDED: Readonly<Record<string, string>> = {
  '"$(gh pr view --json number --jq .number)"': '7',
  '"$(gh repo view --json nameWithOwner --jq .nameWithOwner)"': 'acme/voice',
};
const expand = (line: string): string => Object.entries(EXPANDED).reduce((l, [from, to]) => l.split(from).join(to), line);

/** The commands of a hint, each checked: a command line of the CLI, no placeholder left in it. */
async function commandsOf(hint: string): Promise<string[]> {
  const found = [...hint.matchAll(/`(voiceid-gitops [^`]+)`/g)].map((m) => m[1]!);
  for (const line of found.map(expand)) {
    expect(await parseProblem(line), line).toBeUndefined();
    expect(shellWords(line).filter((w) => /^[A-Z][A-Z_]*(\.\.\.)?$/.test(w)), `placeholder in ${line}`).toEqual([]);
  }
  return found;
}

/** The one hint of a failed run: it has `code`, and one of its commands is `expected` exactly. */
async function expectHint(r: CliResult, code: string, expected: string): Promise<void> {
  expect(r.code).toBe(1);
  // The error that ends the run (`error CODE:`), or a failed change (`failed: CODE:`).
  expect(r.stderr + r.stdout).toMatch(new RegExp(`(error|failed:) ${code}:`));
  const hints = hintsOf(r);
  expect(hints.length, r.stderr).toBeGreaterThan(0);
  const commands = (await Promise.all(hints.map(commandsOf))).flat();
  expect(commands).toContain(expected);
}

describe('hints print the complete command', () => {
  test('E_NO_PATH: the same command with the folder that holds the stack YAML', async () => {
    await expectHint(await cli(['plan', '--local-state', state]), 'E_NO_PATH', `voiceid-gitops plan voiceid --local-state ${state}`);
  });

  test('E_INVALID_DESIRED_STATE: validate on the same PATHs and root', async () => {
    await writeFile(join(dir, 'voiceid', 'main.yaml'), 'version: 1\ndomains:\n  support:\n    kmsKeyId: alias/voiceid\n    prnue: true\n');
    await expectHint(await cli(['plan', 'voiceid', '--local-state', state, '--root', dir]), 'E_INVALID_DESIRED_STATE', `voiceid-gitops validate voiceid --root ${dir}`);
  });

  test('E_REGION_CONFLICT: the command without --region', async () => {
    await expectHint(await cli(['plan', 'voiceid', '--region', 'eu-west-2', '--local-state', state]), 'E_REGION_CONFLICT', `voiceid-gitops plan voiceid --local-state ${state}`);
  });

  test('E_USAGE (--local with --endpoint-url): the command without --endpoint-url', async () => {
    await expectHint(await cli(['plan', 'voiceid', '--local', '--endpoint-url', 'http://127.0.0.1:9']), 'E_USAGE', 'voiceid-gitops plan voiceid --local');
  });

  test('APPROVAL_REQUIRED: the command with --auto-approve', async () => {
    await expectHint(await cli(['apply', 'voiceid', '--local-state', state]), 'APPROVAL_REQUIRED', `voiceid-gitops apply voiceid --local-state ${state} --auto-approve`);
  });

  test('E_OTHER_STACK: the command without --stack', async () => {
    await expectHint(await cli(['apply', 'voiceid', '--stack', 'staging', '--local-state', state]), 'E_OTHER_STACK', `voiceid-gitops apply voiceid --local-state ${state}`);
  });

  test('DELETE_NOT_ALLOWED, AWS_QUOTA_EXCEEDED (--local), PLAN_STALE, PLAN_OTHER_STACK on one emulator state', async () => {
    expect((await cli(['apply', 'voiceid', '--local-state', state, '--auto-approve'])).code).toBe(0);
    await writeFile(join(dir, 'voiceid', 'main.yaml'), stack(['sales'], 'prune: true\n'));
    await expectHint(await cli(['apply', 'voiceid', '--local-state', state, '--auto-approve']), 'DELETE_NOT_ALLOWED', `voiceid-gitops apply voiceid --local-state ${state} --auto-approve --allow-delete`);

    // support + three more: the fourth domain exceeds the quota; its hint raises it and names the reset.
    await writeFile(join(dir, 'voiceid', 'main.yaml'), stack(['support', 'sales', 'billing', 'fraud']));
    const quota = await cli(['apply', 'voiceid', '--local-state', state, '--auto-approve']);
    await expectHint(quota, 'AWS_QUOTA_EXCEEDED', `voiceid-gitops apply voiceid --local-state ${state} --auto-approve --local-max-domains 6`);
    expect((await Promise.all(hintsOf(quota).map(commandsOf))).flat()).toContain(`voiceid-gitops emulator reset --local-state ${state}`);

    expect((await cli(['plan', 'voiceid', '--local-state', state, '--local-max-domains', '6', '--out', 'plan.json'])).code).toBe(0);
    await writeFile(join(dir, 'voiceid', 'main.yaml'), stack(['support', 'sales', 'billing', 'fraud', 'extra']));
    await expectHint(await cli(['apply', '--plan', 'plan.json', '--local-state', state, '--local-max-domains', '6']), 'PLAN_STALE', `voiceid-gitops plan voiceid --local-state ${state} --out plan.json`);
    await expectHint(await cli(['apply', '--plan', 'plan.json', '--stack', 'staging', '--local-state', state]), 'PLAN_OTHER_STACK', `voiceid-gitops apply --plan plan.json --local-state ${state}`);
  });

  test('PLAN_NOT_FOUND: plan the same PATHs into that file', async () => {
    await expectHint(await cli(['apply', 'voiceid', '--plan', 'nope.json', '--local-state', state]), 'PLAN_NOT_FOUND', `voiceid-gitops plan voiceid --local-state ${state} --out nope.json`);
  });

  test('EMULATOR_STATE_INVALID: the reset of that state file', async () => {
    await mkdir(join(dir, 'state'));
    await writeFile(state, '{ not json');
    await expectHint(await cli(['plan', 'voiceid', '--local-state', state]), 'EMULATOR_STATE_INVALID', `voiceid-gitops emulator reset --local-state ${state}`);
  });

  test('W_TARGETED, then the GitHub and drift-issue refusals of the saved plan: commands, with what gh finds', async () => {
    const planned = await cli(['plan', 'voiceid', '--target', 'domain.support', '--local-state', state, '--out', 'plan.json']);
    expect(planned.stdout).toContain('W_TARGETED');
    expect((await Promise.all(hintsOf(planned).map(commandsOf))).flat()).toContain(`voiceid-gitops plan voiceid --local-state ${state}`);

    const comment = (env: Record<string, string>) => runCli(['comment', '--plan', 'plan.json'], { cwd: dir, env });
    await expectHint(await comment({}), 'GITHUB_TOKEN_MISSING', 'voiceid-gitops comment --plan plan.json');
    expect(hintsOf(await comment({}))[0]).toContain('`export GITHUB_TOKEN="$(gh auth token)"`');
    await expectHint(await comment({ GITHUB_TOKEN: 't' }), 'GITHUB_REPOSITORY_MISSING', 'voiceid-gitops comment --plan plan.json --repo "$(gh repo view --json nameWithOwner --jq .nameWithOwner)"');
    await writeFile(join(dir, 'event.json'), '{"ref":"refs/heads/main"}');
    const push = { GITHUB_TOKEN: 't', GITHUB_REPOSITORY: 'acme/voice', GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: join(dir, 'event.json') };
    await expectHint(await comment(push), 'GITHUB_NOT_A_PULL_REQUEST', 'voiceid-gitops comment --plan plan.json --pr "$(gh pr view --json number --jq .number)"');

    const drift = await runCli(['drift-issue', '--plan', 'plan.json', '--exit-code', '0'], { cwd: dir, env: push });
    await expectHint(drift, 'DRIFT_EXIT_CODE_MISMATCH', 'voiceid-gitops drift-issue --plan plan.json --exit-code 2');
  });

  test('AWS_CONNECTION_REFUSED: the emulator on the port of the endpoint', async () => {
    const port = await closedPort();
    await writeFile(join(dir, 'voiceid', 'main.yaml'), stack(['support']));
    const r = await runCli(['plan', 'voiceid', '--endpoint-url', `http://127.0.0.1:${port}`], { cwd: dir, env: ENV, sleep: async () => undefined });
    await expectHint(r, 'AWS_CONNECTION_REFUSED', `voiceid-gitops emulator --port ${port}`);
  });
});

describe('every hint of docs/error-codes.md is a complete command, an edit, or asks nothing to be run', () => {
  const root = join(import.meta.dirname, '..', '..');
  const page = readFileSync(join(root, 'docs', 'error-codes.md'), 'utf8');
  // The code cell of every table row (a row may name several codes: `W_A`, `W_B`), then codes the prose explains.
  const tabled = page.split('\n').filter((l) => l.startsWith('| `')).flatMap((l) => [...l.split(' | ')[0]!.matchAll(/`([A-Z][A-Z0-9]*_[A-Z0-9_]+)`/g)].map((m) => m[1]!));
  const documented = [...new Set([...tabled, ...[...page.matchAll(/`([A-Z][A-Z0-9]*_[A-Z0-9_]+)`/g)].map((m) => m[1]!)])];
  const sites = hintSites(root);
  // The planner's words for these are replaced by the CLI with a complete command (src/cli/plan-hints.ts).
  const completedByCli = new Set(COMMAND_HINT_CODES);
  /** Says to run or pass something: then the command (or the YAML to write) must stand in backticks. */
  const ASKS_TO_RUN = /\b(run|rerun|pass|start|kill|install|reinstall|reset|remove|delete|untag|tag|grant|allow|set)\b|--[a-z]/i;
  const wordsOnly = (f: HintForm): boolean => f.kind === 'text' && !f.text.includes('`') && ASKS_TO_RUN.test(f.text);

  test('finds the hints of the sources (the walk is not empty)', () => {
    expect(tabled.length).toBeGreaterThan(100);
    expect(new Set(sites.map((s) => s.code)).size).toBeGreaterThan(60);
  });

  test('every code with a hint in src is a documented code', () => {
    expect([...new Set(sites.map((s) => s.code))].filter((c) => !documented.includes(c)).sort()).toEqual([]);
  });

  test('no documented code has a hint that cannot be read, or that says to run something in words only', () => {
    const problems = documented.flatMap((code) =>
      sites.filter((s) => s.code === code && !completedByCli.has(code)).flatMap((s) =>
        s.forms.flatMap((f) => (f.kind === 'unresolved' ? [`${code} at ${s.at}: hint not resolved (${f.what})`] : wordsOnly(f) ? [`${code} at ${s.at}: words only: ${f.kind === 'text' ? f.text : ''}`] : [])),
      ),
    );
    expect(problems).toEqual([]);
  });

  test('the codes the CLI completes are documented and have a planner hint to replace', () => {
    for (const code of completedByCli) {
      expect(documented, code).toContain(code);
      expect(sites.some((s) => s.code === code), code).toBe(true);
    }
  });

  test('the rule would catch a words-only hint', () => {
    expect(wordsOnly({ kind: 'text', text: 'pass --pr N' })).toBe(true);
    expect(wordsOnly({ kind: 'text', text: 'plan without --target to see every change' })).toBe(true);
    expect(wordsOnly({ kind: 'text', text: 'run `voiceid-gitops plan x` again' })).toBe(false);
    expect(wordsOnly({ kind: 'text', text: 'remove the voiceid-gitops:key tag from all but one of them' })).toBe(true);
    expect(wordsOnly({ kind: 'text', text: 'check GITHUB_API_URL and the network of the runner' })).toBe(false);
  });
});
