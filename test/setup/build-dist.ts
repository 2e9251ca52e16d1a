/**
 * vitest globalSetup: builds dist/ once per test run with the package's own build (tsc -p tsconfig.build.json, then
 * scripts/precompile-schemas.mjs for the validators), so
 * tests that run the CLI as a child process spawn `node dist/cli/main.js` (test/helpers/built-cli.ts) instead of
 * loading tsx and transpiling the sources in every child. Incremental: an unchanged tree rebuilds in a few seconds.
 * A build error fails the run up front (the tests would otherwise exercise stale JavaScript).
 */
import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../helpers/built-cli.js';

// Outside dist/ so `npm pack` never ships it; forgotten when dist/ is gone (tsc would otherwise emit nothing).
const BUILD_INFO = join(REPO_ROOT, 'node_modules', '.cache', 'voiceid-gitops-build.tsbuildinfo');

export default async function setup(): Promise<void> {
  if (!existsSync(join(REPO_ROOT, 'dist', 'cli', 'main.js'))) rmSync(BUILD_INFO, { force: true });
  const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    await promisify(execFile)(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--incremental', '--tsBuildInfoFile', BUILD_INFO], { cwd: REPO_ROOT });
    await promisify(execFile)(process.execPath, [join(REPO_ROOT, 'scripts', 'precompile-schemas.mjs')], { cwd: REPO_ROOT });
  } catch (e) {
    const out = (e as { stdout?: string }).stdout ?? String(e);
    throw new Error(`building dist/ for the tests failed:\n${out}`, { cause: e });
  }
}
