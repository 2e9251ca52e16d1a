/**
 * Value checks against the Voice ID API's own constraints (specs/voice-id-constraints.json, generated from the
 * Smithy model), phrased as diagnostics. Only values of the right JSON type are checked: wrong types are the
 * schema's to report.
 */
import { voiceIdConstraints } from '../constraints/load.js';
import { checkString, type Violation } from '../constraints/validate.js';
import type { Severity } from '../model/diagnostic.js';
import { assertNever } from '../model/assert-never.js';
import type { ConfigCode } from './codes.js';
import type { Path, Range } from './locate.js';
import { pathLabel, showString } from './wording.js';

export interface Reporter {
  report(code: ConfigCode, message: string, path: Path, at?: 'key' | 'value', severity?: Severity): void;
  /** Where a value is written, for messages that name another place. */
  rangeOf(path: Path, at?: 'key' | 'value'): Range;
}

export interface CheckOptions {
  /** How the value is named; defaults to its dotted path. */
  readonly label?: string;
  /** Report at the key (for keys that are themselves constrained names). */
  readonly at?: 'key' | 'value';
  /** Customer speaker ids: always masked in messages. */
  readonly speaker?: boolean;
}

/** Checks `value` against a Voice ID shape; true when it passes (or is not of the shape's type). */
export function checkConstraint(r: Reporter, shapeName: string, value: unknown, path: Path, opts: CheckOptions = {}): boolean {
  const shape = voiceIdConstraints().shapes[shapeName];
  if (!shape) throw new Error(`no Voice ID shape ${shapeName}`);
  const label = opts.label ?? pathLabel(path);
  const at = opts.at ?? 'value';
  if (shape.type === 'string') {
    if (typeof value !== 'string') return true;
    const all = checkString(shape, value, path);
    // An empty value fails the pattern too; saying "is empty" once is enough.
    const violations = value === '' && all.some((v) => v.kind === 'length') ? all.filter((v) => v.kind !== 'pattern') : all;
    for (const v of violations) report(r, v, shapeName, label, path, at, opts.speaker === true);
    return violations.length === 0;
  }
  if (shape.type === 'integer' || shape.type === 'long') {
    if (typeof value !== 'number' || !Number.isInteger(value)) return true;
    const { min, max } = shape.range ?? {};
    if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
      r.report('E_RANGE', `${label} ${value} is out of range: Voice ID allows ${min ?? ''}..${max ?? ''} (${shapeName})`, path, at);
      return false;
    }
    return true;
  }
  if (shape.type === 'list') {
    if (!Array.isArray(value)) return true;
    const { min, max } = shape.length ?? {};
    if ((min !== undefined && value.length < min) || (max !== undefined && value.length > max)) {
      const allowed = min === max ? `exactly ${min}` : `${min ?? 0}..${max ?? '∞'}`;
      r.report('E_COUNT', `${label} has ${value.length} entries: Voice ID takes ${allowed} (${shapeName})`, path, at);
      return false;
    }
    return true;
  }
  return true;
}

function report(r: Reporter, v: Violation, shapeName: string, label: string, path: Path, at: 'key' | 'value', speaker: boolean): void {
  switch (v.kind) {
    case 'length': {
      const shown = speaker ? ` ${showString(String(v.value), true)}` : '';
      const size = v.actual === 0 ? 'is empty' : `is ${v.actual} characters long`;
      r.report('E_LENGTH', `${label}${shown} ${size}: Voice ID allows ${v.min ?? 0}..${v.max ?? '∞'} characters (${shapeName})`, path, at);
      return;
    }
    case 'pattern':
      r.report('E_PATTERN', `${label} ${showString(v.value, speaker)} is not a valid ${shapeName}: it must match ${v.pattern}`, path, at);
      return;
    case 'enum':
      r.report('E_ENUM', `${label} ${showString(v.value, speaker)} must be one of ${v.allowed.join(' | ')}`, path, at);
      return;
    case 'range':
    case 'required':
    case 'type':
      r.report('E_TYPE', `${label} is not a valid ${shapeName}`, path, at);
      return;
    default:
      assertNever(v, 'constraint violation');
  }
}
