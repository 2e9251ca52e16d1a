/**
 * Per-operation input validation, driven only by the generated model constraints (src/constraints), phrased as
 * Coral's ValidationException message (EMULATOR.md §3). Type mismatches are SerializationException, as Coral
 * fails them while deserializing, before validation.
 */
import { voiceIdConstraints } from '../constraints/load.js';
import { validateShape, type PathSegment, type Violation } from '../constraints/validate.js';
import type { ConstraintsFile } from '../constraints/types.js';
import { assertNever } from '../model/assert-never.js';
import { serializationError, validationError, type ServiceError } from './errors.js';

const lowerFirst = (s: string): string => (s.length === 0 ? s : s[0]!.toLowerCase() + s.slice(1));

/** `['Tags', 0, 'Key']` -> `tags.1.member.key` (Coral member paths: camelCase, 1-based list items). */
export function coralPath(path: readonly PathSegment[]): string {
  return path.map((p) => (typeof p === 'number' ? `${p + 1}.member` : lowerFirst(p))).join('.');
}

function renderValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ')}]`;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function constraintPhrase(v: Violation): string {
  switch (v.kind) {
    case 'required':
      return 'Member must not be null';
    case 'length':
      return v.max !== undefined && v.actual > v.max
        ? `Member must have length less than or equal to ${v.max}`
        : `Member must have length greater than or equal to ${v.min ?? 0}`;
    case 'pattern':
      return `Member must satisfy regular expression pattern: ${v.pattern}`;
    case 'enum':
      return `Member must satisfy enum value set: [${v.allowed.join(', ')}]`;
    case 'range':
      return v.max !== undefined && v.value > v.max
        ? `Member must have value less than or equal to ${v.max}`
        : `Member must have value greater than or equal to ${v.min ?? 0}`;
    case 'type':
      return `Member must be a ${v.expected}`;
    default:
      return assertNever(v, 'constraint violation');
  }
}

/** One Coral clause: `Value 'x' at 'name' failed to satisfy constraint: ...`, without the value when sensitive. */
export function describeViolation(v: Violation): string {
  const at = `at '${coralPath(v.path)}'`;
  let subject: string;
  if (v.kind === 'required') subject = `Value null ${at}`;
  else if ('sensitive' in v && v.sensitive) subject = `Value ${at}`;
  else subject = `Value '${renderValue(v.value)}' ${at}`;
  return `${subject} failed to satisfy constraint: ${constraintPhrase(v)}`;
}

export function coralMessage(violations: readonly Violation[]): string {
  const n = violations.length;
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${violations.map(describeViolation).join('; ')}`;
}

/** The error for a request's violations, or undefined when the input is valid. */
export function inputError(spec: ConstraintsFile, shapeName: string, input: unknown): ServiceError | undefined {
  const violations = validateShape(spec, shapeName, input);
  if (violations.length === 0) return undefined;
  const typeError = violations.find((v) => v.kind === 'type');
  if (typeError) return serializationError(`Unexpected value type at '${coralPath(typeError.path)}': expected ${typeError.kind === 'type' ? typeError.expected : ''}`);
  return validationError(coralMessage(violations));
}

/** Validates a Voice ID operation's input (looked up in the generated model). */
export function validateInput(operation: string, input: unknown): ServiceError | undefined {
  const spec = voiceIdConstraints();
  const op = spec.operations[operation];
  if (!op) return undefined;
  return inputError(spec, op.input, input);
}
