/** User tags of a domain (PLAN.md §4). Ownership tags are written by create/adopt and never touched here. */
import type { DesiredDomain } from '../model/desired.js';
import { PROTECT_TAG, PROTECT_TAG_VALUE, RESERVED_TAG_PREFIX, toolTagCount } from '../model/desired.js';
import type { LiveDomain } from '../model/live.js';
import type { ChangeOf } from '../model/plan.js';
import { apiTags } from './domain.js';
import type { Findings } from './findings.js';
import { domainAddress, makeChange, message } from './findings.js';
import { resourceAddress } from '../model/plan.js';
import type { AppliedRecord } from './applied-record.js';
import { changedOutside, recordedTags } from './applied-record.js';
import { ignoredTagKeys } from './lifecycle.js';

/** Amazon Connect allows 50 tags per resource (voice-id-facts.md §2.1); the model's 200 is a per-call limit. */
export const MAX_TAGS_PER_DOMAIN = 50;


// Tag keys are user data: "toString" or "__proto__" are ordinary keys, so only own properties are looked at and
// objects are built with Object.fromEntries (an assignment to "__proto__" would set the prototype instead).
function userTags(tags: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.keys(tags).sort().filter((k) => !k.startsWith(RESERVED_TAG_PREFIX)).map((k) => [k, tags[k] as string]));
}

/** R4.2, checked for every declared domain (new ones too). */
export function checkTagLimit(d: DesiredDomain, out: Findings, max = MAX_TAGS_PER_DOMAIN): void {
  const tool = toolTagCount(d);
  const count = Object.keys(d.tags).length + tool;
  if (count <= max) return;
  out.errors.push(
    message('E_TOO_MANY_TAGS', `domain "${d.key}" would carry ${count} tags (the ${tool} voiceid-gitops tags included: ownership${d.protect === true ? ', the applied record and the protection' : ' and the applied record'}); the limit is ${max}`, {
      address: domainAddress(d.key),
    }),
  );
}

/** R12.1: the protection tag as declared (`{}` when not protected), the reserved prefix keeping it apart from user tags. */
export function protectionTags(d: DesiredDomain): Record<string, string> {
  return d.protect === true ? { [PROTECT_TAG]: PROTECT_TAG_VALUE } : {};
}

function liveProtection(l: LiveDomain): Record<string, string> {
  return Object.hasOwn(l.tags, PROTECT_TAG) ? { [PROTECT_TAG]: l.tags[PROTECT_TAG] as string } : {};
}

/**
 * R4.1: one UntagResource for removals, then one TagResource for adds and changes. Removals go first so that
 * replacing tags on a domain near the 50-tag limit never passes through more than the limit. The protection tag
 * (R12.1) rides along in the same calls.
 */
export function planTags(d: DesiredDomain, l: LiveDomain, out: Findings, options: { readonly removedByAdopt?: boolean; readonly record?: AppliedRecord } = {}): void {
  const userAfter = userTags(d.tags);
  const undeclared = undeclaredUserTags(d, l);
  // An adopt already removed the undeclared tags (R2.3), before it added the ownership tags.
  const userBefore = options.removedByAdopt ? Object.fromEntries(Object.entries(userTags(l.tags)).filter(([k]) => !Object.hasOwn(undeclared, k))) : userTags(l.tags);
  const before = { ...userBefore, ...liveProtection(l) };
  const after = { ...userAfter, ...protectionTags(d) };
  const set = Object.fromEntries(Object.entries(after).filter(([k, v]) => !Object.hasOwn(before, k) || before[k] !== v));
  const removed = Object.keys(before).filter((k) => !Object.hasOwn(after, k)).sort();
  if (Object.keys(set).length === 0 && removed.length === 0) return;
  // R11.2 on user tags only, and (R12.3) without the ignored keys: a console edit of one of them is not drift.
  const userDiffers = [...Object.keys(set), ...removed].some((k) => !k.startsWith(RESERVED_TAG_PREFIX));
  const outside = userDiffers ? changedOutside(options.record, { tags: recordedTags(userBefore, ignoredTagKeys(d)) }, ['tags']) : [];
  const operations: ChangeOf<'tags'>['operations'][number][] = [];
  if (removed.length > 0) operations.push({ kind: 'UntagResource', input: { ResourceArn: l.arn, TagKeys: removed } });
  if (Object.keys(set).length > 0) operations.push({ kind: 'TagResource', input: { ResourceArn: l.arn, Tags: apiTags(set) } });
  out.changes.push(
    makeChange({
      address: resourceAddress(d.key, 'tags'),
      kind: 'tags',
      action: 'update',
      domainKey: d.key,
      domainId: l.domainId,
      before: sortedKeys(before),
      after: sortedKeys(after),
      operations,
      changedOutside: outside,
    }),
  );
}

const sortedKeys = (r: Readonly<Record<string, string>>): Record<string, string> => Object.fromEntries(Object.keys(r).sort().map((k) => [k, r[k] as string]));

/** Live user tags the YAML does not declare (they are removed), keys sorted. */
export function undeclaredUserTags(d: DesiredDomain, l: LiveDomain): Record<string, string> {
  const live = userTags(l.tags);
  return Object.fromEntries(Object.keys(live).filter((k) => !Object.hasOwn(d.tags, k)).map((k) => [k, live[k] as string]));
}
