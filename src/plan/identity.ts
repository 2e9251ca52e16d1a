/**
 * Identity (PLAN.md §1, §2): which live domain each declared domain is. Names are not unique in Voice ID, so the
 * ownership tags are the identity; a name only matters to refuse creating a twin of an unmanaged domain.
 */
import type { DesiredDomain, DesiredState } from '../model/desired.js';
import { APPLIED_RECORD_TAG, OWNER_KEY_TAG, OWNER_STACK_TAG } from '../model/desired.js';
import { shellWord } from '../model/command-line.js';
import type { LiveDomain, LiveState } from '../model/live.js';
import { compareBy, sortedEntries } from '../model/collections.js';
import { orphanDomains, stackDomains, type StackDomains } from '../model/ownership.js';
import type { Findings } from './findings.js';
import { domainAddress, message } from './findings.js';

export type Match =
  | { readonly kind: 'new'; readonly desired: DesiredDomain }
  | { readonly kind: 'managed'; readonly desired: DesiredDomain; readonly live: LiveDomain }
  | { readonly kind: 'adopt'; readonly desired: DesiredDomain; readonly live: LiveDomain };

export interface Identity {
  /** Declared domains that can be planned, by key order. Keys with identity errors are absent. */
  readonly matches: readonly Match[];
  /** Managed domains of this stack that no declared key claims, by key order. */
  readonly orphans: readonly { readonly key: string; readonly live: LiveDomain }[];
}

const byId = compareBy((d: LiveDomain) => d.domainId);
const byKey = compareBy((d: { key: string }) => d.key);

export function resolveIdentity(desired: DesiredState, live: LiveState, out: Findings): Identity {
  const present = [...live.domains].filter((d) => d.status !== 'SUSPENDED').sort(byId); // R1.1
  const managed = groupManaged(present, desired.stack, live.region, out);
  const adoptTargets = new Set(desired.domains.flatMap((d) => (d.adopt === undefined ? [] : [d.adopt])));
  const adoptCounts = countAdopts(desired.domains);
  const matches: Match[] = [];
  for (const d of [...desired.domains].sort(byKey)) {
    const owned = managed.byKey.get(d.key);
    if (owned && owned.length > 1) continue; // E_DUPLICATE_OWNERSHIP already reported
    if (d.adopt !== undefined && (adoptCounts.get(d.adopt) ?? 0) > 1) {
      out.errors.push(
        message('E_ADOPT_TWICE', `domain ${d.adopt} is adopted by more than one declared domain`, {
          address: domainAddress(d.key),
        }),
      );
      continue;
    }
    const m = d.adopt === undefined ? matchByKey(d, owned?.[0], present, adoptTargets, out) : matchAdopt(d, owned?.[0], live, desired.stack, out);
    if (m) matches.push(m);
  }
  return { matches, orphans: orphanDomains(managed, new Set(desired.domains.map((d) => d.key))) };
}

/** Managed domains of this stack by key (R1.2), with the warnings and errors of incomplete or twice-claimed ownership (R1.3). */
function groupManaged(present: readonly LiveDomain[], stack: string, region: string, out: Findings): StackDomains {
  const owned = stackDomains(present, stack);
  for (const d of owned.keyless) {
    out.warnings.push(
      message('W_OWNERSHIP_INCOMPLETE', `domain ${d.domainId} has the stack tag of "${stack}" but no ${OWNER_KEY_TAG} tag; left alone`),
    );
  }
  for (const [key, list] of sortedEntries(owned.byKey)) {
    if (list.length < 2) continue;
    out.errors.push(
      message(
        'E_DUPLICATE_OWNERSHIP',
        `live domains ${list.map((d) => d.domainId).join(', ')} all claim stack "${stack}" key "${key}"`,
        { address: domainAddress(key), hint: duplicateHint(list, region) },
      ),
    );
  }
  return owned;
}

/**
 * R1.3: keep one (the one carrying an applied record, else the first by id) and release the others with the AWS
 * CLI, their ARNs filled in: without the ownership and record tags they are unmanaged domains this stack ignores.
 */
