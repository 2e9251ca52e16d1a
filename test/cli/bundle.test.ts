/**
 * The package's `bin` is the bundle scripts/bundle-cli.mjs makes of dist/ (the third step of `npm run build`), so
 * it must run as the unbundled CLI does: from outside the repository, finding the package's files (package.json,
 * the shipped example, the precompiled validators) by paths relative to itself, with the emulator loaded lazily.
 * The tests' dist/ and its bundle come from the globalSetup (test/setup/build-dist.ts), as `npm run build` makes them;
 * every test that spawns the CLI runs this bundle (test/helpers/built-cli.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../helpers/built-cli.js';

const run = promisify(execFile);
const BUNDLE = join(REPO_ROOT, 'dist/bin/voiceid-gitops.js');
let cwd: string;

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'voiceid-bundle-'));
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('the bundled CLI (the package bin)', () => {
  test('is what package.json names as the bin, and what the build makes', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
    expect(pkg.bin).toEqual({ 'voiceid-gitops': 'dist/bin/voiceid-gitops.js' });
    expect(pkg.scripts.build).toMatch(/precompile-schemas\.mjs && node scripts\/bundle-cli\.mjs$/);
  });

  test('imports no dist module outside its own directory (it stands alone beside the package files it reads)', () => {
    const files = readdirSync(join(REPO_ROOT, 'dist/bin')).filter((f) => f.endsWith('.js'));
    expect(files).toContain('voiceid-gitops.js');
    for (const f of files) expect(readFileSync(join(REPO_ROOT, 'dist/bin', f), 'utf8'), f).not.toMatch(/(?:from|import\()\s*["']\.\.\//);
  });

  test('prints the package version and runs the demo from an empty directory, with the precompiled validators', async () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect((await run(process.execPath, [BUNDLE, '--version'], { cwd })).stdout.trim()).toBe(pkg.version);
    // Compiling a schema at run time would load ajv's compiler: the preload makes that an error.
    const preload = join(cwd, 'no-ajv-compile.cjs');
    writeFileSync(preload, "const M = require('node:module'); const load = M._load; M._load = function (request, ...rest) { if (String(request).includes('ajv/dist/2020')) throw new Error('a schema was compiled at run time'); return load.call(this, request, ...rest); };\n");
    const { stdout } = await run(process.execPath, ['--require', preload, BUNDLE, 'demo'], { cwd, env: { PATH: process.env.PATH ?? '' } });
    expect(stdout).toContain('Demo finished: plan -> apply -> plan shows no changes.');
    expect(stdout).toContain(`cp -r ${join(REPO_ROOT, 'examples/quickstart')} my-estate`);
  }, 60_000);
});
