/**
 * The hostile-input suite's harness: every case runs in its own child process with a small V8 heap
 * (`--max-old-space-size`), an RSS ceiling (Buffers live outside the V8 heap, so the heap flag alone would not
 * catch a /dev/zero read) and a hard timeout. A case that hangs or grows is killed (SIGKILL to its process group)
 * and reported as such, so a regression fails in seconds instead of hanging CI.
 *
 *   const r = await runCli(['validate', dir]);            // the CLI, one shot
 *   const c = spawnCli(['apply', dir, ...]);               // the CLI, driven: signals, output waits
 *   await c.waitFor(/Applying/); c.kill('SIGTERM'); const r = await c.result;
 *   const e = spawnNode(['--import', TSX, 'script.ts']);   // any Node program (the emulator cases)
 *
 * The CLI is the built one (dist/, built once per test run by test/setup/build-dist.ts), as users run it.
 *
 * Every result says whether the case stayed within its limits (`timedOut`, `overMemory`) and how long it ran, so
 * a test asserts those rather than relying on vitest's own timeout.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { BUILT_CLI, REPO_ROOT as REPO } from '../helpers/built-cli.js';

/** tsx's ESM loader by absolute URL, so a case can run a .ts script with any cwd (a temporary repository, say). */
export const TSX = new URL('node_modules/tsx/dist/loader.mjs', `file://${REPO}`).href;

export interface CaseLimits {
  /** Hard wall-clock limit; the process group is killed with SIGKILL when it passes. Default 15 s. */
  readonly timeoutMs?: number;
  /** V8 old-space limit in MiB. Default 256. */
  readonly maxOldSpaceMb?: number;
  /** Resident set ceiling in MiB, polled from /proc; the case is killed above it. Default 512. */
  readonly maxRssMb?: number;
  /** Output kept per stream; the rest is counted, not stored, so a flood cannot grow the test runner. */
  readonly maxOutputBytes?: number;
}

export interface CaseOptions extends CaseLimits {
  readonly cwd?: string;
  /** Added to a minimal environment (PATH, HOME, no AWS profile, no colour); never the runner's AWS settings. */
  readonly env?: Readonly<Record<string, string>>;
  /** Written to stdin, which is then closed; without it stdin is left open (a pending prompt stays pending). */
  readonly stdin?: string;
}

export interface CaseResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly overMemory: boolean;
  /** Peak resident set size seen (VmHWM), in MiB; 0 where /proc is not available. */
  readonly peakRssMb: number;
  readonly ms: number;
  /** performance.now() when the process exited, to compare with what `kill` returned. */
  readonly endedAt: number;
}

export interface HostileChild {
  readonly child: ChildProcess;
  readonly result: Promise<CaseResult>;
  /** Resolves once the stream's output so far matches; rejects if the process ends first. */
  waitFor(pattern: RegExp, stream?: 'stdout' | 'stderr'): Promise<void>;
  /** Sends a signal to the process (not its group) and returns the time it was sent (performance.now()). */
  kill(signal: NodeJS.Signals): number;
}

const BASE_ENV: Readonly<Record<string, string>> = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: process.env.HOME ?? '/tmp',
  NO_COLOR: '1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

function peakRss(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Spawns `node --max-old-space-size=N ...args` under the limits. */
export function spawnNode(args: readonly string[], options: CaseOptions = {}): HostileChild {
  return spawnCase(process.execPath, [`--max-old-space-size=${options.maxOldSpaceMb ?? 256}`, ...args], options);
}

/** Spawns any program under the limits (the RSS ceiling applies to that process itself). */
export function spawnCase(file: string, args: readonly string[], options: CaseOptions = {}): HostileChild {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxRssMb = options.maxRssMb ?? 512;
  const cap = options.maxOutputBytes ?? 1 << 20;
  const started = performance.now();
  // detached: its own process group, so a timeout also kills whatever the case started.
  const child = spawn(file, args, {
    cwd: options.cwd ?? REPO,
    env: { ...BASE_ENV, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  const out = { stdout: '', stderr: '' };
  const waiters: Array<{ stream: 'stdout' | 'stderr'; re: RegExp; resolve: () => void; reject: (e: Error) => void }> = [];
  const collect = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
    if (out[stream].length < cap) out[stream] += chunk.toString('utf8').slice(0, cap - out[stream].length);
    for (const w of waiters.filter((x) => x.stream === stream && x.re.test(out[stream]))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  child.stdout!.on('data', collect('stdout'));
  child.stderr!.on('data', collect('stderr'));
  if (options.stdin !== undefined) child.stdin!.end(options.stdin);
  child.stdin!.on('error', () => undefined); // the case may exit before reading its input

  let timedOut = false;
  let overMemory = false;
  let peak = 0;
  const killGroup = (): void => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup();
  }, timeoutMs);
  const poll = setInterval(() => {
    peak = Math.max(peak, peakRss(child.pid!));
    if (peak > maxRssMb) {
      overMemory = true;
      killGroup();
    }
  }, 50);

  const result = new Promise<CaseResult>((resolve) => {
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      clearInterval(poll);
      const endedAt = performance.now();
      const ms = endedAt - started;
      for (const w of waiters.splice(0)) w.reject(new Error(`the process ended (code ${code}, signal ${signal}) before its ${w.stream} matched ${w.re}; it printed:\n${out[w.stream]}`));
      // Streams may still hold buffered output after 'exit'; 'close' would wait for grandchildren too.
      setImmediate(() => resolve({ code, signal, stdout: out.stdout, stderr: out.stderr, timedOut, overMemory, peakRssMb: Math.round(peak), ms: Math.round(ms), endedAt }));
    });
  });

  return {
    child,
    result,
    waitFor: (re, stream = 'stderr') =>
      re.test(out[stream]) ? Promise.resolve() : new Promise<void>((res, rej) => waiters.push({ stream, re, resolve: res, reject: rej })),
    kill: (signal) => {
      child.kill(signal);
      return performance.now();
    },
  };
}

/** Spawns the built CLI (`voiceid-gitops ARGS`) under the limits. */
export function spawnCli(args: readonly string[], options: CaseOptions = {}): HostileChild {
  return spawnNode([BUILT_CLI, ...args], options);
}

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * The built CLI on a pseudo-terminal (util-linux `script`), for what only happens on a TTY: the approval prompt.
 * The CLI replaces script's shell (`exec`), so it is script's only child: `ttyPid()` finds it for kill(1).
 */
export function spawnCliOnTerminal(args: readonly string[], options: CaseOptions = {}): HostileChild & { ttyPid(): number } {
  const command = ['exec', process.execPath, `--max-old-space-size=${options.maxOldSpaceMb ?? 256}`, BUILT_CLI, ...args].map(shellQuote).join(' ');
  const c = spawnCase('script', ['-qfec', command, '/dev/null'], { ...options, env: { ...options.env, TERM: 'dumb' } });
  return {
    ...c,
    ttyPid: () => Number(execFileSync('pgrep', ['-P', String(c.child.pid)], { encoding: 'utf8' }).trim().split('\n')[0]),
  };
}

export function runCli(args: readonly string[], options: CaseOptions = {}): Promise<CaseResult> {
  return spawnCli(args, { stdin: '', ...options }).result;
}

/** What every hostile case must hold whatever else it checks: it ended by itself, within its limits. */
export function withinLimits(r: CaseResult): { timedOut: boolean; overMemory: boolean; killedBy: NodeJS.Signals | null } {
  return { timedOut: r.timedOut, overMemory: r.overMemory, killedBy: r.signal };
}
