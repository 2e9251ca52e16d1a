/** The domain resource itself (PLAN.md §2, §3, §8): create, adopt, UpdateDomain, prune. */
import type { DesiredDomain } from '../model/desired.js';
import { OWNER_KEY_TAG, OWNER_STACK_TAG, PROTECT_TAG, PROTECT_TAG_VALUE } from '../model/desired.js';
import type { LiveDomain } from '../model/live.js';
import type { ApiTag, UpdateDomainOp } from '../model/plan.js';
import { clientToken } from './canonical.js';
import type { Findings } from './findings.js';
import { attrs, domainAddress, makeChange, message, sortedRecord } from './findings.js';
import type { AppliedRecord, RecordedAttribute } from './applied-record.js';
import { changedOutside, kmsIdentity } from './applied-record.js';
import { compareKmsKeys } from './kms.js';
import { isProtected } from '../model/ownership.js';

export interface DomainPlanContext {
  readonly stack: string;
  readonly kmsKeys: Readonly<Record<string, string>>;
  /** Every live domain, SUSPENDED included (a deleted predecessor changes the ClientToken of a re-create). */
  readonly liveDomains: readonly LiveDomain[];
  readonly out: Findings;
}

export const KMS_REASON =
  'KMS key change: Voice ID re-encrypts existing data asynchronously; it stays under the old key until the ' +
  're-encryption completes, so keep the old key enabled until then';

export function ownershipTags(stack: string, key: string): Record<string, string> {
  return { [OWNER_KEY_TAG]: key, [OWNER_STACK_TAG]: stack };
}

export function apiTags(tags: Readonly<Record<string, string>>): ApiTag[] {
  return Object.keys(tags)
    .sort()
    .map((Key) => ({ Key, Value: tags[Key] as string }));
}

const triple = (x: { name: string; description?: string; kmsKeyId: string }) =>
  attrs({ name: x.name, description: x.description, kmsKeyId: x.kmsKeyId });

/**
 * SUSPENDED (deleted) domains this create may be re-creating: same name, or our ownership tags. Voice ID remembers
 * a ClientToken for at least 24 h and answers a replay with the original, now deleted, domain; putting the deleted
 * predecessors into the token makes a re-create a new request, while a crash-and-rerun still sees the same ones.
 */
function suspendedPredecessors(d: DesiredDomain, ctx: DomainPlanContext): string[] {
  return ctx.liveDomains
    .filter((l) => l.status === 'SUSPENDED' && (l.name === d.name || (l.tags[OWNER_STACK_TAG] === ctx.stack && l.tags[OWNER_KEY_TAG] === d.key)))
    .map((l) => l.domainId)
    .sort();
}

/** R8.1: CreateDomain with every tag (ownership included) and a deterministic ClientToken. */
export function planCreate(d: DesiredDomain, ctx: DomainPlanContext): void {
  const address = domainAddress(d.key);
  // R12.1: a protected domain is protected from its first instant, like it is owned.
  const tags = sortedRecord({ ...d.tags, ...ownershipTags(ctx.stack, d.key), ...(d.protect === true ? { [PROTECT_TAG]: PROTECT_TAG_VALUE } : {}) });
  const predecessors = suspendedPredecessors(d, ctx);
  const content = { name: d.name, description: d.description, kmsKeyId: d.kmsKeyId, tags, ...(predecessors.length > 0 ? { predecessors } : {}) };
  ctx.out.changes.push(
    makeChange({
      address,
      kind: 'domain',
      action: 'create',
      domainKey: d.key,
      domainId: { ref: address },
      after: attrs({ ...triple(d), tags }),
      operations: [
        {
          kind: 'CreateDomain',
          input: {
            Name: d.name,
            ...(d.description === undefined ? {} : { Description: d.description }),
            ServerSideEncryptionConfiguration: { KmsKeyId: d.kmsKeyId },
            Tags: apiTags(tags),
            ClientToken: clientToken(ctx.stack, address, content),
          },
        },
      ],
    }),
  );
}

