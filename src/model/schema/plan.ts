/**
 * The plan format (version 1: `plan --out FILE`, `--format json`), defined once. From this module come the
 * shipped specs/plan.schema.json (`npm run gen:schemas`), what `apply --plan` validates (src/apply/plan-schema.ts
 * compiles that file) and the TypeScript types of src/model/plan.ts. src/plan/PLAN.md states the rules.
 *
 * A change is a union discriminated by its `kind`: each kind says which actions, operations and `before`/`after`
 * attributes it has. Its `action` is always what it does when it runs; `deferred` or `blocked` say that it does
 * not run now, and why.
 *
 * Only scripts and tests import this module at run time: see definitions.ts.
 */
import Type, { type Static, type TSchema, type TUnsafe } from 'typebox';
import { Definitions, exactly, mapOf, type Ref, type Referred } from './definitions.js';

const d = new Definitions();
/** What a change can do when it runs; each kind takes some of them. */
type Action = 'create' | 'update' | 'delete' | 'adopt' | 'opt-out' | 'start';

/**
 * One of several object schemas, chosen by the constant value of `tag`. Written as `if`/`then` pairs rather
 * than `oneOf`, so a validator reports what is wrong inside the matching variant instead of "matches none".
 */
function tagged<const V extends readonly Ref<unknown>[]>(tag: string, values: readonly string[], variants: V, docs: Record<string, unknown> = {}): TUnsafe<Referred<V[number]>> {
  return Type.Unsafe<Referred<V[number]>>({
    ...docs,
    type: 'object',
    required: [tag],
    properties: { [tag]: { enum: values } },
    allOf: variants.map((v, i) => ({ if: { properties: { [tag]: { const: values[i] } } }, then: v() })),
  });
}

const Hex64 = (description: string) => Type.String({ description, pattern: '^[0-9a-f]{64}$' });
const DomainId = d.define('domainId', Type.String({ pattern: '^[a-zA-Z0-9]{22}$' }));
const DomainRef = Type.Object({
  ref: Type.String({ description: 'Address of the created domain.', pattern: '^domain\\.' }),
}, { additionalProperties: false });
const DomainIdValue = d.define('domainIdValue', Type.Unsafe<string | Static<typeof DomainRef>>({
  description: 'A DomainId, or a reference to a domain this plan creates (apply substitutes the id returned by CreateDomain).',
  oneOf: [DomainId(), DomainRef],
}));
const ClientToken = d.define('clientToken', Type.String({
  description: 'Deterministic idempotency token: derived from stack, address and desired content.',
  pattern: '^[a-zA-Z0-9_-]{1,64}$',
}));
const Impact = d.define('impact', Type.Enum(['none', 'import', 'update', 'create', 'one-way', 'destroy'], {
  description: 'Danger rank, harmless to worst: none < import < update < create < one-way < destroy.',
}));
const KmsKeyId = () => Type.String({ minLength: 1, maxLength: 2048 });
const Sse = Type.Object({ KmsKeyId: KmsKeyId() }, { additionalProperties: false });
const ApiTag = Type.Object({
  Key: Type.String({ minLength: 1, maxLength: 128 }),
  Value: Type.String({ maxLength: 256 }),
}, { additionalProperties: false });
const ApiTags = Type.Array(ApiTag, { maxItems: 200 });
const DOMAIN_ARN = '^arn:aws(-[^:]+)?:voiceid.+:[0-9]{12}:domain/[a-zA-Z0-9]{22}$';
const WatchlistNames = Type.Array(Type.String({ minLength: 1 }), {
  minItems: 1, maxItems: 1,
  description: 'Watchlist NAMES (`default` = the default watchlist); apply resolves them to WatchlistIds after creating watchlists.',
});
const jobData = {
  ClientToken: ClientToken(),
  JobName: Type.String(),
  DomainId: DomainIdValue(),
  DataAccessRoleArn: Type.String({ minLength: 20, maxLength: 2048 }),
  InputDataConfig: Type.Object({ S3Uri: Type.String() }, { additionalProperties: false }),
  OutputDataConfig: Type.Object({ S3Uri: Type.String(), KmsKeyId: Type.Optional(KmsKeyId()) }, { additionalProperties: false }),
};

