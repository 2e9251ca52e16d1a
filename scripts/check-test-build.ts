/**
 * The tests' dist/ (test/setup/transpile-dist.ts: ts.transpileModule file by file) must be the JavaScript that
 * `tsc -p tsconfig.build.json` emits, byte for byte, or the tests would run something other than what ships.
 * Builds both into temporary directories and compares every .js file. Run by .ci/run (a full tsc build takes
 * 8-18 s of CPU on this machine, which every `npm test` would otherwise pay).
 *
 * Usage: tsx scripts/check-test-build.ts   (exit 1 and the differing files when they differ)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transpileDist } from '../test/setup/transpile-dist.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(path.join(tmpdir(), 'voiceid-test-build-'));
try {
  const byTsc = path.join(work, 'tsc');
  const byTest = path.join(work, 'test');
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', byTsc], { cwd: root, stdio: 'inherit' });
  transpileDist(byTest);
  const js = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js')).sort();
  const [a, b] = [js(byTsc), js(byTest)];
  const differ = [...new Set([...a, ...b])].filter((f) => !a.includes(f) || !b.includes(f) || readFileSync(path.join(byTsc, f), 'utf8') !== readFileSync(path.join(byTest, f), 'utf8'));
  if (differ.length > 0) {
    console.error(`the tests' dist/ differs from tsc's in ${differ.length} file(s): ${differ.join(', ')}`);
    process.exitCode = 1;
  } else {
    console.log(`the tests' dist/ is tsc's: ${a.length} JavaScript files identical`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
