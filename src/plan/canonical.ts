/**
 * Canonical JSON and the hashes built on it (R9): the same data always gives the same bytes, whatever the key
 * order of its objects, so digests, plan comparisons and ClientTokens are stable across runs and machines.
 */
import { createHash } from 'node:crypto';
import type { DomainIdValue } from '../model/plan.js';

/** JSON with object keys sorted at every level; `undefined` members are dropped (as JSON.stringify does). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Voice ID ClientToken: 1..64 chars of `[a-zA-Z0-9-_]`. `vg-` + 40 base64url chars (240 bits) = 43 chars. */
export function clientToken(stack: string, address: string, content: unknown): string {
  const digest = createHash('sha256').update(canonicalJson([stack, address, content])).digest('base64url');
  return `vg-${digest.slice(0, 40)}`;
}

/**
 * R9.1: the token of a watchlist or job, scoped to the domain it is created in, so the same address in a re-created
 * domain is a new request and not a replay (or a ConflictException) of the deleted domain's. The plan scopes tokens
 * of existing domains; apply scopes those of a domain it creates, once CreateDomain has answered its id. Both give
 * the same token for the same domain, so a crash-and-rerun still replays instead of creating twice.
 */
export function domainScopedToken(token: string, domainId: string): string {
  return clientToken(token, 'domain', domainId);
}

/** The plan's half of R9.1: scoped when the domain exists; left for apply when this plan creates it (`{ ref }`). */
export function scopedToExisting(token: string, domainId: DomainIdValue): string {
  return typeof domainId === 'string' ? domainScopedToken(token, domainId) : token;
}