const op = <K extends string, I extends TSchema>(name: K, description: string, input: I) =>
  d.define(name, Type.Object({ kind: exactly(name), input }, { description, additionalProperties: false }));

const CreateDomain = op('CreateDomain', 'Creates the domain with every tag, the two ownership tags included.', Type.Object({
  Name: Type.String(),
  Description: Type.Optional(Type.String()),
  ServerSideEncryptionConfiguration: Sse,
  Tags: ApiTags,
  ClientToken: ClientToken(),
}, { additionalProperties: false }));
const UpdateDomain = op('UpdateDomain', 'Full desired triple: UpdateDomain clears any attribute it is not given (an absent Description removes it).', Type.Object({
  DomainId: DomainId(),
  Name: Type.String(),
  Description: Type.Optional(Type.String()),
  ServerSideEncryptionConfiguration: Sse,
}, { additionalProperties: false }));
const DeleteDomain = op('DeleteDomain', 'Soft delete: the domain is SUSPENDED for 30 days; apply requires --allow-delete.', Type.Object({
  DomainId: DomainId(),
}, { additionalProperties: false }));
const TagResource = op('TagResource', 'Adds or overwrites tags.', Type.Object({
  ResourceArn: Type.Unsafe<string | Static<typeof DomainRef>>({
    description: "The domain's ARN; `{ ref }` for a domain this plan creates (only the applied record, PLAN.md R11.4): the Arn its CreateDomain answers.",
    oneOf: [Type.String({ pattern: DOMAIN_ARN }), DomainRef],
  }),
  Tags: ApiTags,
}, { additionalProperties: false }));
const UntagResource = op('UntagResource', 'Removes user tags (never ownership tags).', Type.Object({
  ResourceArn: Type.String({ description: 'Domain ARN.', pattern: DOMAIN_ARN }),
  TagKeys: Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { maxItems: 200 }),
}, { additionalProperties: false }));
/** An operation of one call per id of its `ids` member (APPLY.md A3.3), each call with `{...input, <Id>}`. */
const perIdOp = <K extends string, D extends TSchema, M extends string, L extends TSchema>(name: K, domainId: D, member: M, ids: L, description: string) =>
  d.define(name, Type.Object({
    kind: exactly(name),
    input: Type.Object({ DomainId: domainId }, { additionalProperties: false }),
    ...({ [member]: ids } as Record<M, L>),
  }, { description, additionalProperties: false }));
const speakerIds = (description: string) => Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description });

const OptOutSpeaker = perIdOp('OptOutSpeaker', DomainIdValue(), 'speakerIds', speakerIds('Customer speaker ids (personal data: masked in rendered output, full in the saved plan).'),
  'One OptOutSpeaker call per id of `speakerIds`, each with `{...input, SpeakerId}`.');
const DeleteSpeaker = perIdOp('DeleteSpeaker', DomainId(), 'speakerIds', speakerIds('Customer speaker ids to erase (personal data: masked in rendered output, full in the saved plan).'),
  'One DeleteSpeaker call per id of `speakerIds`, each with `{...input, SpeakerId}`; a speaker already gone (ResourceNotFound) counts as erased. Apply requires --allow-delete.');
const FraudsterIds = Type.Array(Type.String({ pattern: '^id#[a-zA-Z0-9]{22}$' }), { minItems: 1, description: 'Fraudster ids (generated by Voice ID, not personal data).' });
const DeleteFraudster = perIdOp('DeleteFraudster', DomainId(), 'fraudsterIds', FraudsterIds,
  'One DeleteFraudster call per id of `fraudsterIds`, each with `{...input, FraudsterId}`; a fraudster already gone (ResourceNotFound) counts as deleted. Apply requires --allow-delete.');
