/**
 * The benchmarks' emulator, served in a child process (forked with `--serve SCALE`) so its CPU is not the CLI's:
 * quotas x scale, 100 speakers per page, a fixed latency per call. Messages: `{ seed }` resets and seeds it (call
 * counters zeroed), anything else asks for the call counters.
 */
import type { ChildProcess } from 'node:child_process';
import type { SeedState } from '../../src/emulator/index.js';

export async function serveEmulator(scale: number, latencyMs: number): Promise<void> {
  const { startEmulator } = await import('../../src/emulator/index.js');
  const emulator = await startEmulator({ port: 0, quotaScale: scale, pageSize: 100, faults: { latencyMs } });
  process.on('message', (m: { seed?: SeedState }) => {
    void (async () => {
      if (m.seed) {
        emulator.admin.reset();
        await emulator.admin.seed(m.seed);
        emulator.admin.resetCallCounts();
        process.send?.({ seeded: true });
      } else process.send?.({ counts: emulator.admin.callCounts() });
    })();
  });
  process.send?.({ endpoint: emulator.endpoint });
  process.on('disconnect', () => void emulator.close().then(() => process.exit(0)));
}

/** Sends one message to the emulator child and resolves with its answer. */
export function ask<T>(child: ChildProcess, message: object): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as T));
    child.send(message);
  });
}
