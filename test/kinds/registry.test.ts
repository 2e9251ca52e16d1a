/**
 * Every registered resource kind has every part (issue 10): the registry is iterated and each part checked present
 * and callable, so a module that loses one fails here even where the types would let it (an `any`, a cast).
 */
import { describe, expect, test } from 'vitest';
import type { OperationName, ResourceKind } from '../../src/model/plan.js';
import { KIND_ORDER, KINDS, OPERATION_HANDLERS, iamActions, readInRegistryOrder } from '../../src/kinds/registry.js';
import type { AnyKindModule, ExportedDomain } from '../../src/kinds/types.js';
import type { VoiceIdApi } from '../../src/aws/api.js';
import type { LiveDomain, LiveDomainDetails } from '../../src/model/live.js';
import type { DesiredDomain } from '../../src/model/desired.js';
import { RECORD_FIELDS, type RecordedAttribute } from '../../src/plan/applied-record.js';
import type { Reporter } from '../../src/config/constraint-check.js';
import { checkDomain } from '../../src/config/check-domain.js';
import Type from 'typebox';
import { mapOf } from '../../src/model/schema/definitions.js';
import { desiredStateSchemaDocument, vocabulary } from '../../src/model/schema/desired-state.js';
import type { SchemaKit } from '../../src/model/schema/kit.js';

/** Every Operation name: a Record over the union, so adding an Operation makes this file stop compiling. */
const OPERATIONS: Record<OperationName, true> = {
  CreateDomain: true, UpdateDomain: true, DeleteDomain: true, TagResource: true, UntagResource: true, OptOutSpeaker: true,
  DeleteSpeaker: true, DeleteFraudster: true,
  CreateWatchlist: true, UpdateWatchlist: true, DeleteWatchlist: true, AssociateFraudster: true, DisassociateFraudster: true,
  StartSpeakerEnrollmentJob: true, StartFraudsterRegistrationJob: true,
};
const KIND_NAMES: Record<ResourceKind, true> = {
  domain: true, tags: true, watchlist: true, 'watchlist-members': true, 'opt-outs': true, 'erased-speakers': true, 'deleted-fraudsters': true, 'enrollment-job': true, 'fraudster-registration-job': true, 'applied-record': true,
};

/**
 * Kinds without a part of the live read: discovery reads the domain and its tags (the record is one of them); the
 * erased speakers' statuses are read with the opt-out ids, in the opt-outs kind's speaker read (PLAN.md R15.5).
 */
const READS_NOTHING: ReadonlySet<string> = new Set(['domain', 'tags', 'erased-speakers', 'applied-record']);
/** The kinds whose changes the last-applied record covers (PLAN.md R11.4, R15.6). */
const RECORDED: ReadonlySet<string> = new Set(['domain', 'tags', 'opt-outs', 'erased-speakers']);
/** Every field of the record (PLAN.md R11.1) and the kind that owns it: a Record over them, so a new field needs its owner here. */
const RECORD_OWNERS: Record<RecordedAttribute, ResourceKind> = {
  name: 'domain', description: 'domain', kmsKeyId: 'domain', tags: 'tags', optedOutSpeakers: 'opt-outs', erasedSpeakers: 'erased-speakers',
};
/** Every member of a domain's live details: a Record over its keys, so a new member makes this file stop compiling. */
const DETAIL_MEMBERS: Record<keyof LiveDomainDetails, boolean> = { speakers: true, watchlists: true, enrollmentJobs: true, fraudsterRegistrationJobs: true, optOutRead: false, liveFraudsters: true, memberships: true };

/**
 * Every member of a DesiredDomain and where it comes from: `yaml`, some kind's check of an empty mapping has it
 * (absent optional members are left out); `optional`, no member when not declared; `loader`, set by the engines.
 */
const DESIRED_MEMBERS: Record<keyof DesiredDomain, 'yaml' | 'optional' | 'loader'> = {
  key: 'loader', source: 'loader', optOutSources: 'loader', name: 'yaml', description: 'optional', kmsKeyId: 'yaml', adopt: 'optional', protect: 'optional',
  ignoreChanges: 'optional', defaultWatchlist: 'optional', tags: 'yaml', optedOutSpeakers: 'yaml', watchlists: 'yaml', enrollmentJobs: 'yaml', fraudsterRegistrationJobs: 'yaml',
  erasedSpeakers: 'optional', erasureSources: 'loader', deletedFraudsters: 'optional',
};