const CreateWatchlist = op('CreateWatchlist', 'Creates a custom watchlist.', Type.Object({
  DomainId: DomainIdValue(),
  Name: Type.String(),
  Description: Type.Optional(Type.String()),
  ClientToken: ClientToken(),
}, { additionalProperties: false }));
const UpdateWatchlist = op('UpdateWatchlist', "Partial update of a custom watchlist's description.", Type.Object({
  DomainId: DomainId(),
  WatchlistId: DomainId(),
  Description: Type.String(),
}, { additionalProperties: false }));
const DeleteWatchlist = op('DeleteWatchlist', 'Deletes an empty custom watchlist.', Type.Object({
  DomainId: DomainId(),
  WatchlistId: DomainId(),
}, { additionalProperties: false }));
const WatchlistIdValue = Type.Unsafe<string | { ref: string }>({
  description: 'A WatchlistId, or `{ ref }` to the CreateWatchlist of this plan (`domain.<key>.watchlist.<name>`): apply substitutes the id it answered.',
  oneOf: [DomainId(), Type.Object({ ref: Type.String({ pattern: '^domain\\.[^.]+\\.watchlist\\.[^.]+$' }) }, { additionalProperties: false })],
});
const membership = <N extends 'AssociateFraudster' | 'DisassociateFraudster'>(name: N, description: string) => d.define(name, Type.Object({
  kind: exactly(name),
  input: Type.Object({ DomainId: DomainId(), WatchlistId: WatchlistIdValue }, { additionalProperties: false }),
  watchlist: Type.String({ minLength: 1, description: 'The watchlist\'s name (`default`: the default watchlist), for people reading the plan.' }),
  fraudsterIds: Type.Array(Type.String({ pattern: '^id#[a-zA-Z0-9]{22}$' }), {
    minItems: 1, uniqueItems: true,
    description: 'Generated fraudster ids (not personal data), sorted: one call per id, each with `{...input, FraudsterId}`.',
  }),
}, { description, additionalProperties: false }));
const AssociateFraudster = membership('AssociateFraudster', 'One AssociateFraudster call per id of `fraudsterIds`: adds each fraudster to the watchlist.');
const DisassociateFraudster = membership('DisassociateFraudster', 'One DisassociateFraudster call per id of `fraudsterIds`: removes each fraudster from the watchlist (never its last one).');
const StartSpeakerEnrollmentJob = op('StartSpeakerEnrollmentJob', 'Starts a run-once enrollment job.', Type.Object({
  ...jobData,
  EnrollmentConfig: Type.Optional(Type.Object({
    ExistingEnrollmentAction: Type.Optional(Type.Enum(['SKIP', 'OVERWRITE'])),
    FraudDetectionConfig: Type.Optional(Type.Object({
      FraudDetectionAction: Type.Optional(Type.Enum(['FAIL', 'IGNORE'])),
      RiskThreshold: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
      WatchlistNames: Type.Optional(WatchlistNames),
    }, { additionalProperties: false })),
  }, { additionalProperties: false })),
}, { additionalProperties: false }));
const StartFraudsterRegistrationJob = op('StartFraudsterRegistrationJob', 'Starts a run-once fraudster registration job.', Type.Object({
  ...jobData,
  RegistrationConfig: Type.Optional(Type.Object({
    DuplicateRegistrationAction: Type.Optional(Type.Enum(['SKIP', 'REGISTER_AS_NEW'])),
    FraudsterSimilarityThreshold: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    WatchlistNames: Type.Optional(WatchlistNames),
  }, { additionalProperties: false })),
}, { additionalProperties: false }));

