/**
 * Lifecycle controls of a domain (PLAN.md §12): deletion protection recorded on the domain (R12.1, R12.2) and
 * `ignoreChanges` (R12.3), which, like Terraform's processIgnoreChanges, replaces the desired value of an ignored
 * attribute by the live one before anything is compared.
 */
import type { DesiredDomain } from '../model/desired.js';
import { compareBy } from '../model/collections.js';
import { RESERVED_TAG_PREFIX } from '../model/desired.js';
import type { LiveDomain } from '../model/live.js';

/** The user tag keys named by `tags.KEY` entries, sorted. */
export function ignoredTagKeys(d: DesiredDomain): string[] {
  return (d.ignoreChanges ?? []).filter((e) => e.startsWith('tags.')).map((e) => e.slice('tags.'.length)).sort();
}

/**
 * R12.3: the domain as it is planned against an existing live domain: each ignored attribute takes its live value
 * (a `tags.KEY` the live domain lacks is left out), so it never differs and an UpdateDomain carries the live value.
 */
export function effectiveDesired(d: DesiredDomain, l: LiveDomain): DesiredDomain {
  const ignored = new Set(d.ignoreChanges ?? []);
  if (ignored.size === 0) return d;
  const { description: _description, ...rest } = d;
  const description = ignored.has('description') ? l.description : d.description;
  return {
    ...rest,
    ...(description === undefined ? {} : { description }),
    name: ignored.has('name') ? l.name : d.name,
    kmsKeyId: ignored.has('kmsKeyId') ? l.kmsKeyId : d.kmsKeyId,
    tags: ignored.has('tags') ? liveUserTags(l) : withLiveKeys(d.tags, l.tags, ignoredTagKeys(d)),
  };
}

function liveUserTags(l: LiveDomain): Record<string, string> {
  return Object.fromEntries(Object.keys(l.tags).sort().filter((k) => !k.startsWith(RESERVED_TAG_PREFIX)).map((k) => [k, l.tags[k] as string]));
}

// Own properties only and Object.fromEntries: tag keys are user data ("__proto__" is an ordinary key).
function withLiveKeys(declared: Readonly<Record<string, string>>, live: Readonly<Record<string, string>>, keys: readonly string[]): Record<string, string> {
  const ignored = new Set(keys);
  const kept = Object.keys(declared).filter((k) => !ignored.has(k)).map((k) => [k, declared[k] as string] as const);
  const fromLive = keys.filter((k) => Object.hasOwn(live, k)).map((k) => [k, live[k] as string] as const);
  return Object.fromEntries([...kept, ...fromLive].sort(compareBy(([k]) => k)));
}
