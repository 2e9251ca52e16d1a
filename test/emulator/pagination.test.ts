import { describe, expect, it } from 'vitest';
import { decodeToken, encodeToken, modelMaxResults, paginate, argumentsHash } from '../../src/emulator/pagination.js';

const items = Array.from({ length: 12 }, (_, i) => ({ seq: i + 1 }));

describe('pagination tokens', () => {
  it('returns the server page size when MaxResults is absent, with a token for the rest', () => {
    const page = paginate(items, { DomainId: 'd' }, 5);
    expect(page.items.map((i) => i.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(page.nextToken).toBeDefined();
  });

  it('continues after the cursor and ends without a token', () => {
    const first = paginate(items, { DomainId: 'd', MaxResults: 10 }, 100);
    const second = paginate(items, { DomainId: 'd', MaxResults: 10, NextToken: first.nextToken }, 100);
    expect(second.items.map((i) => i.seq)).toEqual([11, 12]);
    expect(second.nextToken).toBeUndefined();
  });

  it('never returns more than the server page size even when MaxResults is larger', () => {
    expect(paginate(items, { MaxResults: 100 }, 5).items).toHaveLength(5);
  });

  it('rejects a token reused with different arguments', () => {
    const token = paginate(items, { DomainId: 'a' }, 5).nextToken;
    expect(() => paginate(items, { DomainId: 'b', NextToken: token }, 5)).toThrow(/different arguments/);
  });

  it('rejects a garbage token with ValidationException', () => {
    try {
      decodeToken('%%%not-a-token', argumentsHash({}));
      expect.unreachable();
    } catch (e) {
      expect((e as { type: string }).type).toBe('ValidationException');
    }
  });

  it('treats an empty token as the first page', () => {
    expect(decodeToken('', argumentsHash({}))).toBe(0);
  });

  it('keeps order stable when items are added between pages', () => {
    const first = paginate(items, {}, 5);
    const grown = [...items, { seq: 13 }];
    const second = paginate(grown, { NextToken: first.nextToken }, 5);
    expect(second.items.map((i) => i.seq)).toEqual([6, 7, 8, 9, 10]);
  });

  it('ignores MaxResults in the argument hash so a client may change its page size', () => {
    const token = encodeToken(3, argumentsHash({ DomainId: 'd', MaxResults: 5 }));
    expect(decodeToken(token, argumentsHash({ DomainId: 'd', MaxResults: 7 }))).toBe(3);
  });

  it('rejects a token older than 24 hours', () => {
    const first = paginate(items, {}, { serverPageSize: 5, now: 0 });
    expect(() => paginate(items, { NextToken: first.nextToken }, { serverPageSize: 5, now: 24 * 3600_000 + 1 })).toThrow(/expired/);
  });

  it('caps ListDomains pages at the model maximum of 10 whatever the server page size', () => {
    expect([modelMaxResults('ListDomains'), modelMaxResults('ListSpeakers')]).toEqual([10, 100]);
    expect(paginate(items, {}, { serverPageSize: 100, operation: 'ListDomains' }).items).toHaveLength(10);
  });
});