/** The operations a change of some kind may carry, in the order apply makes them. */
function operations<const V extends readonly Ref<unknown>[]>(variants: V): TUnsafe<Referred<V[number]>[]> {
  const names = variants.map((v) => v.definition);
  return Type.Unsafe<Referred<V[number]>[]>({
    type: 'array',
    description: 'API calls apply makes, in order, with full input values; empty when blocked (a deferred change keeps them for a later apply or apply --wait).',
    items: tagged('kind', names, variants),
  });
}

const StringMap = (description: string) => mapOf(Type.String(), Type.String(), { description });
const DomainAttributes = Type.Object({
  name: Type.String(),
  description: Type.Optional(Type.String()),
  kmsKeyId: Type.String(),
  tags: Type.Optional(StringMap('Every tag of the domain, ownership tags included (creates and deletes).')),
  undeclaredTags: Type.Optional(StringMap('User tags an adoption removes because the YAML does not declare them.')),
  ownership: Type.Optional(StringMap('The ownership tags an adoption adds.')),
}, { additionalProperties: false, description: 'Name, description and KMS key of the domain.' });
const WatchlistAttributes = Type.Object({
  name: Type.String(),
  description: Type.Optional(Type.String()),
  watchlistId: Type.Optional(Type.String()),
}, { additionalProperties: false });
const SpeakerCounts = mapOf(Type.Enum(['ABSENT', 'ENROLLED', 'EXPIRED', 'PENDING']), Type.Integer({ minimum: 1 }), {
  description: 'How many of the speakers to opt out have each status now (ABSENT: not in the domain yet).',
});
const ErasedCounts = mapOf(Type.Enum(['ENROLLED', 'EXPIRED', 'OPTED_OUT', 'PENDING']), Type.Integer({ minimum: 1 }), {
  description: 'How many of the speakers to erase have each status now (absent ones need nothing and are not counted).',
});
const LiveFraudsters = Type.Object({ fraudsterIds: FraudsterIds }, {
  additionalProperties: false, description: 'The declared fraudsters that exist live (absent ones need nothing).',
});
const OptedOutCount = Type.Object({ OPTED_OUT: Type.Integer({ minimum: 1 }) }, {
  additionalProperties: false, description: 'How many speakers are OPTED_OUT once the change ran (the speakers of this change).',
});
const MemberCounts = mapOf(Type.String({ minLength: 1 }), Type.Integer({ minimum: 0 }), {
  description: 'Fraudsters in each watchlist whose members change, by watchlist name (`default`: the default watchlist).',
});
const jobAttributes = {
  jobName: Type.String(),
  dataAccessRoleArn: Type.String(),
  inputS3Uri: Type.String(),
  outputS3Uri: Type.String(),
  outputKmsKeyId: Type.Optional(Type.String()),
  watchlists: Type.Array(Type.String()),
};
const EnrollmentJobAttributes = Type.Object({
  ...jobAttributes,
  existingEnrollmentAction: Type.String(),
  fraudDetectionAction: Type.String(),
  riskThreshold: Type.Optional(Type.Integer()),
}, { additionalProperties: false, description: "The job's definition, defaults applied." });
const FraudsterRegistrationJobAttributes = Type.Object({
  ...jobAttributes,
  duplicateRegistrationAction: Type.String(),
  fraudsterSimilarityThreshold: Type.Optional(Type.Integer()),
}, { additionalProperties: false, description: "The job's definition, defaults applied." });
const AppliedRecordAttributes = Type.Object({
  'voiceid-gitops:applied': Type.String({ description: 'The tag value: one digest per managed attribute (PLAN.md §11).' }),
}, { additionalProperties: false });

const OptOutList = Type.Object({
  declared: Type.Integer({ minimum: 0, description: 'Declared ids, duplicates removed.' }),
  alreadyOptedOut: Type.Integer({ minimum: 0, description: 'Declared ids already OPTED_OUT live.' }),
  sources: Type.Array(Type.String(), { description: 'Files the ids come from.' }),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'sha256 of the unique declared ids sorted by byte, each followed by a newline.' }),
}, { additionalProperties: false, description: "An opt-outs change's declared list, summarised for review (PLAN.md R5.3)." });

