/**
 * How fast and how lean is loading a large desired state? Loads examples/large (100,000 opted-out ids), then a
 * generated 1,000,000-id estate in a temporary directory, and prints time, heap and RSS growth against the
 * opt-out file's size. Not a test: numbers depend on the machine.
 *
 *   node --expose-gc --import tsx bench/load-desired.ts      (gc exposed: steadier heap numbers)
 */
import { mkdtempSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDesired } from '../src/config/index.js';
import { speakerIdsText } from '../examples/large/generate.js';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MiB`;

async function measure(label: string, dir: string, optOutFile: string, runs: number): Promise<void> {
  await loadDesired([dir], { cwd: process.cwd() }); // warm up: module loading, schema compilation
  const times: number[] = [];
  let heapGrowth = 0;
  let rssGrowth = 0;
  let speakers = 0;
  for (let i = 0; i < runs; i++) {
    gc();
    const before = process.memoryUsage();
    const t0 = performance.now();
    const result = await loadDesired([dir], { cwd: process.cwd() });
    times.push(performance.now() - t0);
    const after = process.memoryUsage();
    heapGrowth = Math.max(heapGrowth, after.heapUsed - before.heapUsed);
    rssGrowth = Math.max(rssGrowth, after.rss - before.rss);
    if (result.kind !== 'valid') throw new Error(`${label}: not valid`);
    speakers = result.state.domains.reduce((n, d) => n + d.optedOutSpeakers.length, 0);
  }
  const size = statSync(optOutFile).size;
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(
    `${label}: ${speakers} speakers, opt-out file ${mib(size)}; load median ${median.toFixed(0)} ms (min ${times[0]!.toFixed(0)}, max ${times[times.length - 1]!.toFixed(0)}, ${runs} runs); ` +
      `heap growth ${mib(heapGrowth)} (${(heapGrowth / size).toFixed(1)}x file), RSS growth ${mib(rssGrowth)} (${(rssGrowth / size).toFixed(1)}x file)`,
  );
}

const large = fileURLToPath(new URL('../examples/large', import.meta.url));
await measure('examples/large (100k)', large, join(large, 'optouts/ivr-main.txt'), 7);

const tmp = mkdtempSync(join(tmpdir(), 'voiceid-bench-'));
try {
  writeFileSync(join(tmp, 'estate.yaml'), 'version: 1\ndomains:\n  big:\n    kmsKeyId: alias/voiceid\n    optedOutSpeakersFile: ids.txt\n');
  writeFileSync(join(tmp, 'ids.txt'), speakerIdsText(1_000_000));
  await measure('generated (1M)', tmp, join(tmp, 'ids.txt'), 3);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`peak RSS of the process: ${mib(process.resourceUsage().maxRSS * 1024)}`);
