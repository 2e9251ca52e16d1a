/**
 * A pure validator of values against the Voice ID model's shapes: required members, types, lengths (in Unicode
 * code points, as Smithy counts them), patterns (ECMA-262 with the `u` flag, so `\p{L}` works), ranges, enums and
 * list sizes. It returns every violation with its path; callers phrase them (the emulator as the service's
 * ValidationException message, the YAML loader as positioned diagnostics).
 */
import { assertNever } from '../model/assert-never.js';
import type { ConstraintsFile, Shape, StringShape } from './types.js';

export type PathSegment = string | number;

export type Violation =
  | { readonly kind: 'required'; readonly path: readonly PathSegment[] }
  | { readonly kind: 'type'; readonly path: readonly PathSegment[]; readonly expected: string; readonly value: unknown }
  | { readonly kind: 'length'; readonly path: readonly PathSegment[]; readonly min?: number; readonly max?: number; readonly actual: number; readonly value: unknown; readonly sensitive: boolean }
  | { readonly kind: 'pattern'; readonly path: readonly PathSegment[]; readonly pattern: string; readonly value: string; readonly sensitive: boolean }
  | { readonly kind: 'enum'; readonly path: readonly PathSegment[]; readonly allowed: readonly string[]; readonly value: string; readonly sensitive: boolean }
  | { readonly kind: 'range'; readonly path: readonly PathSegment[]; readonly min?: number; readonly max?: number; readonly value: number };

const patternCache = new Map<string, RegExp>();

export function compiledPattern(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    re = new RegExp(pattern, 'u');
    patternCache.set(pattern, re);
  }
  return re;
}

/** Smithy measures string length in Unicode scalar values. */
export function codePointLength(s: string): number {
  // Fast path: no surrogate pairs means length === code points.
  if (!/[\uD800-\uDFFF]/.test(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Checks one string against a string shape's constraints (length, pattern, enum). */
export function checkString(shape: StringShape, value: string, path: readonly PathSegment[]): Violation[] {
  const out: Violation[] = [];
  const sensitive = shape.sensitive === true;
  if (shape.length) {
    const n = codePointLength(value);
    if ((shape.length.min !== undefined && n < shape.length.min) || (shape.length.max !== undefined && n > shape.length.max)) {
      out.push({ kind: 'length', path, ...shape.length, actual: n, value, sensitive });
    }
  }
  if (shape.pattern !== undefined && !compiledPattern(shape.pattern).test(value)) {
    out.push({ kind: 'pattern', path, pattern: shape.pattern, value, sensitive });
  }
  if (shape.enum && !shape.enum.includes(value)) {
    out.push({ kind: 'enum', path, allowed: shape.enum, value, sensitive });
  }
  return out;
}

export function validateShape(
  spec: ConstraintsFile,
  shapeName: string,
  value: unknown,
  path: readonly PathSegment[] = [],
): Violation[] {
  const shape = spec.shapes[shapeName];
  if (!shape) throw new Error(`unknown shape ${shapeName}`);
  return validateValue(spec, shape, value, path);
}

function validateValue(spec: ConstraintsFile, shape: Shape, value: unknown, path: readonly PathSegment[]): Violation[] {
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return [{ kind: 'type', path, expected: 'structure', value }];
      }
      const obj = value as Record<string, unknown>;
      const out: Violation[] = [];
      for (const [name, member] of Object.entries(shape.members)) {
        const v = obj[name];
        if (v === undefined || v === null) {
          if (member.required) out.push({ kind: 'required', path: [...path, name] });
          continue;
        }
        out.push(...validateShape(spec, member.target, v, [...path, name]));
      }
      return out;
    }
    case 'list': {
      if (!Array.isArray(value)) return [{ kind: 'type', path, expected: 'list', value }];
      const out: Violation[] = [];
      if (shape.length) {
        const n = value.length;
        if ((shape.length.min !== undefined && n < shape.length.min) || (shape.length.max !== undefined && n > shape.length.max)) {
          out.push({ kind: 'length', path, ...shape.length, actual: n, value, sensitive: shape.sensitive === true });
        }
      }
      value.forEach((item, i) => {
        if (item === null || item === undefined) out.push({ kind: 'required', path: [...path, i] });
        else out.push(...validateShape(spec, shape.member, item, [...path, i]));
      });
      return out;
    }
    case 'string':
      if (typeof value !== 'string') return [{ kind: 'type', path, expected: 'string', value }];
      return checkString(shape, value, path);
    case 'integer':
    case 'long':
    case 'float':
    case 'double': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return [{ kind: 'type', path, expected: shape.type, value }];
      if ((shape.type === 'integer' || shape.type === 'long') && !Number.isInteger(value)) {
        return [{ kind: 'type', path, expected: shape.type, value }];
      }
      const r = shape.range;
      if (r && ((r.min !== undefined && value < r.min) || (r.max !== undefined && value > r.max))) {
        return [{ kind: 'range', path, ...r, value }];
      }
      return [];
    }
    case 'boolean':
      return typeof value === 'boolean' ? [] : [{ kind: 'type', path, expected: 'boolean', value }];
    case 'timestamp':
      return typeof value === 'number' || typeof value === 'string' ? [] : [{ kind: 'type', path, expected: 'timestamp', value }];
    case 'blob':
    case 'document':
      return [];
    default:
      return assertNever(shape, 'shape');
  }
}
