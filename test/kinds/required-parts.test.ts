/**
 * A registered kind has the optional parts its other declarations call for (issue 10: "a test fails if a registered
 * kind lacks a part"). registry.test.ts checks that each part present has its shape; here each optional part is
 * judged needed from what else the module declares, so a new kind (which has no golden plans yet) that forgets one
 * fails here, and so does an existing kind that loses one. Where nothing else in a module says whether it needs a
 * part (risks, plan-time checks), a Record over ResourceKind below says it: a new kind does not compile without its
 * entry. Each rule is also shown to find a module that lacks the part.
 */
import { describe, expect, test } from 'vitest';
import type { ResourceKind } from '../../src/model/plan.js';
import { KIND_ORDER, KINDS } from '../../src/kinds/registry.js';
import type { AnyKindModule, ExportedDomain } from '../../src/kinds/types.js';
import type { Reporter } from '../../src/config/constraint-check.js';

/**
 * Kinds whose changes a reviewer must be warned of before the generic lines (render/risks.ts): data erased, one-way
 * opt-outs, protection removed, batch jobs started. Every kind whose delete destroys data is one (checked below).
 */
const WARNS: Record<ResourceKind, boolean> = {
  domain: true, tags: true, watchlist: false, 'watchlist-members': false, 'opt-outs': true, 'erased-speakers': true, 'deleted-fraudsters': true,
  'enrollment-job': true, 'fraudster-registration-job': true, 'applied-record': false,
};
/** Kinds with plan-time checks of the declared domain that need no live details: the tag limit (R4.2). */
const CHECKS_WITHOUT_DETAILS: Record<ResourceKind, boolean> = {
  domain: false, tags: true, watchlist: false, 'watchlist-members': false, 'opt-outs': false, 'erased-speakers': false, 'deleted-fraudsters': false,
  'enrollment-job': false, 'fraudster-registration-job': false, 'applied-record': false,
};

const r = { report: () => undefined, rangeOf: () => [0, 0] as const } as unknown as Reporter;
/** What export read of a domain with one of everything a kind may export from (names only, no ids in the YAML). */
const READ: ExportedDomain = {
  live: { domainId: 'd'.repeat(22), arn: 'arn', name: 'support', status: 'ACTIVE', kmsKeyId: 'k', defaultWatchlistId: 'w'.repeat(22), tags: { team: 'voice' } },
  managed: true,
  watchlists: [{ watchlistId: 'x'.repeat(22), name: 'high-risk', description: 'ring' } as ExportedDomain['watchlists'][number]],
  members: { 'high-risk': ['f'.repeat(22)] },
  optedOut: ['customer-0001'],
  enrollmentJobs: [],
  fraudsterRegistrationJobs: [],
  unnamedJobs: 0,
  watchlistNames: {},
};

/** The parts `m` needs by its own declarations and lacks ([] when it has them all). */
function lackedParts(key: ResourceKind, m: AnyKindModule): string[] {
  const out: string[] = [];
  const want = (ok: boolean, part: string) => {
    if (!ok) out.push(part);
  };
  const ops = Object.keys(m.apply.operations);
  // Each Operation is one Voice ID call of the same name; the apply role needs it, from the module that runs it.
  for (const op of ops) want(m.iam.some((a) => a.action === `voiceid:${op}` && a.role === 'apply'), `iam: voiceid:${op} (apply)`);
  // A kind that reads live state needs read actions for the plan role.
  want(m.read === undefined || m.iam.some((a) => a.role === 'plan'), 'iam: a plan-role action for its read');
  // Export writes what the kind's YAML check makes of an empty mapping (its members that are always declared), so
  // `plan` on the exported file plans nothing for it.
  if (m.yaml) {
    const declared = Object.keys(m.yaml.check({ r, key: 'support', doc: {} as never, path: ['domains', 'support'] }).domain);
    const exported = Object.keys(m.export(READ, { key: 'support', notes: [] }));
    for (const member of declared) want(exported.includes(member), `export: ${member}`);
  }
  want(!m.destroys || WARNS[key], 'WARNS (its delete destroys data)');
  want(!WARNS[key] || m.render.risks !== undefined, 'render.risks');
  want(!CHECKS_WITHOUT_DETAILS[key] || m.check !== undefined, 'check');
  // A kind others run after (they need it to exist) and that deletes: its delete must wait for theirs (A2.1).
  const needed = KIND_ORDER.some((k) => k !== key && !(KINDS[k] as AnyKindModule).bookkeeping && KINDS[k].apply.after.includes(key));
  want(!(needed && ops.some((op) => op.startsWith('Delete'))) || m.apply.last !== undefined, 'apply.last');
  // The domain's kind plans the prune of a live domain that no declared key claims (PLAN.md §8).
  want(m.address.shape !== 'domain' || m.orphan !== undefined, 'orphan');
  return out;
}

