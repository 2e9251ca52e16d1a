/** User tags of a domain (PLAN.md §4). Ownership tags are written by create/adopt and never touched here. */
import type { DesiredDomain } from '../model/desired.js';
import { MANAGED_TAG_KEYS, RESERVED_TAG_PREFIX } from '../model/desired.js';
import type { LiveDomain } from '../model/live.js';
import type { Operation } from '../model/plan.js';
import { apiTags } from './domain.js';
import type { Findings } from './findings.js';
import { domainAddress, makeChange, message } from './findings.js';
import { resourceAddress } from '../model/plan.js';
import type { AppliedRecord } from './applied-record.js';
import { changedOutside } from './applied-record.js';

/** Amazon Connect allows 50 tags per resource (voice-id-facts.md §2.1); the model's 200 is a per-call limit. */
export const MAX_TAGS_PER_DOMAIN = 50;


// Tag keys are user data: "toString" or "__proto__" are ordinary keys, so only own properties are looked at and
// objects are built with Object.fromEntries (an assignment to "__proto__" would set the prototype instead).
function userTags(tags: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.keys(tags).sort().filter((k) => !k.startsWith(RESERVED_TAG_PREFIX)).map((k) => [k, tags[k] as string]));
}

/** R4.2, checked for every declared domain (new ones too). */
export function checkTagLimit(d: DesiredDomain, out: Findings, max = MAX_TAGS_PER_DOMAIN): void {
  const count = Object.keys(d.tags).length + MANAGED_TAG_KEYS.length;
  if (count <= max) return;
  out.errors.push(
    message('E_TOO_MANY_TAGS', `domain "${d.key}" would carry ${count} tags (the ${MANAGED_TAG_KEYS.length} voiceid-gitops tags included: ownership and the applied record); the limit is ${max}`, {
      address: domainAddress(d.key),
    }),
  );
}

/**
 * R4.1: one UntagResource for removals, then one TagResource for adds and changes. Removals go first so that
 * replacing tags on a domain near the 50-tag limit never passes through more than the limit.
 */
export function planTags(d: DesiredDomain, l: LiveDomain, out: Findings, options: { readonly removedByAdopt?: boolean; readonly record?: AppliedRecord } = {}): void {
  const after = userTags(d.tags);
  const undeclared = undeclaredUserTags(d, l);
  // An adopt already removed the undeclared tags (R2.3), before it added the ownership tags.
  const before = options.removedByAdopt ? Object.fromEntries(Object.entries(userTags(l.tags)).filter(([k]) => !Object.hasOwn(undeclared, k))) : userTags(l.tags);
  const set = Object.fromEntries(Object.entries(after).filter(([k, v]) => !Object.hasOwn(before, k) || before[k] !== v));
  const removed = Object.keys(before).filter((k) => !Object.hasOwn(after, k)).sort();
  if (Object.keys(set).length === 0 && removed.length === 0) return;
  const outside = changedOutside(options.record, { tags: before }, ['tags']);
  const operations: Operation[] = [];
  if (removed.length > 0) operations.push({ kind: 'UntagResource', input: { ResourceArn: l.arn, TagKeys: removed } });
  if (Object.keys(set).length > 0) operations.push({ kind: 'TagResource', input: { ResourceArn: l.arn, Tags: apiTags(set) } });
  out.changes.push(
    makeChange({
      address: resourceAddress(d.key, 'tags'),
      kind: 'tags',
      action: 'update',
      domainKey: d.key,
      domainId: l.domainId,
      before,
      after,
      operations,
      changedOutside: outside,
    }),
  );
}

/** Live user tags the YAML does not declare (they are removed), keys sorted. */
export function undeclaredUserTags(d: DesiredDomain, l: LiveDomain): Record<string, string> {
  const live = userTags(l.tags);
  return Object.fromEntries(Object.keys(live).filter((k) => !Object.hasOwn(d.tags, k)).map((k) => [k, live[k] as string]));
}
