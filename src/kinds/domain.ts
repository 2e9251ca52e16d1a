/**
 * The domain itself (PLAN.md §2, §3, §8; APPLY.md A2.1, A5.2): declared under `domains.<key>` (name, description,
 * kmsKeyId, adopt), found by discovery (src/live/discover.ts), created, adopted, updated or pruned.
 */
import { GitopsError } from '../model/errors.js';
import { PROTECT_TAG } from '../model/desired.js';
import type { Change, UpdateDomainOp } from '../model/plan.js';
import { domainAddress, message } from '../plan/findings.js';
import { planAdopt, planCreate, planOrphan, planUpdate } from '../plan/domain.js';
import { undeclaredUserTags } from '../plan/tags.js';
import { awaitEncryption } from '../apply/wait.js';
import type { ChangeOutcome } from '../apply/types.js';
import { IGNORABLE_ATTRIBUTES, RESERVED_TAG_PREFIX, type IgnoreChange } from '../model/desired.js';
import { compareStrings } from '../model/collections.js';
import { checkConstraint, type Reporter } from '../config/constraint-check.js';
import type { Path } from '../config/locate.js';
import { str } from '../config/unchecked.js';
import type { SchemaKit } from '../model/schema/kit.js';
import { domainRisks } from '../render/risk-lines.js';
import type { ChangeOf } from '../model/plan.js';
import type { ResourceKindModule, YamlCheckInput, YamlPart } from './types.js';
import { kmsIdentity, recordDigest } from '../plan/applied-record.js';

type DomainOps = 'CreateDomain' | 'UpdateDomain' | 'DeleteDomain';

