/**
 * ajv for the emulator's own inputs (state files, admin bodies): compiled once, stopping at the first error, and
 * that error phrased as `domains[0].speakers: expected array` (the path a user can find in the file).
 */
import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv';

// ajv is CommonJS: under NodeNext its default export arrives as the module object.
const Ajv = AjvModule as unknown as typeof AjvModule.default;

/** Compiles lazily (no work at import time) and caches the validator. */
export function lazyValidator(schema: () => Record<string, unknown>): () => ValidateFunction {
  let compiled: ValidateFunction | undefined;
  return () => (compiled ??= new Ajv({ allErrors: false, strict: true }).compile(schema()));
}

/** `/domains/0/speakers` -> `domains[0].speakers` (empty = the whole document). */
export function dottedPath(pointer: string): string {
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(seg) ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  }
  return out;
}

const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

/** One error as `path: what was expected`. */
export function describeSchemaError(e: ErrorObject): string {
  const path = dottedPath(e.instancePath);
  const at = (p: string, what: string): string => `${p === '' ? '(top level)' : p}: ${what}`;
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type':
      return at(path, `expected ${String(params.type)}`);
    case 'required':
      return at(join(path, String(params.missingProperty)), 'missing');
    case 'additionalProperties':
      return at(join(path, String(params.additionalProperty)), 'unknown key');
    case 'enum':
      return at(path, `expected one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`);
    case 'const':
      return at(path, `expected ${JSON.stringify(params.allowedValue)}`);
    default:
      return at(path, e.message ?? e.keyword);
  }
}

/** The first schema error of `value`, or undefined when it matches. */
export function firstSchemaError(validate: ValidateFunction, value: unknown): string | undefined {
  if (validate(value)) return undefined;
  const e = validate.errors?.[0];
  return e === undefined ? 'does not match its schema' : describeSchemaError(e);
}

// Small builders, so the schemas below read like the types they mirror.
export const str = { type: 'string' } as const;
export const num = { type: 'number' } as const;
export const int = { type: 'integer', minimum: 0 } as const;
export const bool = { type: 'boolean' } as const;
export const arrayOf = (items: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: 'array', items, ...extra });
export const oneOfStrings = (values: readonly string[]) => ({ type: 'string', enum: values });

/** A closed object: `required` members and optional ones, nothing else. */
export function object(required: Record<string, unknown>, optional: Record<string, unknown> = {}) {
  return {
    type: 'object',
    properties: { ...required, ...optional },
    required: Object.keys(required),
    additionalProperties: false,
  };
}