/** What `m`, a registered module with a part changed, lacks that the registered one does not (so one lack fails one test). */
const lacks = (key: ResourceKind, m: unknown): string[] => {
  const before = lackedParts(key, KINDS[key] as AnyKindModule);
  return lackedParts(key, m as AnyKindModule).filter((p) => !before.includes(p));
};
function without<M extends object, P extends keyof M>(m: M, part: P): Omit<M, P> {
  const { [part]: _dropped, ...rest } = m;
  return rest;
}

describe('every registered kind has the parts its declarations call for', () => {
  test('no registered kind lacks one', () => {
    expect(Object.fromEntries(KIND_ORDER.map((k) => [k, lackedParts(k, KINDS[k] as AnyKindModule)]))).toEqual(Object.fromEntries(KIND_ORDER.map((k) => [k, []])));
  });

  test('an operation without its apply action in its own module is found, even if another module grants it', () => {
    expect(lacks('watchlist', { ...KINDS.watchlist, iam: [] })).toEqual([
      'iam: voiceid:CreateWatchlist (apply)', 'iam: voiceid:UpdateWatchlist (apply)', 'iam: voiceid:DeleteWatchlist (apply)', 'iam: a plan-role action for its read',
    ]);
    // tags grants voiceid:TagResource too, but the applied-record's is the plan role's on one tag key.
    const recordIam = KINDS.tags.iam.filter((a) => a.action !== 'voiceid:UntagResource');
    expect(lacks('tags', { ...KINDS.tags, iam: recordIam })).toEqual(['iam: voiceid:UntagResource (apply)']);
  });

  test('an export that leaves out the YAML members the kind always declares is found', () => {
    expect(lacks('opt-outs', { ...KINDS['opt-outs'], export: () => ({}) })).toEqual(['export: optedOutSpeakers']);
    expect(lacks('domain', { ...KINDS.domain, export: () => ({ name: 'support' }) })).toEqual(['export: kmsKeyId']);
    expect(lacks('tags', { ...KINDS.tags, export: () => ({}) })).toEqual(['export: tags']);
  });

  test('a kind that warns, destroys or checks without its part is found', () => {
    expect(lacks('opt-outs', { ...KINDS['opt-outs'], render: without(KINDS['opt-outs'].render, 'risks') })).toEqual(['render.risks']);
    expect(lacks('erased-speakers', { ...KINDS['erased-speakers'], render: without(KINDS['erased-speakers'].render, 'risks') })).toEqual(['render.risks']);
    // A kind whose delete destroys data must be in WARNS, whatever the table says of it.
    expect(lacks('watchlist', { ...KINDS.watchlist, destroys: true })).toEqual(['WARNS (its delete destroys data)']);
    expect(lacks('tags', without(KINDS.tags, 'check'))).toEqual(['check']);
  });

  test('a kind others need that deletes without running last, or the domain without its prune, is found', () => {
    expect(lacks('domain', { ...KINDS.domain, apply: without(KINDS.domain.apply, 'last') })).toEqual(['apply.last']);
    expect(lacks('watchlist', { ...KINDS.watchlist, apply: without(KINDS.watchlist.apply, 'last') })).toEqual(['apply.last']);
    expect(lacks('domain', without(KINDS.domain, 'orphan'))).toEqual(['orphan']);
    // Only the bookkeeping record runs after the erased speakers: their deletes need not run last.
    expect(lacks('erased-speakers', KINDS['erased-speakers'])).toEqual([]);
  });
});
