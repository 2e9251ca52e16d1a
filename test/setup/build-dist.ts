/**
 * vitest globalSetup: builds dist/ once per test run as the package's build does (tsc, then
 * scripts/precompile-schemas.mjs for the validators), so tests that run the CLI as a child process spawn
 * `node dist/cli/main.js` (test/helpers/built-cli.ts) instead of loading tsx and transpiling the sources in every
 * child. The tsc step is ./transpile-dist.ts: TypeScript's own emitter file by file, the JavaScript `tsc -p
 * tsconfig.build.json` writes byte for byte, without its type check (which cost 8-18 s of CPU per run); unchanged
 * files are skipped. A syntax error fails the run up front (the tests would otherwise exercise stale JavaScript).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../helpers/built-cli.js';
import { transpileDist } from './transpile-dist.js';

export default async function setup(): Promise<void> {
  transpileDist();
  try {
    await promisify(execFile)(process.execPath, [join(REPO_ROOT, 'scripts', 'precompile-schemas.mjs')], { cwd: REPO_ROOT });
  } catch (e) {
    const out = (e as { stderr?: string }).stderr ?? String(e);
    throw new Error(`building dist/ for the tests failed:\n${out}`, { cause: e });
  }
}
