// Preloaded into the CLI by bench/trusted-plan.ts: writes the process's CPU time (user + system, ms) to
// $BENCH_CPU_FILE on exit. On a shared machine the wall time mostly measures the neighbours; CPU time does not.
import { writeFileSync } from 'node:fs';
import process from 'node:process';

process.on('exit', () => {
  if (process.env.BENCH_CPU_FILE) {
    const u = process.resourceUsage();
    writeFileSync(process.env.BENCH_CPU_FILE, String((u.userCPUTime + u.systemCPUTime) / 1000));
  }
});
