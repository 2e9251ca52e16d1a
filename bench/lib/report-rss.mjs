// Preloaded into the CLI by bench/scenarios.ts: writes the process's peak RSS (KiB) to $BENCH_RSS_FILE on exit.
import { writeFileSync } from 'node:fs';
import process from 'node:process';

process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
