/**
 * `npm run bench`: builds the package once (`npm run build`: tsc, the precompiled validators, the CLI bundle), then
 * runs every benchmark in bench/ (each `bench/*.ts` but this file) one after another, each in its own Node process
 * with its default arguments (the ones that build take `--no-build`), streams its figures, and ends with one line
 * per step (wall time, exit code). Exits 1 if any step failed.
 *
 * A whole run (no --only) whose steps all pass then records its durations in bench/results/latest.json (written by
 * bench/scenarios.ts) and regenerates the tables of docs/performance.md and the README from it
 * (scripts/performance-table.ts), so one run gives everything that is committed.
 *
 *   npx tsx bench/run-all.ts [--only NAME[,NAME...]]      e.g. --only scenarios,load-desired
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Results } from './lib/scenario-table.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const { values } = parseArgs({ options: { only: { type: 'string' } } });
const only = values.only?.split(',').map((s) => s.trim()).filter(Boolean);
/** Benchmarks that build dist/ themselves unless told it is built. */
const BUILDING = new Set(['scenarios', 'trusted-plan']);

const benches = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== basename(fileURLToPath(import.meta.url)))
  .map((f) => f.slice(0, -3))
  .filter((name) => only === undefined || only.includes(name))
  .sort();

/** Every step shows progress at least every 10 s: a heartbeat line whenever one has been silent for 9 s. */
function runStep(label: string, command: string, args: readonly string[]): Promise<number> {
  return new Promise((resolve) => {
    const started = performance.now();
    let last = started;
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const forward = (to: NodeJS.WriteStream) => (chunk: Buffer): void => {
      last = performance.now();
      to.write(chunk);
    };
    child.stdout.on('data', forward(process.stdout));
    child.stderr.on('data', forward(process.stderr));
    const heartbeat = setInterval(() => {
      if (performance.now() - last < 9000) return;
      last = performance.now();
      process.stdout.write(`  ... ${label} still running (${((last - started) / 1000).toFixed(0)} s)\n`);
    }, 1000);
    child.on('exit', (code, signal) => {
      clearInterval(heartbeat);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

const results: { name: string; seconds: number; code: number }[] = [];
async function step(name: string, label: string, command: string, args: readonly string[]): Promise<void> {
  process.stdout.write(`\n=== ${label} ===\n`);
  const started = performance.now();
  const code = await runStep(label, command, args);
  results.push({ name, seconds: (performance.now() - started) / 1000, code });
}

const runStarted = performance.now();
if (benches.length > 0) await step('build', 'npm run build', process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build']);
for (const name of benches) {
  if (results[0]!.code !== 0) break;
  await step(name, `bench/${name}.ts`, process.execPath, ['--expose-gc', '--import', 'tsx', join(here, `${name}.ts`), ...(BUILDING.has(name) ? ['--no-build'] : [])]);
}
const totalS = (performance.now() - runStarted) / 1000;
process.stdout.write('\n=== summary ===\n');
for (const r of results) process.stdout.write(`${r.name.padEnd(20)} ${r.seconds.toFixed(1).padStart(8)} s  ${r.code === 0 ? 'ok' : `FAILED (exit ${r.code})`}\n`);
if (benches.length === 0) process.stdout.write(`no benchmark matched --only ${values.only ?? ''}\n`);
else process.stdout.write(`${'total'.padEnd(20)} ${totalS.toFixed(1).padStart(8)} s  (${(totalS / 60).toFixed(1)} min)\n`);
const ok = results.length > 0 && results.every((r) => r.code === 0);
if (ok && only === undefined) {
  // The whole run: its durations go beside the scenario table it wrote, and the docs are regenerated from both.
  const file = join(root, 'bench/results/latest.json');
  const latest = JSON.parse(readFileSync(file, 'utf8')) as Results;
  const recorded: Results = { ...latest, totalS: Math.round(totalS), steps: results.map((r) => ({ name: r.name, seconds: Math.round(r.seconds) })) };
  writeFileSync(file, `${JSON.stringify(recorded, null, 2)}\n`);
  process.stdout.write(`durations recorded in ${file}\n`);
  if ((await runStep('scripts/performance-table.ts', process.execPath, ['--import', 'tsx', join(root, 'scripts/performance-table.ts')])) !== 0) process.exitCode = 1;
}
if (!ok) process.exitCode = 1;