const SpeakerCount = Type.Object({
  listed: Type.Integer({ minimum: 0, description: 'Speakers listed (at most two ListSpeakers pages).' }),
  complete: Type.Boolean({ description: 'The listing ended: `listed` is exact; otherwise the domain holds more.' }),
}, {
  additionalProperties: false,
  description: "A deleted domain's speakers as read live (PLAN.md R8.3); absent when not read. Volatile: a saved plan is not stale when it changes (APPLY.md A1.7).",
});
const DeleteList = Type.Object({
  declared: Type.Integer({ minimum: 0, description: 'Declared ids, duplicates removed.' }),
  alreadyAbsent: Type.Integer({ minimum: 0, description: 'Declared ids already absent live (nothing to do).' }),
  sources: Type.Array(Type.String(), { description: 'Files the ids come from.' }),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'sha256 of the unique declared ids sorted by byte, each followed by a newline.' }),
}, { additionalProperties: false, description: "An erasure's or fraudster deletion's declared list, summarised for review (PLAN.md R15.4)." });

const Blocked = Type.Object({
  reason: Type.String(),
}, { additionalProperties: false, description: 'Present when the change cannot run until the YAML or live state changes: it is shown, never executed.' });
const Deferred = Type.Object({
  reason: Type.String({ description: 'What it waits for and how it continues (one line, no speaker ids).' }),
}, {
  additionalProperties: false,
  description: 'Present when Voice ID accepts the change only later (one active job per kind and domain; no key change during a re-encryption): it keeps its operations and runs on a later apply, or with apply --wait.',
});

/** The same schema with the description of the place that uses it. */
const annotated = <S extends TSchema>(schema: S, description: string): S => ({ ...schema, description });

interface VariantSpec<A extends Action, B extends TSchema, F extends TSchema, O extends TSchema> {
  readonly description: string;
  readonly actions: readonly A[];
  readonly address: string;
  readonly before?: B;
  readonly after?: F;
  readonly operations: O;
  readonly deferrable?: boolean;
  readonly blockable?: boolean;
  readonly speakers?: boolean;
  /** The kind may carry `speakerCount` (a domain delete). */
  readonly counted?: boolean;
  /** An erasure or deletion of listed ids (PLAN.md §15): `deleteList`, and `speakerIds` when `speakers` too. */
  readonly deletes?: boolean;
}

