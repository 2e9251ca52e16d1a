/**
 * ClientToken idempotency (EMULATOR.md §5, voice-id-facts.md §4): same token + same other members within the
 * window -> the original response and nothing new; same token + different members -> ConflictException with no
 * ConflictType. Requests without a token are always new. Failed requests are not remembered.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import { conflict } from './errors.js';
import type { Input, OpContext } from './ops/context.js';

export function fingerprint(input: Input): string {
  const { ClientToken: _t, ...rest } = input;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

export function idempotent(operation: string, input: Input, ctx: OpContext, create: () => unknown): unknown {
  const token = input.ClientToken;
  if (typeof token !== 'string') return create();
  const key = `${operation}:${token}`;
  const now = ctx.now();
  const print = fingerprint(input);
  const seen = ctx.store.idempotency.get(key);
  if (seen && now - seen.at < ctx.limits.idempotencyWindowMs) {
    if (seen.fingerprint !== print) {
      throw conflict(`The ClientToken ${token} was already used for a ${operation} request with different parameters.`);
    }
    return seen.response;
  }
  const response = create();
  ctx.store.idempotency.set(key, { key, fingerprint: print, response, at: now });
  ctx.store.changed();
  return response;
}
