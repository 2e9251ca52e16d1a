/** The harness itself: a hanging case and a growing one are stopped and say so, quickly. */
import { describe, expect, it } from 'vitest';
import { spawnNode } from './harness.js';

describe('the hostile-case harness', () => {
  it('kills a case that never ends at its timeout and reports timedOut', async () => {
    const r = await spawnNode(['-e', 'setInterval(() => {}, 1000)'], { timeoutMs: 300 }).result;
    expect(r).toMatchObject({ timedOut: true, overMemory: false, signal: 'SIGKILL' });
  });

  it('kills a case whose resident memory passes the ceiling, even in Buffers outside the V8 heap', async () => {
    const grow = 'const keep = []; setInterval(() => keep.push(Buffer.alloc(16 << 20, 1)), 5)';
    const r = await spawnNode(['-e', grow], { maxRssMb: 200, timeoutMs: 10_000 }).result;
    expect(r).toMatchObject({ timedOut: false, overMemory: true, signal: 'SIGKILL' });
  });

  it('reports the exit code and output of a case that ends by itself', async () => {
    const r = await spawnNode(['-e', 'process.stderr.write("bye"); process.exit(3)']).result;
    expect(r).toMatchObject({ code: 3, stderr: 'bye', timedOut: false, overMemory: false });
  });
});
