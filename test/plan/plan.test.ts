import { describe, expect, it } from 'vitest';
import type { DesiredDomain, DesiredState } from '../../src/model/desired.js';
import type { LiveDomain, LiveState } from '../../src/model/live.js';
import type { Impact } from '../../src/model/plan.js';
import { IMPACTS, hasChanges, worstImpact } from '../../src/model/plan.js';
import { clientToken, plan } from '../../src/plan/index.js';
import { liveDomainOf, liveOf } from '../helpers/live-of.js';

const KMS = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const STACK = 'unit';
const domain = (key: string, extra: Partial<DesiredDomain> = {}): DesiredDomain => ({
  key, name: key, kmsKeyId: KMS, tags: {}, optedOutSpeakers: [], watchlists: [], enrollmentJobs: [], fraudsterRegistrationJobs: [], ...extra,
});
const state = (...domains: DesiredDomain[]): DesiredState => ({ version: 1, stack: STACK, region: 'us-east-1', prune: false, domains });
const liveWith = (...domains: LiveDomain[]): LiveState => ({ region: 'us-east-1', domains, kmsKeys: {} });
const codes = (s: DesiredState, l: LiveState) => plan(s, l).errors.map((e) => e.code);
const unmanaged = (id: string, extra: Partial<LiveDomain> = {}): LiveDomain => ({
  domainId: id, arn: `arn:aws:voiceid:us-east-1:111122223333:domain/${id}`, name: 'legacy', status: 'ACTIVE', kmsKeyId: KMS, tags: {}, ...extra,
});

describe('client tokens', () => {
  it('are at most 64 characters of [a-zA-Z0-9-_]', () => {
    const t = clientToken('a-very-long-stack-name'.repeat(10), 'domain.x'.repeat(40), { big: 'x'.repeat(5000) });
    expect(t).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
    expect(t).toHaveLength(43);
  });

  it('are the same for the same stack, address and content whatever the key order', () => {
    expect(clientToken('s', 'domain.a', { x: 1, y: 2 })).toBe(clientToken('s', 'domain.a', { y: 2, x: 1 }));
  });

  it('differ when the stack, the address or the content differs', () => {
    const t = clientToken('s', 'domain.a', { x: 1 });
    expect(clientToken('t', 'domain.a', { x: 1 })).not.toBe(t);
    expect(clientToken('s', 'domain.b', { x: 1 })).not.toBe(t);
    expect(clientToken('s', 'domain.a', { x: 2 })).not.toBe(t);
  });
});

describe('identity errors not covered by fixtures', () => {
  it('refuses to plan a matched domain whose details were not read', () => {
    const { details: _details, ...bare } = liveDomainOf(STACK, domain('a'));
    expect(codes(state(domain('a')), liveWith(bare))).toEqual(['E_LIVE_INCOMPLETE']);
  });

  it('refuses to adopt a domain this stack manages under another key', () => {
    const other = liveDomainOf(STACK, domain('b'));
    expect(codes(state(domain('a', { adopt: other.domainId }), domain('b')), liveWith(other))).toEqual(['E_ADOPT_OTHER_KEY']);
  });

  it('refuses to adopt when the key is already managed as another domain', () => {
    const mine = liveDomainOf(STACK, domain('a'));
    expect(codes(state(domain('a', { adopt: 'AbCdEfGhIjKlMnOpQrStUv' })), liveWith(mine, unmanaged('AbCdEfGhIjKlMnOpQrStUv')))).toEqual(['E_ADOPT_CONFLICT']);
  });

  it('refuses to adopt a PENDING domain', () => {
    expect(codes(state(domain('a', { adopt: 'AbCdEfGhIjKlMnOpQrStUv' })), liveWith(unmanaged('AbCdEfGhIjKlMnOpQrStUv', { status: 'PENDING' })))).toEqual(['E_ADOPT_NOT_ACTIVE']);
  });

  it('refuses one domain adopted by two keys', () => {
    const id = 'AbCdEfGhIjKlMnOpQrStUv';
    expect(codes(state(domain('a', { adopt: id }), domain('b', { adopt: id })), liveWith(unmanaged(id)))).toEqual(['E_ADOPT_TWICE', 'E_ADOPT_TWICE']);
  });

  it('names every unmanaged twin in the hint', () => {
    const p = plan(state(domain('legacy')), liveWith(unmanaged('TwInTwInTwInTwInTwIn01'), unmanaged('TwInTwInTwInTwInTwIn02')));
    expect(p.errors[0]?.hint).toBe(
      'to manage it, add `adopt: TwInTwInTwInTwInTwIn01` to domain "legacy" (candidates: TwInTwInTwInTwInTwIn01, TwInTwInTwInTwInTwIn02); to create a new domain, give it another `name:`',
    );
  });
});

describe('impact', () => {
  it('ranks impacts so the worst of a plan is one reduce', () => {
    const risky: Impact[] = ['update', 'destroy', 'create'];
    const mild: Impact[] = ['import', 'update'];
    expect(risky.reduce(worstImpact, 'none')).toBe('destroy');
    expect(mild.reduce(worstImpact, 'none')).toBe('update');
    expect(IMPACTS).toEqual(['none', 'import', 'update', 'create', 'one-way', 'destroy']);
  });

  it('rates a plan with opt-outs as one-way', () => {
    const p = plan(state(domain('a', { optedOutSpeakers: ['customer-1'] })), liveOf(state(domain('a'))));
    expect(p.impact).toBe('one-way');
    expect(hasChanges(p)).toBe(true);
  });

  it('reports no changes for an empty plan', () => {
    const d = state(domain('a'));
    expect(hasChanges(plan(d, liveOf(d)))).toBe(false);
  });
});