export const domainKind: ResourceKindModule<'domain', DomainOps> = {
  kind: 'domain',
  description: 'a Voice ID domain: name, description, KMS key, ownership tags',
  // R12.4: a domain this plan creates or adopts comes with any target of its domain (ids and ownership come from it).
  address: { shape: 'domain', target: { addresses: (d) => [domainAddress(d.key)], keptWithDomain: (c) => c.action === 'create' || c.action === 'adopt' } },
  destroys: true,
  // R11.4: a domain delete makes nothing live to record.
  record: {
    fields: ['name', 'description', 'kmsKeyId'],
    value: (d, kmsKeys) => ({ name: recordDigest(d.name), description: recordDigest(d.description), kmsKeyId: recordDigest(kmsIdentity(d.kmsKeyId, kmsKeys)) }),
    writes: (c) => c.action !== 'delete',
  },
  // PLAN.md R8.3: a deleted domain's speaker count is for the reviewer; speakers enrolled since do not stale the plan.
  comparable: (c) => {
    if (!c.speakerCount) return c;
    const { speakerCount: _count, ...rest } = c;
    return rest;
  },
  yamlMembers: ['name', 'description', 'kmsKeyId', 'adopt', 'protect', 'ignoreChanges'],
  yaml: {
    schema: domainYaml,
    check: checkDomainYaml,
    write: (d) => ({
      name: d.name === d.key ? undefined : d.name, description: d.description, kmsKeyId: d.kmsKeyId, adopt: d.adopt, protect: d.protect,
      ignoreChanges: d.ignoreChanges ? [...d.ignoreChanges] : undefined,
    }),
  },
  plan: ({ match, desired: d, record, ctx }) => {
    if (match.kind === 'new') {
      planCreate(d, ctx);
      return 'continue';
    }
    if (!match.live.details) {
      // R1.6: without details we could create duplicate watchlists or restart jobs.
      ctx.out.errors.push(message('E_LIVE_INCOMPLETE', `details of domain ${match.live.domainId} were not read`, { address: domainAddress(d.key) }));
      return 'stop';
    }
    if (match.kind === 'adopt') planAdopt(d, match.live, ctx, undeclaredUserTags(d, match.live));
    else planUpdate(d, match.live, ctx, record);
    return 'continue';
  },
  orphan: (key, live, prune, ctx) => planOrphan(key, live, prune, ctx),
  apply: {
    operations: {
      CreateDomain: {
        run: async (op, { api, state, address }) => {
          const res = await api.createDomain(op.input);
          const id = res.Domain?.DomainId;
          if (!id) throw new GitopsError('APPLY_NO_ID', 'Voice ID CreateDomain answered without a DomainId', 'aws');
          state.setRef(address, id, res.Domain?.Arn);
          return undefined;
        },
      },
      UpdateDomain: {
        run: async (op, { api, address }) => {
          await api.updateDomain(op.input);
          return { kind: 'domain-updated', address, domainId: op.input.DomainId, kmsKeyId: op.input.ServerSideEncryptionConfiguration.KmsKeyId };
        },
      },
      DeleteDomain: {
        run: async (op, { api }) => {
          await api.deleteDomain(op.input);
          return undefined;
        },
      },
    },
    after: [],
    // A2.1: deletes last, one at a time (DeleteDomain shares the 2 TPS domain bucket anyway).
    last: (c) => c.action === 'delete',
    prerequisite: domainPrerequisite,
    deferred: (change) => {
      const update = deferredUpdate(change);
      if (!update) return undefined;
      return {
        await: (ctx) => awaitEncryption(update.input.DomainId, change.address, update.input.ServerSideEncryptionConfiguration.KmsKeyId, ctx),
        operations: [update],
        notDone: 'deferred KMS change not made',
      };
    },
  },
  render: { risks: (c) => domainRisks(c as ChangeOf<'domain'>) },
  export: ({ live, managed }) => ({
    name: live.name,
    ...(live.description !== undefined ? { description: live.description } : {}),
    kmsKeyId: live.kmsKeyId,
    // A domain nobody owns is declared for adoption; a managed one is found by its ownership tags.
    ...(managed ? {} : { adopt: live.domainId }),
    // PLAN.md R12.1: a protected domain stays protected when its export is planned (absent would remove the tag).
    ...(Object.hasOwn(live.tags, PROTECT_TAG) ? { protect: true } : {}),
  }),
  iam: [
    { action: 'voiceid:ListDomains', role: 'plan', resource: 'any', why: 'find the managed domains' },
    { action: 'voiceid:DescribeDomain', role: 'plan', resource: 'voiceid-domain', why: 'name, description, KMS key, re-encryption status' },
    { action: 'tag:GetResources', role: 'plan', resource: 'any', why: 'find domains by their ownership tags' },
    { action: 'kms:DescribeKey', role: 'plan', resource: 'kms-key', why: 'compare key id, key ARN and alias spellings' },
    // CreateDomain with Tags is also authorised as voiceid:TagResource (Service Authorization Reference): tags owns it.
    { action: 'voiceid:CreateDomain', role: 'apply', resource: 'any', why: 'create declared domains' },
    { action: 'voiceid:UpdateDomain', role: 'apply', resource: 'voiceid-domain', why: 'name, description, KMS key' },
    { action: 'voiceid:DeleteDomain', role: 'apply', resource: 'voiceid-domain', why: 'prune: true with apply --allow-delete' },
    // Voice ID uses the caller's identity to create a grant on the domain key and to decrypt with it.
    { action: 'kms:CreateGrant', role: 'apply', resource: 'kms-key', why: 'CreateDomain / UpdateDomain with a KMS key' },
    { action: 'kms:Decrypt', role: 'apply', resource: 'kms-key', why: 'Voice ID calls on encrypted domains' },
  ],
};

/**
 * Why the rest of a domain cannot run after its domain change, if it cannot: a create that did not answer leaves
 * no DomainId; an adopt that did not finish leaves the domain not (fully) owned. A failed update blocks nothing.
 */
function domainPrerequisite(domain: Change, outcome: ChangeOutcome): string | undefined {
  if (outcome.status === 'applied' || (domain.action !== 'create' && domain.action !== 'adopt')) return undefined;
  return `dependency failed: ${domain.address} was not applied`;
}

/** A5.2: the UpdateDomain a deferred KMS change keeps; undefined when not a deferred domain update. */
function deferredUpdate(change: Change): UpdateDomainOp | undefined {
  if (!change.deferred || change.action !== 'update' || !change.domainId) return undefined;
  return change.operations.find((op): op is UpdateDomainOp => op.kind === 'UpdateDomain');
}

