/**
 * `npm run bench`: runs every benchmark in bench/ (each `bench/*.ts` but this file) one after another, each in its
 * own Node process with its default arguments, streams its figures, and ends with one line per benchmark (wall
 * time, exit code). Exits 1 if any benchmark failed.
 *
 *   npx tsx bench/run-all.ts [--only NAME[,NAME...]]      e.g. --only apply,load-desired
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({ options: { only: { type: 'string' } } });
const only = values.only?.split(',').map((s) => s.trim()).filter(Boolean);

const benches = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== basename(fileURLToPath(import.meta.url)))
  .map((f) => f.slice(0, -3))
  .filter((name) => only === undefined || only.includes(name))
  .sort();

/** Every benchmark shows progress at least every 10 s: a heartbeat line whenever one has been silent for 9 s. */
function runOne(name: string): Promise<number> {
  return new Promise((resolve) => {
    const started = performance.now();
    let last = started;
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(here, `${name}.ts`)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const forward = (to: NodeJS.WriteStream) => (chunk: Buffer): void => {
      last = performance.now();
      to.write(chunk);
    };
    child.stdout.on('data', forward(process.stdout));
    child.stderr.on('data', forward(process.stderr));
    const heartbeat = setInterval(() => {
      if (performance.now() - last < 9000) return;
      last = performance.now();
      process.stdout.write(`  ... bench/${name}.ts still running (${((last - started) / 1000).toFixed(0)} s)\n`);
    }, 1000);
    child.on('exit', (code, signal) => {
      clearInterval(heartbeat);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

const results: { name: string; seconds: number; code: number }[] = [];
for (const name of benches) {
  process.stdout.write(`\n=== bench/${name}.ts ===\n`);
  const started = performance.now();
  const code = await runOne(name);
  results.push({ name, seconds: (performance.now() - started) / 1000, code });
}
process.stdout.write('\n=== summary ===\n');
for (const r of results) process.stdout.write(`${r.name.padEnd(20)} ${r.seconds.toFixed(1).padStart(8)} s  ${r.code === 0 ? 'ok' : `FAILED (exit ${r.code})`}\n`);
if (results.length === 0) process.stdout.write(`no benchmark matched --only ${values.only ?? ''}\n`);
process.exitCode = results.every((r) => r.code === 0) && results.length > 0 ? 0 : 1;
