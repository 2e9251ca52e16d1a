/**
 * The build's third step (after tsc and scripts/precompile-schemas.mjs): bundles the built CLI, dist/cli/main.js and
 * everything it imports (the AWS SDK clients, commander, yaml, ...), into dist/bin/voiceid-gitops.js, the package's
 * `bin`. Node then reads a handful of files at start-up instead of resolving and compiling about 200 dist modules and
 * several hundred dependency files: `voiceid-gitops apply` spent 0.45-0.7 s of its 1.0-1.15 s of CPU loading modules,
 * and the bundle halves the CPU of a small apply (docs/performance.md). Lazily imported parts (the emulator, for
 * `emulator` and `--local`) stay lazy: separate chunks beside the entry, loaded on first use.
 *
 * The output sits two levels below the package root, as every dist module that reads a package file by a path
 * relative to its own (package.json, specs/, dist/constraints/*.validate.cjs) does, so those paths hold in the bundle.
 * ajv stays outside: compiled-schema.ts loads it with require() only when a schema has no precompiled validator.
 *
 *   node scripts/bundle-cli.mjs [DIST]      (default: dist/ of this repository)
 */
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const dist = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'dist'));
const outdir = join(dist, 'bin');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { 'voiceid-gitops': join(dist, 'cli', 'main.js') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // The dependencies' ES module builds where they ship one (smaller, and no CommonJS wrappers to run).
  mainFields: ['module', 'main'],
  // Bundled CommonJS code (some dependencies ship only that) calls require() for Node's built-ins; an ES module
  // has none, so each output file gets one.
  banner: { js: "import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);" },
  logLevel: 'warning',
  legalComments: 'none',
});