/** One kind's change: the members every change has, with what this kind puts in them. */
function change<const K extends string, A extends Action, B extends TSchema, F extends TSchema, O extends TSchema>(kind: K, spec: VariantSpec<A, B, F, O>) {
  const rules: Record<string, unknown>[] = [];
  // A blocked change runs nothing; a change is deferred or blocked, never both.
  if (spec.blockable) rules.push({ if: { required: ['blocked'] }, then: { properties: { operations: { type: 'array', maxItems: 0 } }, not: { required: ['deferred'] } } });
  const schema = Type.Object({
    address: Type.String({ description: 'Where the resource is: `domain.<key>` then the kind (and its name).', pattern: spec.address }),
    kind: exactly(kind),
    action: Type.Enum(spec.actions, { description: 'What the change does when it runs.' }),
    domainKey: Type.String({ description: 'Logical key of the domain the change belongs to.' }),
    domainId: Type.Optional(DomainId({ description: 'Absent when this plan creates the domain.' })),
    impact: Impact(),
    destructive: Type.Boolean({ description: 'Deletes data the tool cannot recover (a domain and its voiceprints, erased speakers, deleted fraudsters); apply requires --allow-delete.' }),
    before: Type.Optional(annotated((spec.before ?? Type.Never()) as B, 'Live attributes (absent for creates).')),
    after: Type.Optional(annotated((spec.after ?? Type.Never()) as F, 'Attributes once the change ran (absent for deletes).')),
    operations: spec.operations,
    reasons: Type.Array(Type.String(), { description: 'Reasons and consequences, one line each, no speaker ids.' }),
    deferred: Type.Optional(spec.deferrable ? Deferred : (Type.Never() as unknown as typeof Deferred)),
    blocked: Type.Optional(spec.blockable ? Blocked : (Type.Never() as unknown as typeof Blocked)),
    changedOutside: Type.Optional(Type.Array(Type.String(), {
      minItems: 1,
      description: 'Managed attributes (name, description, kmsKeyId, tags, optedOutSpeakers) whose live value is not what voiceid-gitops last set (the `voiceid-gitops:applied` record, PLAN.md §11): the change also undoes a change made outside voiceid-gitops.',
    })),
    speakerIds: Type.Optional(spec.speakers ? Type.Array(Type.String(), { description: 'Speaker ids of an opt-outs or erased-speakers change.' }) : Type.Never() as unknown as TUnsafe<string[]>),
    optOutList: Type.Optional(spec.speakers && !spec.deletes ? OptOutList : (Type.Never() as unknown as typeof OptOutList)),
    speakerCount: Type.Optional(spec.counted ? SpeakerCount : (Type.Never() as unknown as typeof SpeakerCount)),
    deleteList: Type.Optional(spec.deletes ? DeleteList : (Type.Never() as unknown as typeof DeleteList)),
  }, { description: spec.description, additionalProperties: false, ...(rules.length > 0 ? { allOf: rules } : {}) });
  // The variant says its kind, so the list of kinds (RESOURCE_KINDS) is read off the variants, never paired by hand.
  return Object.assign(d.define(`${kind}Change`, schema), { kind });
}

const KEY = '^domain\\.[a-zA-Z0-9][a-zA-Z0-9_-]*';
const DomainChange = change('domain', {
  description: 'The domain itself: created, updated (name, description, KMS key), adopted or deleted (pruned).',
  actions: ['create', 'update', 'delete', 'adopt'], address: `${KEY}$`,
  before: DomainAttributes, after: DomainAttributes, deferrable: true, counted: true,
  operations: operations([CreateDomain, UpdateDomain, DeleteDomain, UntagResource, TagResource]),
});
const TagsChange = change('tags', {
  description: "The domain's user tags: `before` and `after` are tag key -> value.",
  actions: ['update'], address: `${KEY}\\.tags$`,
  before: StringMap('User tags now.'), after: StringMap('User tags once the change ran.'),
  operations: operations([UntagResource, TagResource]),
});
const WatchlistChange = change('watchlist', {
  description: 'A custom watchlist: created, its description updated, or deleted (blocked while it holds fraudsters).',
  actions: ['create', 'update', 'delete'], address: `${KEY}\\.watchlist\\.[^.]+$`,
  before: WatchlistAttributes, after: WatchlistAttributes, blockable: true,
  operations: operations([CreateWatchlist, UpdateWatchlist, DeleteWatchlist]),
});
const WatchlistMembersChange = change('watchlist-members', {
  description: "The domain's watchlist memberships (PLAN.md §16): `before` and `after` count each changed watchlist's fraudsters; the operations disassociate fraudsters that keep another watchlist, then associate, then disassociate the rest (a fraudster never passes through no watchlist).",
  actions: ['update'], address: `${KEY}\\.watchlist-members$`,
  before: MemberCounts, after: MemberCounts,
  operations: operations([DisassociateFraudster, AssociateFraudster]),
});
const OptOutsChange = change('opt-outs', {
  description: 'Declared speakers not yet OPTED_OUT: `before` counts them by status now, `after` once they are opted out; `speakerIds` lists them.',
  actions: ['opt-out'], address: `${KEY}\\.opt-outs$`,
  before: SpeakerCounts, after: OptedOutCount, speakers: true,
  operations: operations([OptOutSpeaker]),
});
const ErasedSpeakersChange = change('erased-speakers', {
  description: 'Declared erased speakers that exist live: `before` counts them by status; `speakerIds` lists them; DeleteSpeaker erases them (destructive, PLAN.md §15).',
  actions: ['delete'], address: `${KEY}\\.erased-speakers$`,
  before: ErasedCounts, speakers: true, deletes: true,
  operations: operations([DeleteSpeaker]),
});
const DeletedFraudstersChange = change('deleted-fraudsters', {
  description: 'Declared deleted fraudsters that exist live: `before` lists them; DeleteFraudster deletes them (destructive, PLAN.md §15).',
  actions: ['delete'], address: `${KEY}\\.deleted-fraudsters$`,
  before: LiveFraudsters, deletes: true,
  operations: operations([DeleteFraudster]),
});
const EnrollmentJobChange = change('enrollment-job', {
  description: 'A run-once speaker enrollment job to start: `after` is its definition.',
  actions: ['start'], address: `${KEY}\\.enrollment-job\\.[^.]+$`,
  after: EnrollmentJobAttributes, deferrable: true,
  operations: operations([StartSpeakerEnrollmentJob]),
});
const FraudsterRegistrationJobChange = change('fraudster-registration-job', {
  description: 'A run-once fraudster registration job to start: `after` is its definition.',
  actions: ['start'], address: `${KEY}\\.fraudster-registration-job\\.[^.]+$`,
  after: FraudsterRegistrationJobAttributes, deferrable: true,
  operations: operations([StartFraudsterRegistrationJob]),
});
const AppliedRecordChange = change('applied-record', {
  description: 'The `voiceid-gitops:applied` tag: what apply last made live (PLAN.md §11).',
  actions: ['create', 'update'], address: `${KEY}\\.applied-record$`,
  before: AppliedRecordAttributes, after: AppliedRecordAttributes,
  operations: operations([TagResource]),
});

