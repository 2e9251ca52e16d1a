/**
 * JSON Schema validators compiled once, at build time, instead of at every start of the CLI. Compiling the
 * desired-state schema with ajv took 0.5-0.7 s of CPU on each `plan` / `apply` (more than the rest of start-up),
 * for a result that depends only on the schema and the ajv options.
 *
 * `npm run build` (scripts/precompile-schemas.mjs, after tsc) writes each validator as ajv "standalone" code next
 * to this module (dist/constraints/NAME.validate.cjs) with a digest of the schema and options it was made from. At run
 * time `validatorFor` uses that file only when its digest matches the schema read now, so an edited schema or a
 * stale build can never validate with old rules: without a matching file (sources run by tsx, a build without the
 * step) it compiles as before. Either way the validator is made on first use, not at import.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Options, ValidateFunction } from 'ajv';
import type { Ajv2020 as Ajv2020Class } from 'ajv/dist/2020.js';

const require = createRequire(import.meta.url);

export interface SchemaSpec {
  /** File stem of the precompiled module: `${name}.validate.cjs` beside this module. */
  readonly name: string;
  /** The schema as it is to be compiled (already transformed, e.g. keywords dropped). */
  readonly schema: Record<string, unknown>;
  readonly options: Options;
}

/** What the precompiled module exports. */
interface Precompiled {
  readonly digest: string;
  readonly validate: ValidateFunction;
}

/** The schema and options, as the precompiled module records them (JSON.stringify order is the file's order). */
export function schemaDigest(spec: SchemaSpec): string {
  return createHash('sha256').update(JSON.stringify([spec.options, spec.schema])).digest('hex');
}

/** The precompiled validator of `spec` when one matching it was built, else one compiled now. */
export function validatorFor(spec: SchemaSpec): ValidateFunction {
  return precompiled(spec) ?? compile(spec, false).validate;
}

/** Whether `validatorFor(spec)` would use a precompiled module (tests and the build check it). */
export function hasPrecompiled(spec: SchemaSpec): boolean {
  return precompiled(spec) !== undefined;
}

function precompiled(spec: SchemaSpec): ValidateFunction | undefined {
  let path: string;
  let mod: Precompiled;
  try {
    // From dist/constraints/ (this module) and from a module one level deeper in dist/ alike.
    path = require.resolve(`../constraints/${spec.name}.validate.cjs`);
    mod = require(path) as Precompiled;
  } catch {
    return undefined;
  }
  if (mod.digest === schemaDigest(spec) && typeof mod.validate === 'function') return mod.validate;
  // Forgotten, so that a file rewritten for this schema (the build replacing a stale one) is read afresh.
  delete require.cache[path];
  return undefined;
}

/** ajv is loaded only here: a precompiled validator needs just its few runtime helpers. */
function compile(spec: SchemaSpec, source: boolean): { readonly validate: ValidateFunction; readonly code?: string } {
  const { Ajv2020 } = require('ajv/dist/2020.js') as { readonly Ajv2020: typeof Ajv2020Class };
  const ajv = new Ajv2020({ ...spec.options, ...(source ? { code: { source: true } } : {}) });
  const validate = ajv.compile(spec.schema);
  if (!source) return { validate };
  const { default: standaloneCode } = require('ajv/dist/standalone/index.js') as { readonly default: (ajv: Ajv2020Class, validate: ValidateFunction) => string };
  return { validate, code: standaloneCode(ajv, validate) };
}

/** The CommonJS module the build writes for `spec`: ajv's standalone code plus the digest it was made from. */
export function precompiledModule(spec: SchemaSpec): string {
  const code = compile(spec, true).code!;
  return `${code}\nmodule.exports.digest = ${JSON.stringify(schemaDigest(spec))};\nmodule.exports.validate = module.exports;\n`;
}