interface UpdateDecision {
  readonly needed: boolean;
  /** The triple's attributes whose live value differs from the YAML. */
  readonly differing: readonly RecordedAttribute[];
  readonly reasons: readonly string[];
  readonly deferredReason?: string;
}

/** R3.1–R3.5: whether an UpdateDomain is needed, and whether it must wait for a running re-encryption. */
function decideUpdate(d: DesiredDomain, l: LiveDomain, ctx: DomainPlanContext): UpdateDecision {
  const address = domainAddress(d.key);
  const kms = compareKmsKeys(d.kmsKeyId, l.kmsKeyId, ctx.kmsKeys);
  const status = l.encryptionUpdate?.status;
  const reasons: string[] = [];
  if (!kms.same) {
    reasons.push(KMS_REASON);
    if (kms.textual) {
      ctx.out.warnings.push(
        message('W_KMS_UNRESOLVED', `KMS could not resolve ${kms.unresolved.map((k) => `"${k}"`).join(' and ')}; the keys were compared as text, so this may be two spellings of one key`, { address, hint: 'allow kms:DescribeKey on the key (and its alias) to compare keys exactly; `voiceid-gitops iam-policy --mode plan` prints a plan-role policy that does' }),
      );
    }
  }
  if (status === 'FAILED') {
    const why = l.encryptionUpdate?.message ? `: ${l.encryptionUpdate.message}` : '';
    ctx.out.warnings.push(
      message('W_REENCRYPTION_FAILED', `the last KMS re-encryption of ${l.domainId} FAILED${why}`, {
        address,
        hint: 'make both keys accessible; applying this plan retries the re-encryption',
      }),
    );
    reasons.push('retries the failed KMS re-encryption (UpdateDomain with the current key configuration)');
  }
  if (status === 'IN_PROGRESS' && kms.same) {
    ctx.out.notes.push(
      message('N_REENCRYPTION_IN_PROGRESS', `KMS re-encryption of ${l.domainId} is IN_PROGRESS${l.encryptionUpdate?.oldKmsKeyId ? ` (from ${l.encryptionUpdate.oldKmsKeyId})` : ''}; keep the old key enabled until it completes`, { address }),
    );
  }
  const needed = l.name !== d.name || l.description !== d.description || !kms.same || status === 'FAILED';
  const deferredReason =
    status === 'IN_PROGRESS' && !kms.same
      ? `a KMS re-encryption is IN_PROGRESS${l.encryptionUpdate?.oldKmsKeyId ? ` (from ${l.encryptionUpdate.oldKmsKeyId})` : ''}; Voice ID refuses another key change until it completes: re-run after it completes, or apply --wait`
      : undefined;
  const differing: RecordedAttribute[] = [
    ...(l.name !== d.name ? (['name'] as const) : []),
    ...(l.description !== d.description ? (['description'] as const) : []),
    ...(kms.same ? [] : (['kmsKeyId'] as const)),
  ];
  return { needed, differing, reasons, ...(deferredReason ? { deferredReason } : {}) };
}

function updateOp(d: DesiredDomain, l: LiveDomain): UpdateDomainOp {
  return {
    kind: 'UpdateDomain',
    input: {
      DomainId: l.domainId,
      Name: d.name,
      ...(d.description === undefined ? {} : { Description: d.description }),
      ServerSideEncryptionConfiguration: { KmsKeyId: d.kmsKeyId },
    },
  };
}

/** A managed domain: one clobber-safe UpdateDomain when needed (R3). */
export function planUpdate(d: DesiredDomain, l: LiveDomain, ctx: DomainPlanContext, record?: AppliedRecord): void {
  const decision = decideUpdate(d, l, ctx);
  if (!decision.needed) return;
  // R11.2: which of the differing attributes are not what voiceid-gitops last set.
  const live = { name: l.name, description: l.description, kmsKeyId: kmsIdentity(l.kmsKeyId, ctx.kmsKeys) };
  const outside = changedOutside(record, live, decision.differing);
  ctx.out.changes.push(
    makeChange({
      address: domainAddress(d.key),
      kind: 'domain',
      action: 'update',
      domainKey: d.key,
      domainId: l.domainId,
      before: triple(l),
      after: triple(d),
      operations: [updateOp(d, l)],
      reasons: decision.reasons,
      ...(decision.deferredReason ? { deferred: { reason: decision.deferredReason } } : {}),
      ...(outside.length > 0 ? { changedOutside: outside } : {}),
    }),
  );
}

