/**
 * The terminal an operator sees (issue 9): a 2,000-opt-out apply (two domains of 1,000) run by the built CLI on a
 * pseudo-terminal of 80 columns (test/helpers/pty-run.py: python3's pty module, no native Node module), against the
 * emulator. Everything it wrote is replayed through a terminal model (xterm.js's parser, real autowrap);
 * the final screen must hold no stale bar and exactly the rows of the same apply's output in a log, wrapped at 80.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { BUILT_CLI } from '../helpers/built-cli.js';
import { screenModel } from '../helpers/terminal.js';

const PTY_RUN = fileURLToPath(new URL('../helpers/pty-run.py', import.meta.url));
const COLUMNS = 80;
const ENV = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmpdir(), TERM: 'xterm-256color', AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };

const ids = (prefix: string) => Array.from({ length: 1000 }, (_, i) => `${prefix}-${String(i).padStart(4, '0')}`).join('\n');
const YAML = `version: 1
stack: tty
domains:
  customer-support-line-west:
    kmsKeyId: alias/voiceid
    optedOutSpeakersFile: west.txt
  customer-support-line-east:
    kmsKeyId: alias/voiceid
    optedOutSpeakersFile: east.txt
`;

function run(file: string, args: readonly string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(file, args, { cwd, env: ENV, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function stack(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'voiceid-tty-'));
  await mkdir(join(dir, 'stack'));
  await writeFile(join(dir, 'stack', 'main.yaml'), YAML);
  await writeFile(join(dir, 'stack', 'west.txt'), ids('west'));
  await writeFile(join(dir, 'stack', 'east.txt'), ids('east'));
  return dir;
}

/** Rows a line of one-column characters takes on a terminal of `columns` (autowrap), an empty line one. */
const rowsOf = (line: string, columns: number): number => Math.max(1, Math.ceil([...line].length / columns));

// In-memory emulators (no state file to journal) and no client pacing: the fastest honest 2,000 calls.
const BAR = /\[[#-]+\]/;
/** A bar's whole line: the bar, the counts and the percentage on one row (log-update wraps a longer line itself). */
const WHOLE_BAR = /\[[#-]+\] [\d,]+\/[\d,]+ \d+%/;
const APPLY = (e: RunningEmulator) => ['apply', 'stack', '--endpoint-url', e.endpoint, '--quota-scale', '0', '--auto-approve'];

describe('apply on an 80-column terminal', () => {
  let dirs: string[] = [];
  let emulators: RunningEmulator[] = [];
  let screen: string[];
  let log: string[];
  let ttyCode: number;
  let maxBars = 0;
  let splitBars = 0;
  beforeAll(async () => {
    const [onTty, inLog] = await Promise.all([stack(), stack()]);
    dirs = [onTty, inLog];
    emulators = await Promise.all([0, 1].map(() => startEmulator({ port: 0, host: '127.0.0.1', quotaScale: 0, pageSize: 100 })));
    const [tty, plain] = await Promise.all([run('python3', [PTY_RUN, String(COLUMNS), '24', process.execPath, BUILT_CLI, ...APPLY(emulators[0]!)], onTty), run(process.execPath, [BUILT_CLI, ...APPLY(emulators[1]!)], inLog)]);
    ttyCode = tty.code;
    expect(plain.code).toBe(0);
    const model = screenModel(COLUMNS, 24);
    // log-update writes each frame as one synchronized update (ESC [ ? 2026 l ends it): look at the screen after each.
    const frameEnd = `${String.fromCharCode(27)}[?2026l`;
    for (const frame of tty.stdout.split(frameEnd)) {
      model.write(`${frame}${frameEnd}`);
      const rows = await model.viewport();
      const bars = rows.filter((r) => BAR.test(r.text));
      maxBars = Math.max(maxBars, bars.length);
      splitBars += bars.filter((r) => !WHOLE_BAR.test(r.text)).length + rows.filter((r, i) => r.wrapped && i > 0 && BAR.test(rows[i - 1]!.text)).length;
    }
    screen = await model.rows();
    // A log gets a progress line per list every 30 s, which a slow machine may reach; a terminal never keeps one.
    log = `${plain.stderr}${plain.stdout}`
      .replace(/\n$/, '')
      .split('\n')
      .filter((line) => !/^ {2}… \S+: [\d,]+\/[\d,]+ \d+%/.test(line));
  }, 240_000);
  afterAll(async () => {
    await Promise.all(emulators.map((e) => e.close()));
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  test('the apply succeeds', () => {
    expect(ttyCode).toBe(0);
  });

  test('while it ran, the two lists had one bar each, and no bar ever took a second row', () => {
    expect(maxBars).toBe(2);
    expect(splitBars).toBe(0);
  });

  test('no bar is left on the screen', () => {
    expect(screen.filter((row) => BAR.test(row))).toEqual([]);
  });

  test('each change printed one line when it ended, then the report listed it again', () => {
    // Live: '(1,000 calls, 3s)'; in the report: '(1,000/1,000 calls)'.
    expect(screen.filter((row) => /^ {2}✓ domain\.customer-support-line-west\.opt-outs: applied \(1,000 calls(, \d+s)?\)$/.test(row))).toHaveLength(1);
    expect(screen.filter((row) => row === '  ✓ domain.customer-support-line-west.opt-outs: applied (1,000/1,000 calls)')).toHaveLength(1);
    expect(screen.filter((row) => /^ {2}✓ domain\.customer-support-line-east\.opt-outs: applied \(1,000 calls(, \d+s)?\)$/.test(row))).toHaveLength(1);
    expect(screen.filter((row) => row === '  ✓ domain.customer-support-line-east.opt-outs: applied (1,000/1,000 calls)')).toHaveLength(1);
    expect(screen.filter((row) => row.startsWith('  ✓ domain.customer-support-line-west: applied'))).toHaveLength(2);
  });

  // 6 changes: per domain the create, the opt-out list and the last-applied record.
  test('the apply itself takes 14 rows: 6 lines as changes end, a blank, the 6-line report, the summary', () => {
    const first = screen.findIndex((row) => row.startsWith('  ✓ domain.'));
    const last = screen.findIndex((row) => row.startsWith('Apply complete: 6 applied'));
    expect(first).toBeGreaterThan(0);
    expect(last - first + 1).toBe(14);
  });

  test('the screen holds exactly the rows of the same apply written to a log, wrapped at 80 columns', () => {
    const expected = log.reduce((n, line) => n + rowsOf(line, COLUMNS), 0);
    expect(screen.length).toBe(expected);
  });
});
