/**
 * `--local` keeps Voice ID's domain quota (3), as the service does; when it is reached the failure says how to
 * raise it (the same command with `--local-max-domains 6`) and the command that empties the exact state file
 * (`voiceid-gitops emulator reset --local-state FILE`), and `--local-max-domains` works.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { runCli } from '../helpers/cli.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'voiceid-quota-'));
  await writeFile(join(dir, 'fourth.yaml'), 'version: 1\nstack: fourth\ndomains:\n  fourth:\n    kmsKeyId: alias/voiceid\n');
  await mkdir(join(dir, '.voiceid-local'));
  const emu = await startEmulator({ port: 0, statePath: join(dir, '.voiceid-local/state.json') });
  await emu.admin.seed({ domains: [{ name: 'one' }, { name: 'two' }, { name: 'three' }] });
  await emu.close();
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const cli = (argv: readonly string[]) => runCli(argv, { cwd: dir, env: {}, sleep: async () => undefined });

test('a fourth domain fails with AWS_QUOTA_EXCEEDED and a hint naming --local-max-domains and the state file', async () => {
  const r = await cli(['apply', 'fourth.yaml', '--local', '--auto-approve']);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain('AWS_QUOTA_EXCEEDED');
  expect(r.stdout).toContain('hint: the embedded emulator keeps Voice ID\'s quotas (3 domains per account');
  expect(r.stdout).toContain('allow 6 domains with `voiceid-gitops apply fourth.yaml --local --auto-approve --local-max-domains 6`');
  expect(r.stdout).toContain(`or empty the local state with \`voiceid-gitops emulator reset --local-state ${join(dir, '.voiceid-local/state.json')}\``);
});

test('--local-max-domains raises the embedded emulator\'s domain quota', async () => {
  const r = await cli(['apply', 'fourth.yaml', '--local-max-domains', '4', '--auto-approve']);
  expect(r.code, r.stdout + r.stderr).toBe(0);
  expect(r.stdout).toContain('Verified: live state matches the desired state.');
});
