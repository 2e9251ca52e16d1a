/**
 * The compiler refuses a kind or an operation without its parts (issue 10). tsc checks this file (tsconfig.json
 * includes test/): each `@ts-expect-error` below must meet an error, or the type-check fails because the directive
 * is unused. So if the registry's types stopped catching any of these cases, `npm run typecheck` would fail.
 */
import { describe, expect, test } from 'vitest';
import type { OperationName, ResourceKind } from '../../src/model/plan.js';
import { EVERY_DETAIL_READ, EVERY_OPERATION_HANDLED, KINDS } from '../../src/kinds/registry.js';
import type { KindRegistry, UnhandledOperation, UnreadDetail } from '../../src/kinds/registry.js';
import type { ResourceKindModule } from '../../src/kinds/types.js';

describe('completeness is enforced by the types', () => {
  test('a registry without a module for every ResourceKind does not compile', () => {
    const { tags: _tags, ...withoutTags } = KINDS;
    // @ts-expect-error Property 'tags' is missing: every ResourceKind needs its module.
    const incomplete: KindRegistry = withoutTags;
    expect(Object.keys(incomplete)).not.toContain('tags');
  });

  test('a new ResourceKind without a module does not compile', () => {
    type WithSpeakerGroup = ResourceKind | 'speaker-group';
    // @ts-expect-error Property 'speaker-group' is missing.
    const registry: { readonly [K in WithSpeakerGroup]: ResourceKindModule<K, never> } = KINDS;
    expect(registry).toBe(KINDS);
  });

  test('a module that lists an operation without its handler does not compile', () => {
    const apply = { ...KINDS.watchlist.apply, operations: { CreateWatchlist: KINDS.watchlist.apply.operations.CreateWatchlist } };
    // @ts-expect-error Property 'DeleteWatchlist' is missing in the module's operations.
    const m: ResourceKindModule<'watchlist', 'CreateWatchlist' | 'DeleteWatchlist'> = { ...KINDS.watchlist, apply };
    expect(m.kind).toBe('watchlist');
  });

  test('a handler for the wrong operation does not compile', () => {
    const apply = { ...KINDS.watchlist.apply, operations: { ...KINDS.watchlist.apply.operations, DeleteWatchlist: KINDS.domain.apply.operations.DeleteDomain } };
    // @ts-expect-error DeleteDomain's handler does not take a DeleteWatchlist operation.
    const m: ResourceKindModule<'watchlist', 'CreateWatchlist' | 'UpdateWatchlist' | 'DeleteWatchlist'> = { ...KINDS.watchlist, apply };
    expect(m.kind).toBe('watchlist');
  });

  test('an Operation variant that no module handles does not compile', () => {
    // As if model/plan.ts gained a `CreateSpeakerGroup` operation: the registry's check is then not satisfiable.
    type Unhandled = UnhandledOperation<typeof KINDS, OperationName | 'CreateSpeakerGroup'>;
    // @ts-expect-error Type 'true' is not assignable: CreateSpeakerGroup has no handler.
    const added: [Unhandled] extends [never] ? true : { readonly unhandled: Unhandled } = true;
    // A module that drops its handler leaves its operation unhandled too.
    const _dropped = { ...KINDS, 'opt-outs': { ...KINDS['opt-outs'], apply: { ...KINDS['opt-outs'].apply, operations: {} } } } as const;
    type Dropped = UnhandledOperation<typeof _dropped>;
    // @ts-expect-error Type 'true' is not assignable: OptOutSpeaker has no handler.
    const lost: [Dropped] extends [never] ? true : { readonly unhandled: Dropped } = true;
    // And today every variant has one.
    const none: [UnhandledOperation] extends [never] ? true : false = true;
    expect([added, lost, none, EVERY_OPERATION_HANDLED]).toEqual([true, true, true, true]);
  });

  test('a module that drops its part of the live read does not compile', () => {
    const { read: _read, ...withoutRead } = KINDS.watchlist;
    const _dropped = { ...KINDS, watchlist: withoutRead } as const;
    type Unread = UnreadDetail<typeof _dropped>;
    // @ts-expect-error Type 'true' is not assignable: nobody reads the domain's watchlists.
    const lost: [Unread] extends [never] ? true : { readonly unread: Unread } = true;
    const none: [UnreadDetail] extends [never] ? true : false = true;
    expect([lost, none, EVERY_DETAIL_READ]).toEqual([true, true, true]);
  });

  test('a module without its address or without saying whether its delete destroys data does not compile', () => {
    const { address: _address, ...withoutAddress } = KINDS.tags;
    // @ts-expect-error Property 'address' is missing: the engines ask the module how its changes are addressed.
    const unaddressed: ResourceKindModule<'tags', 'TagResource' | 'UntagResource'> = withoutAddress;
    const { destroys: _destroys, ...withoutDestroys } = KINDS.domain;
    // @ts-expect-error Property 'destroys' is missing: makeChange asks the module whether a delete is destructive.
    const undecided: ResourceKindModule<'domain', 'CreateDomain' | 'UpdateDomain' | 'DeleteDomain'> = withoutDestroys;
    expect([unaddressed.kind, undecided.kind]).toEqual(['tags', 'domain']);
  });
});
