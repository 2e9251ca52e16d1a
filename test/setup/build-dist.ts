/**
 * vitest globalSetup: builds dist/ once per test run as the package's build does (tsc, then
 * scripts/precompile-schemas.mjs for the validators, then scripts/bundle-cli.mjs for the bin), so tests that run
 * the CLI as a child process spawn the package's bin, `node dist/bin/voiceid-gitops.js` (test/helpers/built-cli.ts),
 * as users and the GitHub Action do: not tsx, which transpiles the sources in every child, nor the unbundled
 * dist/cli/main.js, which resolves and compiles some 200 dist modules and the SDK's files at each start (0.75-0.9 s of
 * CPU for a `validate`, against 0.4 s for the bundle; a suite run spawns the CLI a few hundred times).
 * The tsc step is ./transpile-dist.ts: TypeScript's own emitter file by file, the JavaScript `tsc -p
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
    for (const script of ['precompile-schemas.mjs', 'bundle-cli.mjs']) await promisify(execFile)(process.execPath, [join(REPO_ROOT, 'scripts', script)], { cwd: REPO_ROOT });
  } catch (e) {
    const out = (e as { stderr?: string }).stderr ?? String(e);
    throw new Error(`building dist/ for the tests failed:\n${out}`, { cause: e });
  }
}
