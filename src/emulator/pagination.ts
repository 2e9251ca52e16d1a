/**
 * Opaque NextTokens (EMULATOR.md §6): base64url of `{c: cursor seq, h: hash of the other arguments, t: issued at}`.
 * A token is only valid with the arguments it was issued for and for 24 hours (model doc: "Each pagination token
 * expires after 24 hours"); garbage, a mismatch or an expired token is a ValidationException.
 */
import { createHash } from 'node:crypto';
import { validationError } from './errors.js';
import { indexAfter } from './speaker-index.js';
import { canonicalJson } from './canonical-json.js';
import { voiceIdConstraints } from '../constraints/load.js';

const TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

export function argumentsHash(input: Readonly<Record<string, unknown>>): string {
  const { NextToken: _t, MaxResults: _m, ...rest } = input;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex').slice(0, 16);
}

export function encodeToken(cursor: number, hash: string, issuedAt = 0): string {
  return Buffer.from(JSON.stringify({ c: cursor, h: hash, t: issuedAt })).toString('base64url');
}

/** The cursor a NextToken stands for (0 = first page when there is no token or it is empty). */
export function decodeToken(token: unknown, hash: string, now?: number): number {
  if (token === undefined || token === null || token === '') return 0;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(String(token), 'base64url').toString('utf8'));
  } catch {
    throw validationError('Invalid NextToken: the pagination token is malformed or expired.');
  }
  const p = parsed as { c?: unknown; h?: unknown; t?: unknown } | null;
  if (!p || typeof p.c !== 'number' || !Number.isInteger(p.c) || p.c < 0 || typeof p.h !== 'string') {
    throw validationError('Invalid NextToken: the pagination token is malformed or expired.');
  }
  if (p.h !== hash) throw validationError('Invalid NextToken: the pagination token was issued for different arguments.');
  if (now !== undefined && typeof p.t === 'number' && now - p.t > TOKEN_LIFETIME_MS) {
    throw validationError('Invalid NextToken: the pagination token has expired.');
  }
  return p.c;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextToken?: string;
}

/** The model's largest MaxResults for an operation (ListDomains 10, the others 100). */
export function modelMaxResults(operation: string): number {
  const spec = voiceIdConstraints();
  const input = spec.operations[operation]?.input;
  const member = input === undefined ? undefined : spec.shapes[input];
  const target = member?.type === 'structure' ? member.members.MaxResults?.target : undefined;
  const shape = target === undefined ? undefined : spec.shapes[target];
  return (shape && 'range' in shape ? shape.range?.max : undefined) ?? 100;
}

/** Page size: MaxResults when given, else the server page size; never more than either cap. */
export function pageLimit(input: Readonly<Record<string, unknown>>, serverPageSize: number, modelMax = 100): number {
  const max = typeof input.MaxResults === 'number' ? input.MaxResults : serverPageSize;
  return Math.min(max, serverPageSize, modelMax);
}

export interface PageOptions {
  readonly serverPageSize: number;
  readonly operation?: string;
  readonly now?: number;
}

/** One page of `items` (sorted by seq) for this request. */
export function paginate<T extends { readonly seq: number }>(
  items: readonly T[],
  input: Readonly<Record<string, unknown>>,
  options: PageOptions | number,
): Page<T> {
  const o = typeof options === 'number' ? { serverPageSize: options } : options;
  const hash = argumentsHash(input);
  const cursor = decodeToken(input.NextToken, hash, o.now);
  const limit = pageLimit(input, o.serverPageSize, o.operation === undefined ? 100 : modelMaxResults(o.operation));
  const start = indexAfter(items, cursor);
  const page = items.slice(start, start + limit);
  const last = page[page.length - 1];
  if (start + limit >= items.length || last === undefined) return { items: page };
  return { items: page, nextToken: encodeToken(last.seq, hash, o.now ?? 0) };
}