const CHANGES = [DomainChange, TagsChange, WatchlistChange, WatchlistMembersChange, OptOutsChange, ErasedSpeakersChange, DeletedFraudstersChange, EnrollmentJobChange, FraudsterRegistrationJobChange, AppliedRecordChange] as const;
/** The resource kinds, each variant's own `kind` in the order of CHANGES (the `kind` enum and `tagged`'s pairs). */
const RESOURCE_KINDS: readonly ResourceKindValue[] = CHANGES.map((c) => c.kind);
const Change = d.define('change', tagged('kind', RESOURCE_KINDS, CHANGES, { description: 'One resource that differs from the desired state; its `kind` says what the other members hold.' }));

const Message = d.define('message', Type.Object({
  code: Type.String({ description: 'Stable machine code: E_* errors, W_* warnings, N_* notes (src/plan/PLAN.md).' }),
  message: Type.String({ description: 'One line; never contains a speaker id.' }),
  address: Type.Optional(Type.String()),
  hint: Type.Optional(Type.String()),
  speakerIds: Type.Optional(Type.Array(Type.String(), { description: 'Speaker ids the message is about (masked in rendered output).' })),
  settled: Type.Optional(exactly(true, { description: 'Old news (a job that ended and asks for nothing): renderers fold it into a count.' })),
}, { additionalProperties: false }));

const DomainTrust = d.define('domainTrust', Type.Object({
  domainKey: Type.String(),
  declared: Type.Integer({ minimum: 0 }),
  trusted: Type.Integer({ minimum: 0 }),
  read: Type.Integer({ minimum: 0 }),
  commit: Type.Optional(Type.String({ pattern: '^[0-9a-f]{7,40}$' })),
  appliedAt: Type.Optional(Type.String()),
  fullCheckAt: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
}, { additionalProperties: false }));

