/**
 * Harness for emulator-backed CLI tests: an in-process emulator on 127.0.0.1:0, YAML written to a temp dir, and
 * the CLI run in-process (test/helpers/cli.ts) with the REAL SDK clients through `--endpoint-url` and dummy
 * credentials in deps.env, and an instant sleep so retries under injected faults never really wait.
 */
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startEmulator } from '../../src/emulator/index.js';
import type { EmulatorOptions, RunningEmulator } from '../../src/emulator/index.js';
import type { CliDeps } from '../../src/cli/deps.js';
import { expect } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { perTest, type PerTest } from '../helpers/per-test.js';
import { iamActions } from '../../src/kinds/registry.js';

export const KEY_ARN = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
export const SEED_ROLE = 'arn:aws:iam::111122223333:role/VoiceIdEmulatorSeed';
export const ENV = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' } as const;
export const owner = (stack: string, key: string): Record<string, string> => ({ 'voiceid-gitops:stack': stack, 'voiceid-gitops:key': key });

export interface Workspace {
  readonly dir: string;
  readonly emulator: RunningEmulator;
  write(file: string, text: string): Promise<string>;
  /** Runs the CLI against the emulator (`--endpoint-url` appended), cwd = the workspace. */
  cli(argv: readonly string[], deps?: Partial<CliDeps>): Promise<CliResult>;
  /** Runs the CLI with no endpoint added (for --local-state and usage tests). */
  raw(argv: readonly string[], deps?: Partial<CliDeps>): Promise<CliResult>;
  close(): Promise<void>;
}

export async function workspace(options: EmulatorOptions = {}): Promise<Workspace> {
  const dir = await mkdtemp(join(tmpdir(), 'voiceid-cli-'));
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1', ...options });
  const raw = (argv: readonly string[], deps: Partial<CliDeps> = {}) => runCli(argv, { env: ENV, cwd: dir, sleep: async () => undefined, ...deps });
  return {
    dir,
    emulator,
    write: async (file, text) => {
      const path = join(dir, file);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, text);
      return path;
    },
    cli: (argv, deps) => raw([...argv, '--endpoint-url', emulator.endpoint], deps),
    raw,
    close: async () => {
      await emulator.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A workspace per test (test/helpers/per-test.ts) holding `files` (path -> text), closed after the test;
 * `ws.start(options)` gives a test its own, with the same files, on an emulator with other options.
 */
export function workspacePerTest(files: Readonly<Record<string, string>> = {}, options: EmulatorOptions = {}): PerTest<Workspace, EmulatorOptions | undefined> {
  const open = async (o: EmulatorOptions = {}): Promise<Workspace> => {
    const ws = await workspace(o);
    for (const [file, text] of Object.entries(files)) await ws.write(file, text);
    return ws;
  };
  return perTest(open, (ws) => ws.close(), { beforeEach: options });
}

/**
 * Stack `prod` with one domain `support` (a description, a key alias, one tag) opting out these speakers; `more` is
 * YAML added under the domain, indented by four spaces.
 */
export function supportStack(optedOut: readonly string[], more = ''): string {
  return `version: 1
stack: prod
domains:
  support:
    description: Support line
    kmsKeyId: alias/voiceid
    tags: { team: cc }
    optedOutSpeakers: [${optedOut.join(', ')}]
${more}`;
}

export interface Refusal {
  /** The error line's code and as much of its message as the test pins: stderr holds `error <error>`. */
  readonly error: string;
  /** Further text stderr holds (what differs, a hint). */
  readonly says?: readonly string[];
  /** Text neither stdout nor stderr may hold (a value the refusal must not print). */
  readonly hides?: readonly string[];
}

/** A refusal: exit 1 with that error, and no state-changing call made (a test resets the counts first if need be). */
export function expectRefused(ws: Pick<Workspace, 'emulator'>, r: CliResult, refusal: Refusal): void {
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(`error ${refusal.error}`);
  for (const text of refusal.says ?? []) expect(r.stderr).toContain(text);
  for (const text of refusal.hides ?? []) expect(`${r.stdout}${r.stderr}`).not.toContain(text);
  expect(writeCalls(ws.emulator)).toBe(0);
}

/** Changes of a JSON plan as `address action` lines, the shape most assertions compare. */
export function changeList(planJson: string): string[] {
  const plan = JSON.parse(planJson) as { changes: { address: string; action: string }[] };
  return plan.changes.map((c) => `${c.address} ${c.action}`);
}

/** The Voice ID operations that change state: the apply role's `voiceid:` actions of the one IAM table. */
export const WRITE_OPERATIONS: readonly string[] = iamActions().filter((a) => a.role === 'apply' && a.action.startsWith('voiceid:')).map((a) =>
  a.action.slice('voiceid:'.length),
);

/** How many state-changing Voice ID calls the emulator has served (refusal tests expect 0). */
export function writeCalls(emulator: RunningEmulator): number {
  const counts = emulator.admin.callCounts();
  return WRITE_OPERATIONS.reduce((n, op) => n + (counts[op] ?? 0), 0);
}
