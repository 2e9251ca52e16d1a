import { describe, expect, it } from 'vitest';
import type { DesiredState } from '../../src/model/desired.js';
import type { Plan } from '../../src/model/plan.js';
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
const asJson = (p: unknown) => JSON.parse(JSON.stringify(p)) as Record<string, unknown>;

describe('plan schema', () => {
  it('is a documented draft 2020-12 schema', () => {
    const schema = planSchema();
    expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(typeof schema['description']).toBe('string');
  });

  it('accepts a plan and its masked rendering', () => {
    const validate = planValidator();
    expect(validate(asJson(created)), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(JSON.parse(render(created, { format: 'json', redactor: redactor(false) })))).toBe(true);
  });

  it('rejects a blocked change that still carries operations', () => {
    const [first, ...rest] = created.changes;
    const bad: Plan = { ...created, changes: [{ ...first!, action: 'blocked', blocked: { wouldBe: 'create', reason: 'r' } }, ...rest] };
    expect(planValidator()(asJson(bad))).toBe(false);
  });

  it('rejects a deferred change without its deferred reason, and a deferred reason on a change that is not deferred', () => {
    const [first, ...rest] = created.changes;
    const bare: Plan = { ...created, changes: [{ ...first!, action: 'deferred' }, ...rest] };
    const stray: Plan = { ...created, changes: [{ ...first!, deferred: { action: 'update', reason: 'r' } }, ...rest] };
    expect(planValidator()(asJson(bare))).toBe(false);
    expect(planValidator()(asJson(stray))).toBe(false);
  });

  it('rejects a client token longer than 64 characters', () => {
    const doc = asJson(created);
    const changes = doc['changes'] as { operations: { input: { ClientToken?: string } }[] }[];
    changes[0]!.operations[0]!.input.ClientToken = 'x'.repeat(65);
    expect(planValidator()(doc)).toBe(false);
  });

  it('rejects an unknown top-level member', () => {
    expect(planValidator()({ ...asJson(created), extra: 1 })).toBe(false);
  });
});
