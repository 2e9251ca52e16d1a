/** Compiles specs/plan.schema.json (draft 2020-12) once, for tests that check plans against it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';

let compiled: ValidateFunction | undefined;

export function planSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'specs', 'plan.schema.json'), 'utf8')) as Record<string, unknown>;
}

export function planValidator(): ValidateFunction {
  compiled ??= new Ajv2020({ allErrors: true, strict: true, strictRequired: false }).compile(planSchema());
  return compiled;
}
