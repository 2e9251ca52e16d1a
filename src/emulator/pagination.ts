/**
 * Opaque NextTokens (EMULATOR.md §6): base64url of `{c: cursor seq, h: hash of the other arguments}`. A token is
 * only valid with the arguments it was issued for; garbage or a mismatch is a ValidationException.
 */
import { createHash } from 'node:crypto';
import { validationError } from './errors.js';
import { indexAfter } from './speaker-index.js';
import { canonicalJson } from './canonical-json.js';

export function argumentsHash(input: Readonly<Record<string, unknown>>): string {
  const { NextToken: _t, MaxResults: _m, ...rest } = input;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex').slice(0, 16);
}

export function encodeToken(cursor: number, hash: string): string {
  return Buffer.from(JSON.stringify({ c: cursor, h: hash })).toString('base64url');
}

/** The cursor a NextToken stands for (0 = first page when there is no token or it is empty). */
export function decodeToken(token: unknown, hash: string): number {
  if (token === undefined || token === null || token === '') return 0;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(String(token), 'base64url').toString('utf8'));
  } catch {
    throw validationError('Invalid NextToken: the pagination token is malformed or expired.');
  }
  const p = parsed as { c?: unknown; h?: unknown } | null;
  if (!p || typeof p.c !== 'number' || !Number.isInteger(p.c) || p.c < 0 || typeof p.h !== 'string') {
    throw validationError('Invalid NextToken: the pagination token is malformed or expired.');
  }
  if (p.h !== hash) throw validationError('Invalid NextToken: the pagination token was issued for different arguments.');
  return p.c;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextToken?: string;
}

/** Page size: MaxResults when given, never more than the server page size. */
export function pageLimit(input: Readonly<Record<string, unknown>>, serverPageSize: number): number {
  const max = typeof input.MaxResults === 'number' ? input.MaxResults : serverPageSize;
  return Math.min(max, serverPageSize);
}

/** One page of `items` (sorted by seq) for this request. */
export function paginate<T extends { readonly seq: number }>(
  items: readonly T[],
  input: Readonly<Record<string, unknown>>,
  serverPageSize: number,
): Page<T> {
  const hash = argumentsHash(input);
  const cursor = decodeToken(input.NextToken, hash);
  const limit = pageLimit(input, serverPageSize);
  const start = indexAfter(items, cursor);
  const page = items.slice(start, start + limit);
  const last = page[page.length - 1];
  if (start + limit >= items.length || last === undefined) return { items: page };
  return { items: page, nextToken: encodeToken(last.seq, hash) };
}
