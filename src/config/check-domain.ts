/**
 * One domain's mapping -> a DesiredDomain (without the ids of its opt-out file, which merge.ts adds), reporting
 * every Voice ID constraint and every rule of the format on the way. Each member belongs to one resource kind,
 * whose module checks it (its `yaml.check`, src/kinds/): the kinds are asked in registry order and their parts
 * make up the domain.
 */
import type { DesiredDomain } from '../model/desired.js';
import type { DomainDocument } from '../model/schema/desired-state.js';
import { KIND_ORDER, kindModule } from '../kinds/registry.js';
import { checkConstraint, type Reporter } from './constraint-check.js';
import type { Path } from './locate.js';
import { isObj, unchecked } from './unchecked.js';
import type { DeclaredMembers } from './check-members.js';

export { isObj, unchecked, type Obj, type Unchecked } from './unchecked.js';

/** A domain as one file declares it, before its opt-out file is read. */
export interface FileDomain {
  readonly domain: DesiredDomain;
  /** Inline ids in order with their paths (for cross-duplicate messages). */
  readonly inlineSpeakers: ReadonlyArray<{ readonly id: string; readonly path: Path }>;
  readonly optOutFile?: string;
  /** Watchlists that declare their members (`default` included), with their fraudstersFile as written. */
  readonly members: readonly DeclaredMembers[];
  /** Inline erased ids in order with their paths, and the erasedSpeakersFile as written (PLAN.md §15). */
  readonly inlineErased: ReadonlyArray<{ readonly id: string; readonly path: Path }>;
  readonly erasureFile?: string;
  /** Declared fraudster ids to delete, in order with their paths (for the conflict with watchlist members). */
  readonly deletedFraudsters: ReadonlyArray<{ readonly id: string; readonly path: Path }>;
}

export function checkDomain(r: Reporter, key: string, raw: unknown, path: Path): FileDomain | undefined {
  checkConstraint(r, 'DomainName', key, path, { label: 'domain key', at: 'key' });
  if (!isObj(raw)) return undefined;
  const doc = unchecked<DomainDocument>(raw);
  let domain: Partial<DesiredDomain> = { key };
  let inlineSpeakers: FileDomain['inlineSpeakers'] = [];
  let optOutFile: string | undefined;
  let members: readonly DeclaredMembers[] = [];
  let inlineErased: FileDomain['inlineErased'] = [];
  let erasureFile: string | undefined;
  let deletedFraudsters: FileDomain['deletedFraudsters'] = [];
  for (const kind of KIND_ORDER) {
    const part = kindModule(kind).yaml?.check({ r, key, doc, path });
    if (!part) continue;
    domain = { ...domain, ...part.domain };
    if (part.inlineSpeakers) inlineSpeakers = part.inlineSpeakers;
    optOutFile ??= part.optOutFile;
    if (part.members) members = part.members;
    if (part.inlineErased) inlineErased = part.inlineErased;
    erasureFile ??= part.erasureFile;
    if (part.deletedFraudsters) deletedFraudsters = part.deletedFraudsters;
  }
  // Every member of a DesiredDomain comes from some kind: test/kinds checks the parts together make one.
  return {
    domain: domain as DesiredDomain, inlineSpeakers, ...(optOutFile ? { optOutFile } : {}), members,
    inlineErased, ...(erasureFile ? { erasureFile } : {}), deletedFraudsters,
  };
}
