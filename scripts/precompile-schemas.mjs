/**
 * The build's second step (after tsc): writes each JSON Schema validator the CLI uses as ajv standalone code,
 * dist/constraints/NAME.validate.cjs, so no run compiles a schema (src/constraints/compiled-schema.ts says why and how a
 * stale file is never used). Plain Node, no tsx: it runs the freshly built dist/ modules.
 *
 *   node scripts/precompile-schemas.mjs [DIST]      (default: dist/ of this repository)
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dist = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'dist'));
const load = (path) => import(pathToFileURL(join(dist, path)).href);
const { precompiledModule, hasPrecompiled } = await load('constraints/compiled-schema.js');
const specs = [(await load('config/schema.js')).desiredStateSchemaSpec(), (await load('apply/plan-schema.js')).planSchemaSpec()];
for (const spec of specs) {
  // An unchanged schema keeps its file: a rebuild (every test run) costs nothing here.
  if (hasPrecompiled(spec)) continue;
  writeFileSync(join(dist, 'constraints', `${spec.name}.validate.cjs`), precompiledModule(spec));
  if (!hasPrecompiled(spec)) throw new Error(`the precompiled ${spec.name} validator does not load or does not match its schema`);
}