const count = (description?: string) => Type.Integer({ minimum: 0, ...(description ? { description } : {}) });
const Summary = Type.Object({
  add: count(),
  change: count(),
  delete: count(),
  adopt: count(),
  optOut: count('Speakers to opt out (not changes).'),
  jobsToStart: count(),
  deferred: count('Changes Voice ID accepts only later (with `deferred`): the next apply starts them.'),
  blocked: count(),
  outside: count('Changes that also undo a change made outside voiceid-gitops (changes with `changedOutside`).'),
}, { additionalProperties: false, description: 'Counts per action.' });

const PlanDocument = Type.Object({
  formatVersion: exactly(1, { description: 'Version of this document format.' }),
  stack: Type.String({ description: "The desired state's stack: scopes ownership and pruning." }),
  region: Type.String({ description: 'AWS Region the plan was made for.' }),
  prune: Type.Boolean({ description: 'Whether managed domains no longer declared are proposed for deletion.' }),
  targets: Type.Optional(Type.Array(Type.String({ pattern: '^domain\\.[a-zA-Z0-9][a-zA-Z0-9_-]*(\\..+)?$' }), {
    description: 'The `--target` addresses the plan was made with (sorted, unique; src/plan/PLAN.md R12.4): only the changes they select, and what those need, are listed, and warning W_TARGETED says so. Absent for a plan of the whole desired state. `apply --plan FILE` re-plans with these targets; `--target` given there must name the same set (PLAN_OTHER_TARGETS).',
    minItems: 1,
    uniqueItems: true,
  })),
  source: Type.Optional(Type.Object({
    paths: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
  }, {
    additionalProperties: false,
    description: 'What the plan was made from, set by the CLI: the YAML PATHs as given to `plan`, relative to the repository root (the nearest folder above the working directory holding `.git`, else the working directory), with `/` separators. `apply --plan FILE` without PATHs reads these; PATHs that name other files are refused (PLAN_OTHER_PATHS). The stack is `stack`.',
  })),
  redacted: Type.Optional(Type.Boolean({ description: 'Present and true in rendered JSON whose speaker ids are masked: such a document cannot be applied.' })),
  summary: Summary,
  impact: Impact(),
  changes: Type.Array(Change(), { description: 'In execution order; no-op resources are not listed, so an empty array means nothing to do.' }),
  errors: Type.Array(Message(), { description: 'Plan-level errors: apply refuses the plan and the CLI exits 1.' }),
  warnings: Type.Array(Message()),
  notes: Type.Array(Message()),
  trust: Type.Optional(Type.Array(DomainTrust(), {
    description: 'Per managed domain with declared opt-outs: how many ids were trusted as OPTED_OUT on the evidence of the last apply and how many read live, on which evidence or why everything was read (src/plan/PLAN.md §13).',
  })),
  integrity: Type.Optional(Hex64('sha256 (hex) of the canonical plan without this member, set by `plan --out` (src/plan/integrity.ts); `apply --plan` refuses a missing or different digest (PLAN_TAMPERED). Staleness is not a digest: apply re-plans and compares the whole document (APPLY.md A1.7, PLAN_STALE).')),
}, { additionalProperties: false });

/** The shipped document: specs/plan.schema.json. */
export const planSchemaDocument = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://voiceid-gitops.dev/specs/plan.schema.json',
  title: 'voiceid-gitops plan',
  description: 'The plan file written by `voiceid-gitops plan --out FILE` and printed by `--format json` (CONTRACT §5). The saved file holds full values, customer speaker ids included, because `apply --plan FILE` executes exactly its operations; rendered JSON masks speaker ids and says so with `redacted: true`. Rules: src/plan/PLAN.md.',
  ...PlanDocument,
  $defs: d.$defs,
};

export type PlanDocument = Static<typeof PlanDocument>;
export type ChangeDocument = Referred<typeof Change>;
export type OperationDocument = ChangeDocument['operations'][number];
export type MessageDocument = Referred<typeof Message>;
export type ImpactValue = Referred<typeof Impact>;
export type DomainRefDocument = Static<typeof DomainRef>;
export type RunnableActionValue = Action;
export type ResourceKindValue = (typeof CHANGES)[number]['kind'];