/** Every member of what export reads of a domain: true for those the kinds' parts fill (the engine sets the others). */
const EXPORTED_MEMBERS: Record<keyof ExportedDomain, boolean> = {
  live: false, managed: false, watchlists: true, watchlistNames: true, members: true, optedOut: true, enrollmentJobs: true, fraudsterRegistrationJobs: true, unnamedJobs: true,
};

const isFn = (v: unknown): boolean => typeof v === 'function';

/** The parts a module lacks or has in the wrong shape ([] when complete). */
function missingParts(key: string, m: AnyKindModule | undefined): string[] {
  if (!m) return ['the module'];
  const out: string[] = [];
  const want = (ok: boolean, part: string) => {
    if (!ok) out.push(part);
  };
  want(m.kind === key, 'kind (the registry key)');
  want(typeof m.description === 'string' && m.description.length > 0, 'description');
  want(['domain', 'one', 'named'].includes(m.address?.shape), 'address.shape');
  const target = m.address?.target;
  if (target !== undefined) {
    want(isFn(target.addresses), 'address.target.addresses');
    for (const f of ['needs', 'keptWithDomain'] as const) want(target[f] === undefined || isFn(target[f]), `address.target.${f}`);
  }
  want(typeof m.destroys === 'boolean', 'destroys');
  if (m.record !== undefined) {
    want(Array.isArray(m.record.fields) && m.record.fields.length > 0, 'record.fields');
    want(isFn(m.record.value), 'record.value');
    want(m.record.writes === undefined || isFn(m.record.writes), 'record.writes');
  }
  want(m.record !== undefined || !RECORDED.has(key), 'record');
  // A refused destructive change says how much it destroys (DELETE_NOT_ALLOWED); a domain delete has its own line.
  want(m.erases === undefined ? m.destroys !== true || m.address?.shape === 'domain' : isFn(m.erases), 'erases');
  want(m.comparable === undefined || isFn(m.comparable), 'comparable');
  want(Array.isArray(m.yamlMembers) && m.yamlMembers.every((s) => typeof s === 'string'), 'yamlMembers');
  want(m.yamlMembers?.length === 0 ? m.yaml === undefined : isFn(m.yaml?.check), 'yaml.check');
  want(m.yamlMembers?.length === 0 || isFn(m.yaml?.schema), 'yaml.schema');
  want(m.yamlMembers?.length === 0 || isFn(m.yaml?.write), 'yaml.write');
  want(isFn(m.plan), 'plan');
  want(m.check === undefined || isFn(m.check), 'check');
  want(m.orphan === undefined || isFn(m.orphan), 'orphan');
  if (m.read !== undefined) {
    want(Array.isArray(m.read.members) && m.read.members.length > 0, 'read.members');
    for (const f of ['details', 'created', 'answered'] as const) want(isFn(m.read[f]), `read.${f}`);
    want(m.read.whole === undefined || isFn(m.read.whole), 'read.whole');
  }
  want(m.read !== undefined || READS_NOTHING.has(key), 'read');
  want(typeof m.apply === 'object' && m.apply !== null, 'apply');
  const ops = m.apply?.operations as Readonly<Record<string, { run?: unknown; calls?: unknown }>> | undefined;
  want(typeof ops === 'object' && ops !== null, 'apply.operations');
  for (const [name, h] of Object.entries(ops ?? {})) {
    want(isFn(h.run), `apply.operations.${name}.run`);
    want(h.calls === undefined || isFn(h.calls), `apply.operations.${name}.calls`);
  }
  want(Array.isArray(m.apply?.after), 'apply.after');
  for (const f of ['skipReason', 'prerequisite', 'deferred', 'last'] as const) want(m.apply?.[f] === undefined || isFn(m.apply[f]), `apply.${f}`);
  want(typeof m.render === 'object' && m.render !== null, 'render');
  want(m.render?.whole === undefined || isFn(m.render.whole), 'render.whole');
  want(m.render?.body === undefined || isFn(m.render.body), 'render.body');
  want(m.render?.risks === undefined || isFn(m.render.risks), 'render.risks');
  want(isFn(m.export), 'export');
  want(Array.isArray(m.iam) && m.iam.every((a) => /^[a-z]+:[A-Za-z]+$/.test(a.action) && (a.role === 'plan' || a.role === 'apply') && a.why.length > 0), 'iam');
  return out;
}