function checkDomainYaml({ r, key, doc, path }: YamlCheckInput): YamlPart {
  const fields = [['name', 'DomainName'], ['description', 'Description'], ['kmsKeyId', 'KmsKeyId'], ['adopt', 'DomainId']] as const;
  for (const [field, shape] of fields) checkConstraint(r, shape, doc[field], [...path, field]);
  const description = str(doc['description']);
  const adopt = str(doc['adopt']);
  const protect = typeof doc['protect'] === 'boolean' ? doc['protect'] : undefined;
  const ignoreChanges = checkIgnoreChanges(r, doc['ignoreChanges'], [...path, 'ignoreChanges']);
  return {
    domain: {
      name: str(doc['name']) ?? key,
      ...(description === undefined ? {} : { description }),
      kmsKeyId: str(doc['kmsKeyId']) ?? '',
      ...(adopt === undefined ? {} : { adopt }),
      ...(protect === undefined ? {} : { protect }),
      ...(ignoreChanges === undefined ? {} : { ignoreChanges }),
    },
  };
}

/** R12.3: each entry one of IGNORABLE_ATTRIBUTES or `tags.KEY` (KEY a user tag key), listed once. */
function checkIgnoreChanges(r: Reporter, raw: unknown, path: Path): IgnoreChange[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const seen = new Map<string, number>();
  raw.forEach((entry: unknown, i) => {
    if (typeof entry !== 'string') return; // the schema reports the type
    const p = [...path, i];
    const tagKey = entry.startsWith('tags.') ? entry.slice('tags.'.length) : undefined;
    if (tagKey === undefined && !(IGNORABLE_ATTRIBUTES as readonly string[]).includes(entry)) {
      r.report('E_IGNORE_CHANGES', `ignoreChanges entry ${JSON.stringify(entry)} is not an attribute: use ${IGNORABLE_ATTRIBUTES.join(', ')} or "tags.KEY"`, p);
      return;
    }
    if (tagKey !== undefined && tagKey.startsWith(RESERVED_TAG_PREFIX)) {
      r.report('E_IGNORE_CHANGES', `ignoreChanges entry ${JSON.stringify(entry)} names a voiceid-gitops tag: only user tags can be ignored`, p);
      return;
    }
    if (tagKey !== undefined && !checkConstraint(r, 'TagKey', tagKey, p, { label: 'ignored tag key' })) return;
    const first = seen.get(entry);
    if (first !== undefined) r.report('E_IGNORE_CHANGES', `ignoreChanges lists ${JSON.stringify(entry)} twice (first as item ${first + 1})`, p);
    else seen.set(entry, i);
  });
  return [...seen.keys()].sort(compareStrings) as IgnoreChange[];
}

/** Its section of the YAML format (src/model/schema/desired-state.ts composes the kinds' sections). */
export function domainYaml(k: SchemaKit) {
  return {
    name: k.Type.Optional(k.defs.DomainName({
      description: "Domain name (default: the domain's key). Voice ID does not require names to be unique.",
      examples: ['support-prod'],
    })),
    description: k.Type.Optional(k.defs.Description({
      description: 'Domain description. Absent means no description: a live description is removed.',
      examples: ['Production support line'],
    })),
    kmsKeyId: k.defs.KmsKeyId({
      description: "Customer-managed symmetric KMS key that encrypts the domain's data: key id, key ARN, alias name or alias ARN. Changing it starts an asynchronous re-encryption.",
      examples: ['alias/voiceid', 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
    }),
    adopt: k.Type.Optional(k.defs.DomainId({
      description: 'Id of an existing domain that carries no ownership tags: the next apply takes it over instead of creating a new domain.',
      examples: ['AbCdEfGhIjKlMnOpQrStUv'],
    })),
    protect: k.Type.Optional(k.Type.Boolean({
      description: 'When true, apply records deletion protection on the domain (tag `voiceid-gitops:protect`): a plan that would delete it fails with E_PROTECTED, whatever `prune` and `--allow-delete` say, even once the domain is removed from the YAML. To delete it, apply it with `protect: false` first. Absent means false.',
      examples: [true],
    })),
    ignoreChanges: k.Type.Optional(k.Type.Array(k.defs.IgnoreChange(), {
      description: 'Attributes set on create and then left as they are live: never planned, never reported as drift. `tags.KEY` names one user tag. UpdateDomain (sent for another attribute) carries the live value of an ignored one.',
      uniqueItems: true,
      examples: [['description', 'tags.owner']],
    })),
  };
}
