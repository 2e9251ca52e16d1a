#!/usr/bin/env node
/** The only file that touches `process`: wires the real world into run() and sets the exit code. */
import { createInterface } from 'node:readline/promises';
import { run } from './run.js';

// The AWS SDK warns on every run under Node < 22 that its releases from January 2027 will need Node 22. The lock
// file pins the SDK, so the notice says nothing actionable to a user of this tool; an explicit setting still wins.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const controller = new AbortController();
let interrupts = 0;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    process.stderr.write(`\n${sig} received: finishing calls in flight, starting no new ones (again to force)\n`);
    controller.abort(new Error(sig));
  });
}

async function prompt(question: string): Promise<string | undefined> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  try {
    return await rl.question(question);
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
  prompt,
  signal: controller.signal,
  now: () => new Date(),
});
process.exitCode = code;
