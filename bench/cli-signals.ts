/**
 * How long does the CLI take to end after SIGTERM / SIGINT (CONTRACT §8: within 2 s)? Runs the built CLI
 * (`npm run build` first) as a child process in three situations and prints the time from the signal to the exit:
 * a call pending on an endpoint that never answers (one signal: the 1.5 s grace, then the forced exit), the same
 * with a second signal, and apply with calls in flight that finish (300 ms emulator latency). Also prints the time
 * and peak RSS of `validate` on YAML naming /dev/zero, and a *.yaml symlink to /dev/zero under --root /.
 *
 *   npm run build && node --import tsx bench/cli-signals.ts
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../src/emulator/index.js';

const CLI = fileURLToPath(new URL('../dist/bin/voiceid-gitops.js', import.meta.url));
const ENV = { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1', NO_COLOR: '1' };

interface Run {
  readonly afterSignalMs: number;
  readonly totalMs: number;
  readonly peakRssMb: number;
  readonly exit: string;
}

function peakRss(pid: number): number {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** Runs the CLI; `when(stderrSoFar)` true sends the signals (the second one `gapMs` after the first). */
function runCli(args: string[], cwd: string, signals: NodeJS.Signals[] = [], when: (err: string) => boolean = () => false): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: ENV, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  let sentAt = 0;
  let peak = 0;
  const check = (): void => {
    if (sentAt === 0 && signals.length > 0 && when(err)) {
      sentAt = performance.now();
      child.kill(signals[0]);
      if (signals[1]) setTimeout(() => child.kill(signals[1]), 100);
    }
  };
  const poll = setInterval(() => {
    peak = Math.max(peak, peakRss(child.pid!));
    check();
  }, 5);
  child.stderr.on('data', (c: Buffer) => {
    err += c.toString();
    check();
  });
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      const end = performance.now();
      resolve({ afterSignalMs: sentAt === 0 ? 0 : end - sentAt, totalMs: end - started, peakRssMb: peak, exit: signal ?? `code ${code}` });
    });
  });
}

const tmp = mkdtempSync(join(tmpdir(), 'voiceid-bench-signals-'));
const sockets = new Set<Socket>();
const silent = createServer((s) => void sockets.add(s));
await new Promise<void>((res) => silent.listen(0, '127.0.0.1', res));
const silentUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
const emulator = await startEmulator({ port: 0, host: '127.0.0.1' });
try {
  mkdirSync(join(tmp, '.git'));
  const ids = Array.from({ length: 40 }, (_, i) => `cust-${String(i).padStart(4, '0')}`).join(', ');
  writeFileSync(join(tmp, 'main.yaml'), `version: 1\nstack: bench\ndomains:\n  main:\n    kmsKeyId: alias/voiceid\n    optedOutSpeakers: [${ids}]\n`);
  const reading = (e: string): boolean => e.includes('Reading live state');
  const line = (label: string, r: Run): void =>
    console.log(`${label.padEnd(62)} ${r.afterSignalMs > 0 ? `${r.afterSignalMs.toFixed(0).padStart(5)} ms after the signal` : `${r.totalMs.toFixed(0).padStart(5)} ms in all`}, peak RSS ${r.peakRssMb.toFixed(0)} MiB, ${r.exit}`);
  line('plan, call pending on a silent endpoint, SIGTERM', await runCli(['plan', '.', '--endpoint-url', silentUrl], tmp, ['SIGTERM'], reading));
  line('plan, call pending on a silent endpoint, SIGINT twice (100 ms)', await runCli(['plan', '.', '--endpoint-url', silentUrl], tmp, ['SIGINT', 'SIGINT'], reading));
  emulator.admin.setFaults({ operations: ['OptOutSpeaker'], latencyMs: 300 });
  const applying = (): boolean => (emulator.admin.callCounts().OptOutSpeaker ?? 0) >= 1;
  line('apply, OptOutSpeaker calls in flight (300 ms latency), SIGTERM', await runCli(['apply', '.', '--endpoint-url', emulator.endpoint, '--auto-approve', '--quota-scale', '0'], tmp, ['SIGTERM'], applying));

  const zero = join(tmp, 'zero');
  mkdirSync(join(zero, '.git'), { recursive: true });
  writeFileSync(join(zero, 'a.yaml'), 'version: 1\ndomains:\n  d:\n    kmsKeyId: alias/k\n    optedOutSpeakersFile: /dev/zero\n');
  symlinkSync('/dev/zero', join(zero, 'b.yaml'));
  symlinkSync('/dev/urandom', join(zero, 'c.yaml'));
  line('validate: optedOutSpeakersFile /dev/zero, *.yaml -> /dev/zero, /dev/urandom', await runCli(['validate', '.'], zero));
  line('validate --root /: the same (E_NOT_A_FILE, devices)', await runCli(['validate', '.', '--root', '/'], zero));
} finally {
  for (const s of sockets) s.destroy();
  silent.close();
  await emulator.close();
  rmSync(tmp, { recursive: true, force: true });
}
