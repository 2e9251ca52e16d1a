/**
 * A saved plan is checked against specs/plan.schema.json (generated from the format's one definition,
 * src/model/schema/plan.ts, which also gives the Plan types) before anything else is trusted in it (APPLY.md A1.2):
 * a hand-edited or truncated file is refused with the first bad path instead of failing somewhere in the executor.
 * The schema ships in the package (`files`: specs/), two directories above this module in src/ and in dist/; it
 * is read and compiled on first use, not at import.
 */
import { readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { validatorFor, type SchemaSpec } from '../constraints/compiled-schema.js';

let compiled: ValidateFunction | undefined;

/** What ajv compiles (precompiled by the build: src/constraints/compiled-schema.ts). */
export function planSchemaSpec(): SchemaSpec {
  const schema = JSON.parse(readFileSync(new URL('../../specs/plan.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  return { name: 'plan', schema, options: { allErrors: false, strict: true, strictRequired: false } };
}

function validator(): ValidateFunction {
  compiled ??= validatorFor(planSchemaSpec());
  return compiled;
}

/** Undefined when the document is a plan; else the first problem as `PATH: what is wrong` (a JSON pointer). */
export function firstPlanSchemaError(doc: unknown): string | undefined {
  const validate = validator();
  if (validate(doc)) return undefined;
  const e: ErrorObject | undefined = validate.errors?.[0];
  if (!e) return 'does not match the plan schema';
  const extra = e.keyword === 'additionalProperties' ? `/${String((e.params as { additionalProperty?: unknown }).additionalProperty)}` : '';
  const path = `${e.instancePath}${extra}` || '/';
  // The message names the rule, never the value (a value may be a speaker id).
  const what = e.keyword === 'additionalProperties' ? 'is not part of the plan format' : (e.message ?? 'is invalid');
  return `${path} ${what}`;
}
