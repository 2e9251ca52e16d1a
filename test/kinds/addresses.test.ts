/**
 * Each kind's module declares how its changes are addressed, whether `--target` may name them and whether its delete
 * destroys data (issue 10: the engines ask the module instead of naming kinds). The golden plans are the literal
 * evidence: every change they hold has the address its module's shape says, is a target exactly when its module
 * declares one, and is destructive exactly as PLAN.md lists (R8.3, R15.1, R15.2).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Change, Plan } from '../../src/model/plan.js';
import { KIND_ORDER, kindModule } from '../../src/kinds/registry.js';
import { isTargetAddress, targetForms } from '../../src/plan/index.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const goldenChanges: readonly Change[] = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .flatMap((e) => {
    try {
      return (JSON.parse(readFileSync(join(FIXTURES, e.name, 'plan.json'), 'utf8')) as Plan).changes;
    } catch {
      return [];
    }
  });

/** The address a change of its kind must have, from its module's declared shape and the change's own address. */
function shapeOf(c: Change): string {
  const rest = c.address.slice(`domain.${c.domainKey}`.length);
  if (rest === '') return 'domain';
  if (rest === `.${c.kind}`) return 'one';
  return rest.startsWith(`.${c.kind}.`) && rest.length > c.kind.length + 2 ? 'named' : `not an address of ${c.kind}`;
}

describe("a kind's address, target and destructiveness are its module's", () => {
  test('the golden plans hold a change of every kind', () => {
    expect([...new Set(goldenChanges.map((c) => c.kind))].sort()).toEqual([...KIND_ORDER].sort());
  });

  test("every golden change has the address its module's shape declares", () => {
    const wrong = goldenChanges.filter((c) => shapeOf(c) !== kindModule(c.kind).address.shape).map((c) => `${c.kind} ${c.address}`);
    expect(wrong).toEqual([]);
  });

  test('every golden change is a --target address exactly when its module declares a target (the applied record never)', () => {
    const byKind = new Map(goldenChanges.map((c) => [c.kind, isTargetAddress(c.address)]));
    expect(Object.fromEntries(byKind)).toEqual({
      domain: true, tags: true, watchlist: true, 'watchlist-members': true, 'opt-outs': true, 'erased-speakers': true, 'deleted-fraudsters': true,
      'enrollment-job': true, 'fraudster-registration-job': true, 'applied-record': false,
    });
    const disagree = goldenChanges.filter((c) => isTargetAddress(c.address) !== (kindModule(c.kind).address.target !== undefined));
    expect(disagree.map((c) => c.address)).toEqual([]);
  });

  test('the --target forms come from the modules, the domain first, then one per domain, then named', () => {
    expect(targetForms()).toBe(
      'domain.KEY, domain.KEY.tags, domain.KEY.watchlist-members, domain.KEY.opt-outs, domain.KEY.erased-speakers, domain.KEY.deleted-fraudsters, ' +
        'domain.KEY.watchlist.NAME, domain.KEY.enrollment-job.NAME or domain.KEY.fraudster-registration-job.NAME',
    );
    expect(['domain.a.watchlist-members', 'domain.a.erased-speakers', 'domain.a.deleted-fraudsters', 'domain.a.watchlist.w-1'].every(isTargetAddress)).toBe(true);
    expect(['domain.a.applied-record', 'domain.a.watchlist', 'domain.a.tags.x', 'domain.a.opt-outs.x', 'support.tags', 'domain.'].some(isTargetAddress)).toBe(false);
  });

  test('only the domain, erased speakers and deleted fraudsters destroy data when deleted, and their golden deletes are destructive', () => {
    expect(KIND_ORDER.filter((k) => kindModule(k).destroys)).toEqual(['domain', 'erased-speakers', 'deleted-fraudsters']);
    const deletes = goldenChanges.filter((c) => c.action === 'delete' && !c.blocked);
    expect([...new Set(deletes.filter((c) => c.destructive).map((c) => c.kind))].sort()).toEqual(['deleted-fraudsters', 'domain', 'erased-speakers']);
    expect([...new Set(deletes.filter((c) => !c.destructive).map((c) => c.kind))]).toEqual(['watchlist']);
  });
});
