/** `plan` flags and session helpers that need no emulator: usage errors, help text, Region choice, exit codes. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { planExitCode } from '../../src/cli/commands/plan.js';
import { chooseRegion, presentation, sessionOptions } from '../../src/cli/session.js';
import type { Plan } from '../../src/model/plan.js';
import { runCli } from '../helpers/cli.js';

const firstLine = (s: string): string => s.split('\n')[0] ?? '';

describe('usage errors are one line', () => {
  test.each([
    ['an unknown --format is rejected naming the allowed choices', ['--format', 'yaml'], "error: option '--format <format>' argument 'yaml' is invalid. Allowed choices are text, markdown, json."],
    ['an unknown --discovery mode is rejected naming the allowed choices', ['--discovery', 'scan'], "error: option '--discovery <mode>' argument 'scan' is invalid. Allowed choices are auto, tagging, list."],
    ['an unknown flag is rejected', ['--colour'], "error: unknown option '--colour'"],
    ['a --concurrency that is not a positive whole number is rejected', ['--concurrency', '0'], "error: option '--concurrency <n>' argument '0' is invalid. must be a whole number of at least 1"],
    ['an --endpoint-url that is not an http(s) URL is rejected before any call', ['--endpoint-url', 'localhost:4599'], "error: option '--endpoint-url <url>' argument 'localhost:4599' is invalid. must be an http:// or https:// URL, e.g. http://127.0.0.1:4599"],
    ['a --region that is not a Region name is rejected as such, not reported as "no AWS Region is configured"', ['--region', 'us east 1'], "error: option '--region <region>' argument 'us east 1' is invalid. must be an AWS Region name such as us-east-1"],
  ])('%s', async (_name, flags, line) => {
    const r = await runCli(['plan', ...flags]);
    expect(r.code).toBe(1);
    expect(firstLine(r.stderr)).toBe(line);
  });
});

describe('help', () => {
  test('plan --help says the saved plan holds unmasked speaker ids', async () => {
    const r = await runCli(['plan', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('UNMASKED customer speaker ids');
    expect(r.stdout).toContain('--detailed-exitcode');
    expect(r.stdout).toContain('--local-state <file>');
  });
});

describe('Region', () => {
  test('the YAML region wins when no --region is given', () => {
    expect(chooseRegion('eu-west-2', undefined)).toBe('eu-west-2');
  });

  test('--region is used when the YAML names none', () => {
    expect(chooseRegion(undefined, 'ca-central-1')).toBe('ca-central-1');
  });

  test('no region anywhere leaves the choice to the AWS configuration', () => {
    expect(chooseRegion(undefined, undefined)).toBeUndefined();
  });

  test('a --region that disagrees with the YAML throws E_REGION_CONFLICT', () => {
    expect(() => chooseRegion('us-east-1', 'us-west-2')).toThrow(expect.objectContaining({ code: 'E_REGION_CONFLICT' }));
  });
});

describe('options', () => {
  test('--local-state implies --local', () => {
    expect(sessionOptions({ localState: 'x.json', color: true }).local).toBe(true);
  });

  test('discovery defaults to auto', () => {
    expect(sessionOptions({ color: true }).discovery).toBe('auto');
  });

  const deps = (stdoutIsTTY: boolean, env: Record<string, string> = {}) =>
    ({ stdoutIsTTY, env }) as unknown as Parameters<typeof presentation>[1];

  test('colour is used on a TTY', () => {
    expect(presentation(sessionOptions({ color: true }), deps(true)).color).toBe(true);
  });

  test('colour is never used off a TTY', () => {
    expect(presentation(sessionOptions({ color: true }), deps(false)).color).toBe(false);
  });

  test('--no-color turns colour off on a TTY', () => {
    expect(presentation(sessionOptions({ color: false }), deps(true)).color).toBe(false);
  });

  test('NO_COLOR in the environment turns colour off on a TTY', () => {
    expect(presentation(sessionOptions({ color: true }), deps(true, { NO_COLOR: '1' })).color).toBe(false);
  });
});

describe('exit codes', () => {
  const plan = (changes: number, errors: number): Plan =>
    ({ changes: Array.from({ length: changes }, () => ({})), errors: Array.from({ length: errors }, () => ({})) }) as unknown as Plan;

  test('errors exit 1 whatever the changes', () => {
    expect(planExitCode(plan(3, 1), true)).toBe(1);
  });

  test('changes exit 2 only with --detailed-exitcode', () => {
    expect([planExitCode(plan(3, 0), true), planExitCode(plan(3, 0), false)]).toEqual([2, 0]);
  });

  test('no changes exit 0', () => {
    expect(planExitCode(plan(0, 0), true)).toBe(0);
  });
});

describe('--out', () => {
  test('an unwritable --out path is a one-line E_WRITE_FAILED error', async () => {
    const yaml = 'version: 1\ndomains: {}\n';
    const dir = await mkdtemp(join(tmpdir(), 'voiceid-out-'));
    try {
      await writeFile(join(dir, 'estate.yaml'), yaml);
      await writeFile(join(dir, 'blocker'), 'a file, not a folder');
      const r = await runCli(['plan', 'estate.yaml', '--local-state', 'state.json', '--out', 'blocker/plan.json'], { cwd: dir, sleep: async () => undefined });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^error E_WRITE_FAILED: cannot write the plan to blocker\/plan\.json: .+$/m);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('AWS failures', () => {
  const env = { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
  let dir: string;

  async function refused(extra: readonly string[]): Promise<string> {
    dir = await mkdtemp(join(tmpdir(), 'voiceid-refused-'));
    try {
      await writeFile(join(dir, 'estate.yaml'), 'version: 1\ndomains:\n  a:\n    kmsKeyId: alias/x\n');
      // Port 1 on loopback refuses connections: a network failure that is not retried.
      const r = await runCli(['plan', 'estate.yaml', '--endpoint-url', 'http://127.0.0.1:1', ...extra], { cwd: dir, env, sleep: async () => undefined });
      expect(r.code).toBe(1);
      return r.stderr;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  test('an unreachable endpoint is one error line with its code and a hint, no stack trace', async () => {
    const stderr = await refused([]);
    expect(stderr).toMatch(/^error AWS_CONNECTION_REFUSED: Voice ID ListDomains failed: http:\/\/127\.0\.0\.1:1 refused the connection \(ECONNREFUSED\)\nhint: .+\n$/m);
    expect(stderr).not.toContain('    at ');
  });

  test('--debug adds the operation details of an AWS failure', async () => {
    expect(await refused(['--debug'])).toContain('operation=ListDomains awsCode=ECONNREFUSED');
  });
});

describe('Region from the environment', () => {
  test('a malformed AWS_REGION is named as such, not reported as "no AWS Region is configured"', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'voiceid-region-'));
    try {
      await writeFile(join(dir, 'estate.yaml'), 'version: 1\ndomains: {}\n');
      const env = { AWS_REGION: 'us east 1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
      const r = await runCli(['plan', 'estate.yaml', '--endpoint-url', 'http://127.0.0.1:1'], { cwd: dir, env, sleep: async () => undefined });
      expect(r.code).toBe(1);
      expect(firstLine(r.stderr)).toBe('error E_INVALID_REGION: the AWS configuration names an invalid Region: Region not accepted: region="us east 1" is not a valid hostname component.');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