describe('the resource kind registry', () => {
  test('has exactly one module per resource kind, each with every part', () => {
    expect([...KIND_ORDER].sort()).toEqual(Object.keys(KIND_NAMES).sort());
    const registry = KINDS as Readonly<Record<string, AnyKindModule | undefined>>;
    expect(Object.fromEntries(KIND_ORDER.map((k) => [k, missingParts(k, registry[k])]))).toEqual(Object.fromEntries(KIND_ORDER.map((k) => [k, []])));
  });

  test('the check finds a part a module lacks', () => {
    const { plan: _plan, ...withoutPlan } = KINDS.watchlist;
    const noHandler = { ...KINDS.tags, apply: { ...KINDS.tags.apply, operations: { TagResource: {} } } };
    expect(missingParts('watchlist', withoutPlan as unknown as AnyKindModule)).toEqual(['plan']);
    expect(missingParts('tags', noHandler as unknown as AnyKindModule)).toEqual(['apply.operations.TagResource.run']);
    expect(missingParts('speaker-group', undefined)).toEqual(['the module']);
    const { address: _address, destroys: _destroys, ...unaddressed } = KINDS.tags;
    expect(missingParts('tags', unaddressed as unknown as AnyKindModule)).toEqual(['address.shape', 'destroys']);
  });

  test('the kinds read every member of a domain\'s details, each exactly one, as they declare', () => {
    const live: LiveDomain = { domainId: 'd'.repeat(22), arn: 'arn', name: 'n', status: 'ACTIVE', kmsKeyId: 'k', defaultWatchlistId: 'w'.repeat(22), tags: {} };
    const owners = KIND_ORDER.flatMap((k) => (KINDS[k] as AnyKindModule).read?.members.map((m) => [m, k] as const) ?? []);
    expect(owners.map(([m]) => m).sort()).toEqual(Object.keys(DETAIL_MEMBERS).filter((m) => DETAIL_MEMBERS[m as keyof LiveDomainDetails]).sort());
    // What a kind says it fills is what it fills, for a domain this apply created.
    for (const k of KIND_ORDER) {
      const read = (KINDS[k] as AnyKindModule).read;
      if (read) expect(Object.keys(read.created(live)), k).toEqual([...read.members]);
    }
    const { read: _read, ...withoutRead } = KINDS.watchlist;
    expect(missingParts('watchlist', withoutRead as unknown as AnyKindModule)).toEqual(['read']);
  });

  test('the kinds\' YAML checks together make a whole DesiredDomain, each member from one kind', () => {
    const reported: string[] = [];
    const r = { report: (code: string) => reported.push(code), rangeOf: () => [0, 0] as const } as unknown as Reporter;
    const owners = KIND_ORDER.flatMap((k) => Object.keys((KINDS[k] as AnyKindModule).yaml?.check({ r, key: 'support', doc: {} as never, path: ['domains', 'support'] }).domain ?? {}));
    expect(owners.sort()).toEqual(Object.keys(DESIRED_MEMBERS).filter((m) => DESIRED_MEMBERS[m as keyof DesiredDomain] === 'yaml').sort());
    const whole = checkDomain(r, 'support', {}, ['domains', 'support']);
    expect(whole?.domain).toEqual({ key: 'support', name: 'support', kmsKeyId: '', tags: {}, watchlists: [], optedOutSpeakers: [], enrollmentJobs: [], fraudsterRegistrationJobs: [] });
    expect(reported).toEqual([]);
    const { yaml: _yaml, ...withoutYaml } = KINDS.tags;
    expect(missingParts('tags', withoutYaml as unknown as AnyKindModule)).toEqual(['yaml.check', 'yaml.schema', 'yaml.write']);
  });

  test('each kind declares the members of a domain\'s mapping it lists, and the format is those members', () => {
    const kit: SchemaKit = { Type, mapOf, defs: vocabulary };
    const declared = KIND_ORDER.map((k) => [k, Object.keys((KINDS[k] as AnyKindModule).yaml?.schema(kit) ?? {})]);
    expect(declared).toEqual(KIND_ORDER.map((k) => [k, [...KINDS[k].yamlMembers]]));
    const domain = desiredStateSchemaDocument.$defs['Domain'] as unknown as { properties: Record<string, unknown> };
    expect(Object.keys(domain.properties).sort()).toEqual(KIND_ORDER.flatMap((k) => KINDS[k].yamlMembers).sort());
    const { yaml: _yaml, ...withoutYaml } = KINDS.watchlist;
    const { schema: _schema, ...withoutSchema } = KINDS.watchlist.yaml ?? { schema: undefined };
    expect(missingParts('watchlist', withoutYaml as unknown as AnyKindModule)).toEqual(['yaml.check', 'yaml.schema', 'yaml.write']);
    expect(missingParts('watchlist', { ...KINDS.watchlist, yaml: withoutSchema } as unknown as AnyKindModule)).toEqual(['yaml.schema']);
  });

  test('the kinds\' parts of export\'s read together fill every member of an exported domain', async () => {
    const live: LiveDomain = { domainId: 'd'.repeat(22), arn: 'arn', name: 'n', status: 'ACTIVE', kmsKeyId: 'k', tags: {} };
    // Every call answers an empty page: what matters is which members each part fills.
    const api = new Proxy({}, { get: () => async () => ({}) }) as VoiceIdApi;
    const parts = await readInRegistryOrder<Partial<ExportedDomain>>((m, earlier) => m.read?.whole?.({ api, live, earlier }));
    const filled = new Set(parts.flatMap((p) => Object.keys(p)));
    expect([...filled].sort()).toEqual(Object.keys(EXPORTED_MEMBERS).filter((m) => EXPORTED_MEMBERS[m as keyof ExportedDomain]).sort());
  });

  test('every field of the last-applied record is owned by exactly one kind, and its value writes only its fields', () => {
    const owners = KIND_ORDER.flatMap((k) => (KINDS[k] as AnyKindModule).record?.fields.map((f) => [f, k] as const) ?? []);
    expect(owners.map(([f]) => f).sort()).toEqual(Object.keys(RECORD_FIELDS).sort());
    expect(Object.fromEntries(owners)).toEqual(RECORD_OWNERS);
    const d: DesiredDomain = { key: 'a', name: 'a', kmsKeyId: 'k', tags: { team: 'x' }, optedOutSpeakers: ['s1'], erasedSpeakers: ['s2'], watchlists: [], enrollmentJobs: [], fraudsterRegistrationJobs: [] };
    for (const k of KIND_ORDER) {
      const record = (KINDS[k] as AnyKindModule).record;
      if (record) expect(Object.keys(record.value(d, {})).sort(), k).toEqual([...record.fields].sort());
    }
    const { record: _record, ...withoutRecord } = KINDS['opt-outs'];
    expect(missingParts('opt-outs', withoutRecord as unknown as AnyKindModule)).toEqual(['record']);
  });

  test('every Operation has exactly one handler, owned by one kind', () => {
    const owners = new Map<string, string[]>();
    for (const k of KIND_ORDER) for (const name of Object.keys(KINDS[k].apply.operations)) owners.set(name, [...(owners.get(name) ?? []), k]);
    expect([...owners.keys()].sort()).toEqual(Object.keys(OPERATIONS).sort());
    expect([...owners.values()].filter((o) => o.length !== 1)).toEqual([]);
    for (const name of Object.keys(OPERATIONS) as OperationName[]) expect(isFn(OPERATION_HANDLERS[name].run), name).toBe(true);
  });

  test('each kind runs only after kinds listed before it, so a domain\'s schedule has no cycle', () => {
    const problems = KIND_ORDER.flatMap((k, i) => KINDS[k].apply.after.filter((a) => KIND_ORDER.indexOf(a) < 0 || KIND_ORDER.indexOf(a) >= i).map((a) => `${k} after ${a}`));
    expect(problems).toEqual([]);
  });

  test('the IAM actions of the kinds cover plan and apply, each action once per resource', () => {
    const actions = iamActions().map((a) => a.action);
    const grants = iamActions().map((a) => `${a.action} ${a.resource}`);
    expect(new Set(grants).size).toBe(grants.length);
    expect(actions).toContain('voiceid:OptOutSpeaker');
    expect(actions).toContain('iam:PassRole');
  });
});
