import { describe, expect, it } from 'vitest';
import type { DesiredState } from '../../src/model/desired.js';
import { redactor } from '../../src/model/sensitive.js';
import { plan } from '../../src/plan/index.js';
import { render } from '../../src/render/index.js';
import { planSchema, planValidator } from './plan-schema.js';

const desired: DesiredState = {
  version: 1,
  stack: 'schema',
  prune: false,
  domains: [
    {
      key: 'a',
      name: 'a',
      kmsKeyId: 'alias/k',
      tags: {},
      optedOutSpeakers: ['customer-1'],
      watchlists: [{ name: 'w' }],
      enrollmentJobs: [],
      fraudsterRegistrationJobs: [],
    },
  ],
};
const created = plan(desired, { region: 'eu-west-2', domains: [], kmsKeys: {} });
type Json = Record<string, unknown>;
const asJson = (p: unknown) => JSON.parse(JSON.stringify(p)) as Json;
/** The plan as JSON with its change of `kind` edited by `edit`. */
function withChange(kind: string, edit: (c: Json) => void): Json {
  const doc = asJson(created);
  const change = (doc['changes'] as Json[]).find((c) => c['kind'] === kind);
  if (!change) throw new Error(`no ${kind} change`);
  edit(change);
  return doc;
}
const valid = (doc: unknown): boolean => planValidator()(doc);

describe('plan schema', () => {
  it('is a documented draft 2020-12 schema', () => {
    const schema = planSchema();
    expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(typeof schema['description']).toBe('string');
  });

  it('accepts a plan and its masked rendering', () => {
    const validate = planValidator();
    expect(created.changes.map((c) => c.kind)).toEqual(['domain', 'watchlist', 'opt-outs', 'applied-record']);
    expect(validate(asJson(created)), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(JSON.parse(render(created, { format: 'json', redactor: redactor(false) })))).toBe(true);
  });

  it('rejects a blocked change that still carries operations, and a blocked change that is also deferred', () => {
    expect(valid(withChange('watchlist', (c) => { c['blocked'] = { reason: 'r' }; }))).toBe(false);
    expect(valid(withChange('watchlist', (c) => { c['blocked'] = { reason: 'r' }; c['operations'] = []; }))).toBe(true);
    expect(valid(withChange('watchlist', (c) => { c['blocked'] = { reason: 'r' }; c['operations'] = []; c['deferred'] = { reason: 'r' }; }))).toBe(false);
  });

  it('stores that a change is blocked or deferred once: no `blocked`/`deferred` action, no second action inside', () => {
    expect(valid(withChange('watchlist', (c) => { c['action'] = 'blocked'; c['blocked'] = { reason: 'r' }; c['operations'] = []; }))).toBe(false);
    expect(valid(withChange('watchlist', (c) => { c['blocked'] = { wouldBe: 'create', reason: 'r' }; c['operations'] = []; }))).toBe(false);
    expect(valid(withChange('domain', (c) => { c['action'] = 'deferred'; c['deferred'] = { reason: 'r' }; }))).toBe(false);
    expect(valid(withChange('domain', (c) => { c['deferred'] = { action: 'update', reason: 'r' }; }))).toBe(false);
  });

  it('lets only the kinds Voice ID can make wait be deferred, and only watchlists be blocked', () => {
    expect(valid(withChange('domain', (c) => { c['deferred'] = { reason: 'r' }; }))).toBe(true);
    expect(valid(withChange('opt-outs', (c) => { c['deferred'] = { reason: 'r' }; }))).toBe(false);
    expect(valid(withChange('domain', (c) => { c['blocked'] = { reason: 'r' }; c['operations'] = []; }))).toBe(false);
  });

  it("holds each kind's own actions, attributes and operations", () => {
    expect(valid(withChange('opt-outs', (c) => { c['action'] = 'create'; }))).toBe(false);
    expect(valid(withChange('opt-outs', (c) => { c['before'] = { name: 'a', kmsKeyId: 'alias/k' }; }))).toBe(false);
    expect(valid(withChange('domain', (c) => { c['after'] = { ABSENT: 1 }; }))).toBe(false);
    expect(valid(withChange('watchlist', (c) => { c['speakerIds'] = ['customer-1']; }))).toBe(false);
    const optOut = (asJson(created)['changes'] as Json[]).find((c) => c['kind'] === 'opt-outs')!['operations'];
    expect(valid(withChange('domain', (c) => { c['operations'] = optOut; }))).toBe(false);
  });

  it('rejects a client token longer than 64 characters', () => {
    const doc = withChange('domain', (c) => {
      (c['operations'] as { input: { ClientToken?: string } }[])[0]!.input.ClientToken = 'x'.repeat(65);
    });
    expect(valid(doc)).toBe(false);
  });

  it('rejects an unknown top-level member', () => {
    expect(valid({ ...asJson(created), extra: 1 })).toBe(false);
  });
});
