/** What a command reads without PATH (docs/desired-state.md "Which files are read"). */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { defaultPaths, looksLikeDesiredState } from '../../src/config/index.js';
import { isGitopsError } from '../../src/model/errors.js';
import { runCli } from '../helpers/cli.js';

let dir: string;
beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), 'voiceid-default-paths-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

async function write(rel: string, text: string): Promise<void> {
  await mkdir(dirname(join(dir, rel)), { recursive: true });
  await writeFile(join(dir, rel), text);
}

const STACK = 'version: 1\nstack: prod\ndomains:\n  support:\n    kmsKeyId: alias/voiceid\n';

describe('no PATH given', () => {
  test('a stack file is told by its top-level version: and stack: or domains: keys', () => {
    expect(looksLikeDesiredState(STACK)).toBe(true);
    expect(looksLikeDesiredState('# comment\nversion: 1\ndomains: {}\n')).toBe(true);
    expect(looksLikeDesiredState('version: "3.8"\nservices:\n  web: {}\n')).toBe(false); // docker compose
    expect(looksLikeDesiredState('name: x\nruns:\n  using: node20\n')).toBe(false); // action.yml
    expect(looksLikeDesiredState('jobs:\n  stack:\n    version: 1\n')).toBe(false); // nested keys do not count
  });

  test('reads "." when the working directory holds a stack file', async () => {
    await write('main.yaml', STACK);
    expect(await defaultPaths(dir)).toEqual(['.']);
    const r = await runCli(['validate'], { cwd: dir });
    expect(r).toMatchObject({ code: 0, stdout: 'valid: 1 file, 1 domain, 0 speakers to keep opted out, 0 watchlists, 0 jobs\n' });
  });

  test('in a repository root reads nothing: one error naming the nearest stack folders, not a wall of errors', async () => {
    await write('action.yml', 'name: x\nruns:\n  using: node20\n');
    await write('.github/workflows/ci.yml', 'on: push\n');
    await write('test/fixtures/broken/input.yaml', 'version: 1\nstack: x\ndomains: [oops]\n');
    await write('voiceid/prod/main.yaml', STACK);
    const r = await runCli(['validate'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `error E_NO_PATH: no PATH given, and ${dir} holds no desired-state YAML file; nothing was read\n` +
        'hint: pass the folder of the stack\'s YAML: `voiceid-gitops validate voiceid/prod` (stack YAML also in test/fixtures/broken)\n',
    );
  });

  test('with no stack file anywhere below, the hint is the demo', async () => {
    await write('action.yml', 'name: x\n');
    const e = await defaultPaths(dir).catch((x: unknown) => x);
    expect(isGitopsError(e) && e.code).toBe('E_NO_PATH');
    const r = await runCli(['plan', '--local'], { cwd: dir });
    expect(r.stderr).toContain('hint: pass the folder of the stack\'s YAML; to start from the example, run `voiceid-gitops demo`\n');
  });
});