/**
 * R2.3: undeclared user tags removed, then the ownership tags, then the attribute update if any (a deferred key change
 * waits for a later run). Removing first keeps a domain near the 50-tag limit under it while it gains the 2 tags.
 */
export function planAdopt(d: DesiredDomain, l: LiveDomain, ctx: DomainPlanContext, undeclared: Readonly<Record<string, string>> = {}): void {
  const address = domainAddress(d.key);
  const decision = decideUpdate(d, l, ctx);
  const runUpdate = decision.needed && decision.deferredReason === undefined;
  if (decision.deferredReason) {
    ctx.out.warnings.push(
      message('W_KMS_DEFERRED', `a KMS re-encryption of ${l.domainId} is IN_PROGRESS: the adoption proceeds now, the attribute update (a new KMS key) waits`, {
        address,
        hint: 'plan and apply again once the re-encryption has completed',
      }),
    );
  }
  const ownership = ownershipTags(ctx.stack, d.key);
  const removed = Object.keys(undeclared).sort();
  ctx.out.changes.push(
    makeChange({
      address,
      kind: 'domain',
      action: 'adopt',
      domainKey: d.key,
      domainId: l.domainId,
      before: attrs({ ...triple(l), ...(removed.length > 0 ? { undeclaredTags: undeclared } : {}) }),
      after: attrs({ ...(runUpdate ? triple(d) : triple(l)), ownership }),
      operations: [
        ...(removed.length > 0 ? [{ kind: 'UntagResource' as const, input: { ResourceArn: l.arn, TagKeys: removed } }] : []),
        { kind: 'TagResource' as const, input: { ResourceArn: l.arn, Tags: apiTags(ownership) } },
        ...(runUpdate ? [updateOp(d, l)] : []),
      ],
      reasons: [
        `takes over existing domain ${l.domainId} by adding the ownership tags`,
        ...(removed.length > 0 ? ['first removes the user tags the YAML does not declare, so the domain never holds more than its 50 tags'] : []),
        ...(runUpdate ? decision.reasons : []),
      ],
    }),
  );
}

/** R8.2: managed domains no longer declared. */
export function planOrphan(key: string, l: LiveDomain, prune: boolean, ctx: DomainPlanContext): void {
  const address = domainAddress(key);
  const protectedNote = isProtected(l) ? ' (it is also protected: protect: true)' : '';
  if (!prune) {
    ctx.out.notes.push(
      message('N_PRUNE_DISABLED', `managed domain ${l.domainId} ("${key}") is no longer declared; left alone because prune is false${protectedNote}`, { address }),
    );
    return;
  }
  if (isProtected(l)) {
    // R12.2: recorded on the domain, so removing it from the YAML does not lift the protection.
    ctx.out.errors.push(
      message('E_PROTECTED', `domain ${l.domainId} ("${key}") is protected (tag ${PROTECT_TAG}) and cannot be deleted, whatever prune and --allow-delete say`, {
        address,
        hint: `to delete it, declare domain "${key}" again with \`protect: false\`, apply, then remove it; to keep it, declare it again`,
      }),
    );
    return;
  }
  ctx.out.changes.push(
    makeChange({
      address,
      kind: 'domain',
      action: 'delete',
      domainKey: key,
      domainId: l.domainId,
      before: attrs({ ...triple(l), tags: sortedRecord(l.tags) }),
      ...(l.speakerCount ? { speakerCount: { listed: l.speakerCount.listed, complete: l.speakerCount.complete } } : {}),
      operations: [{ kind: 'DeleteDomain', input: { DomainId: l.domainId } }],
      reasons: [
        'no longer declared and prune is true',
        'deletes the domain with all its speakers, fraudsters and voiceprints (SUSPENDED 30 days, restorable only through AWS Support)',
        'apply refuses it without --allow-delete',
      ],
    }),
  );
}
