/**
 * The JSON Schema of the format (specs/desired-state.schema.json, generated from its one definition in
 * src/model/schema/desired-state.ts) applied with ajv, its errors turned into positioned diagnostics. Ajv reports the structure (types, required and unknown keys, the version); the value
 * constraints that the schema also states for editors (patterns, lengths, ranges, enums, counts) are reported
 * by check-values.ts from the Voice ID constraints file instead, with better messages and masking, so they are
 * dropped here rather than reported twice.
 *
 * `uniqueItems` is not even evaluated: ajv compares every pair of items (100,000 inline speaker ids took 277 s),
 * and check-domain.ts finds duplicates with a Map in one pass, reporting each at its line and column. The shipped
 * schema keeps `uniqueItems` for editors; only the copy ajv compiles leaves it out.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { validatorFor, type SchemaSpec } from '../constraints/compiled-schema.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { locate, type Path } from './locate.js';
import type { ParsedYaml } from './parse-yaml.js';
import { readBundledJson } from './read-files.js';
import { diagnosticAt } from './source-text.js';
import { describeValue, pathLabel, suggest } from './wording.js';

export const SCHEMA_PATH = 'specs/desired-state.schema.json';

/** Keywords whose violations check-values.ts reports from the Voice ID constraints. */
const CONSTRAINT_KEYWORDS = new Set([
  'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'enum', 'minItems', 'maxItems',
  'minProperties', 'maxProperties', 'propertyNames', 'not', 'uniqueItems', 'if', 'anyOf', 'oneOf', 'allOf',
]);

/** Keywords ajv must not evaluate because their cost grows with the square of a list (see above). */
const NOT_EVALUATED = new Set(['uniqueItems']);

let compiled: ValidateFunction | undefined;

export function desiredStateSchema(): Record<string, unknown> {
  return readBundledJson(SCHEMA_PATH) as Record<string, unknown>;
}

/** What ajv compiles (precompiled by the build: src/constraints/compiled-schema.ts). */
export function desiredStateSchemaSpec(): SchemaSpec {
  return { name: 'desired-state', schema: without(desiredStateSchema(), NOT_EVALUATED) as Record<string, unknown>, options: { allErrors: true, verbose: true, strict: true } };
}

function validator(): ValidateFunction {
  compiled ??= validatorFor(desiredStateSchemaSpec());
  return compiled;
}

/** A deep copy of a JSON Schema without the given keywords (`examples` and enums are data: left as they are). */
function without(node: unknown, keywords: ReadonlySet<string>): unknown {
  if (Array.isArray(node)) return node.map((n) => without(n, keywords));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (keywords.has(k)) continue;
    out[k] = k === 'examples' || k === 'enum' || k === 'const' ? v : without(v, keywords);
  }
  return out;
}

export function schemaDiagnostics(parsed: ParsedYaml): Diagnostic[] {
  const validate = validator();
  if (validate(parsed.value)) return [];
  const out: Diagnostic[] = [];
  for (const e of validate.errors ?? []) {
    if (CONSTRAINT_KEYWORDS.has(e.keyword)) continue;
    out.push(toDiagnostic(parsed, e));
  }
  return out;
}

function pointerToPath(pointer: string, root: unknown): Path {
  if (pointer === '') return [];
  const out: (string | number)[] = [];
  let cur = root;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const key = Array.isArray(cur) ? Number(seg) : seg;
    out.push(key);
    cur = cur !== null && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[key] : undefined;
  }
  return out;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  null: 'empty',
};

function toDiagnostic(parsed: ParsedYaml, e: ErrorObject): Diagnostic {
  const path = pointerToPath(e.instancePath, parsed.value);
  const { src, doc } = parsed;
  const where = pathLabel(path);
  switch (e.keyword) {
    case 'required': {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      const place = path.length === 0 ? 'at the top level' : `in ${where}`;
      return diagnosticAt(src, 'E_MISSING_KEY', `missing required key \`${missing}\` ${place}`, locate(doc, path, 'key'));
    }
    case 'additionalProperties': {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const hint = suggest(extra, allowed);
      const place = path.length === 0 ? 'at the top level' : `in ${where}`;
      const tail = hint ? ` (did you mean \`${hint}\`?)` : allowed.length > 0 ? ` (expected one of: ${allowed.join(', ')})` : '';
      return diagnosticAt(src, 'E_UNKNOWN_KEY', `unknown key \`${extra}\` ${place}${tail}`, locate(doc, [...path, extra], 'key'));
    }
    case 'type': {
      const t = (e.params as { type: string | string[] }).type;
      const expected = (Array.isArray(t) ? t : [t]).filter((x) => x !== 'null').map((x) => TYPE_WORDS[x] ?? x).join(' or ');
      return diagnosticAt(src, 'E_TYPE', `${where} must be ${expected}, not ${describeValue(path, e.data)}`, locate(doc, path));
    }
    case 'const':
      return diagnosticAt(src, 'E_VERSION', `unsupported format version ${typeof e.data === 'string' ? JSON.stringify(e.data) : String(e.data)}: this tool reads \`version: 1\``, locate(doc, path));
    default:
      return diagnosticAt(src, 'E_TYPE', `${where} ${e.message ?? 'is invalid'}`, locate(doc, path));
  }
}