function duplicateHint(list: readonly LiveDomain[], region: string): string {
  const keep = list.find((d) => Object.hasOwn(d.tags, APPLIED_RECORD_TAG)) ?? list[0]!;
  const release = list.filter((d) => d !== keep).map((d) =>
    ['aws', 'voice-id', 'untag-resource', '--resource-arn', d.arn, '--tag-keys', OWNER_STACK_TAG, OWNER_KEY_TAG, APPLIED_RECORD_TAG, '--region', region].map(shellWord).join(' '));
  return `keep ${keep.domainId} and release the other${release.length > 1 ? 's' : ''} from this stack: \`${release.join('`; `')}\` (to keep another one, untag ${keep.domainId} instead)`;
}

function countAdopts(domains: readonly DesiredDomain[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of domains) if (d.adopt !== undefined) counts.set(d.adopt, (counts.get(d.adopt) ?? 0) + 1);
  return counts;
}

/** R1.4: managed match, else refuse a twin of an unmanaged same-name domain, else create. */
function matchByKey(
  d: DesiredDomain,
  owned: LiveDomain | undefined,
  present: readonly LiveDomain[],
  adoptTargets: ReadonlySet<string>,
  out: Findings,
): Match | undefined {
  if (owned) return { kind: 'managed', desired: d, live: owned };
  const twins = present.filter(
    (l) => l.name === d.name && l.tags[OWNER_STACK_TAG] === undefined && !adoptTargets.has(l.domainId),
  );
  if (twins.length === 0) return { kind: 'new', desired: d };
  const ids = twins.map((t) => t.domainId);
  out.errors.push(
    message(
      'E_TWIN_NAME',
      `an unmanaged domain named "${d.name}" already exists (${ids.join(', ')}); refusing to create a second one`,
      {
        address: domainAddress(d.key),
        hint: `to manage it, add \`adopt: ${ids[0]}\` to domain "${d.key}"${writtenAt(d)}${ids.length > 1 ? ` (candidates: ${ids.join(', ')})` : ''}; to create a new domain, give it another \`name:\``,
      },
    ),
  );
  return undefined;
}

/** Where a declared domain is written, for a hint that is an edit of the YAML: ` (stack/main.yaml:9)`. */
function writtenAt(d: DesiredDomain): string {
  return d.source ? ` (${d.source.file}:${d.source.line})` : '';
}

/** R2.1, R2.2: adoption checks. */
function matchAdopt(
  d: DesiredDomain,
  owned: LiveDomain | undefined,
  live: LiveState,
  stack: string,
  out: Findings,
): Match | undefined {
  const id = d.adopt as string;
  const fail = (code: string, text: string, hint?: string): undefined => {
    out.errors.push(message(code, text, { address: domainAddress(d.key), ...(hint ? { hint } : {}) }));
    return undefined;
  };
  if (owned) {
    if (owned.domainId === id) return { kind: 'managed', desired: d, live: owned };
    return fail('E_ADOPT_CONFLICT', `domain "${d.key}" is already managed as ${owned.domainId}; cannot also adopt ${id}`, 'remove `adopt:` or the ownership tags of the other domain');
  }
  const target = live.domains.find((l) => l.domainId === id);
  if (!target) return fail('E_ADOPT_NOT_FOUND', `cannot adopt ${id}: no such domain in ${live.region}`);
  if (target.status === 'SUSPENDED') return fail('E_ADOPT_SUSPENDED', `cannot adopt ${id}: the domain is SUSPENDED (deleted)`);
  const owner = target.tags[OWNER_STACK_TAG];
  if (owner !== undefined && owner !== stack) {
    return fail('E_ADOPT_FOREIGN', `cannot adopt ${id}: it is managed by stack "${owner}"`);
  }
  if (owner === stack) {
    return fail('E_ADOPT_OTHER_KEY', `cannot adopt ${id}: it is already managed by this stack as "${target.tags[OWNER_KEY_TAG] ?? '?'}"`);
  }
  if (target.status !== 'ACTIVE') return fail('E_ADOPT_NOT_ACTIVE', `cannot adopt ${id}: its status is ${target.status}`);
  return { kind: 'adopt', desired: d, live: target };
}
