#!/usr/bin/env node
/** The only file that touches `process`: wires the real world into run() and sets the exit code. */
import { createInterface } from 'node:readline/promises';
import { interruptHandler, liveViewSlot } from './interrupt.js';
import { nodeSupportNote } from './node-support.js';
import { run } from './run.js';

// The AWS SDK warns (several lines, once per client) under Node < 22 that its releases from January 2027 will need
// Node 22; we say it once, in one line (node-support.ts). An explicit setting of the variable still wins.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const note = nodeSupportNote(process.versions.node, process.argv.slice(2));
if (note !== undefined) process.stderr.write(note);

const controller = new AbortController();
// apply's progress view registers here, so a signal's notice erases the bars before it is written.
const liveView = liveViewSlot();
const onSignal = interruptHandler({
  write: (t) => void process.stderr.write(t),
  liveView,
  abort: (reason) => controller.abort(reason),
  // The default action, raised again: ends the process even while a thread-pool call blocks (process.exit waits).
  forceExit: (sig) => {
    process.removeAllListeners(sig);
    process.kill(process.pid, sig);
  },
  later: (fn, ms) => void setTimeout(fn, ms).unref(),
});
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, onSignal);

async function prompt(question: string): Promise<string | undefined> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  try {
    // A signal answers the prompt "no" (undefined), so apply says "Apply cancelled" and ends.
    return await rl.question(question, { signal: controller.signal });
  } catch {
    return undefined;
  } finally {
    rl.close();
  }
}

const code = await run(process.argv.slice(2), {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  env: process.env,
  cwd: process.cwd(),
  stdoutIsTTY: process.stdout.isTTY === true,
  stdinIsTTY: process.stdin.isTTY === true,
  ...(process.stderr.isTTY ? { stderrTerminal: () => ({ columns: process.stderr.columns || 80, rows: process.stderr.rows || 24 }) } : {}),
  prompt,
  signal: controller.signal,
  liveView,
  now: () => new Date(),
});
process.exitCode = code;
