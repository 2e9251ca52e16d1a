/**
 * The last-applied record (PLAN.md §11): tag `voiceid-gitops:applied` on a managed domain holds one short digest per
 * managed attribute of what apply last made live. Comparing desired / recorded / live tells a change the YAML makes
 * from one made outside voiceid-gitops, without a state file (like kubectl's last-applied configuration).
 */
import { createHash } from 'node:crypto';
import type { DesiredDomain } from '../model/desired.js';
import { APPLIED_RECORD_TAG, RESERVED_TAG_PREFIX } from '../model/desired.js';
import type { LiveDomain } from '../model/live.js';
import type { DomainIdValue } from '../model/plan.js';
import { resourceAddress } from '../model/plan.js';
import { canonicalJson } from './canonical.js';
import type { Findings } from './findings.js';
import { domainAddress, makeChange } from './findings.js';
import { KIND_ORDER, kindModule } from '../kinds/registry.js';

const VERSION = 'v1';
const DIGEST_CHARS = 10;

/** Field names of the record, in the order they are written. Later versions add fields; readers ignore unknown ones. */
export const RECORD_FIELDS = { name: 'n', description: 'd', kmsKeyId: 'k', tags: 't', optedOutSpeakers: 'o', erasedSpeakers: 'e' } as const;
export type RecordedAttribute = keyof typeof RECORD_FIELDS;

/** Recorded attribute -> digest; an attribute absent here is not known. */
export type AppliedRecord = Partial<Record<RecordedAttribute, string>>;

/** 10 base64url characters (60 bits) of sha256: enough to tell values apart, allowed by the Tag value pattern. */
export function recordDigest(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value ?? null)).digest('base64url').slice(0, DIGEST_CHARS);
}

/** R13.1: what the record proves about the opt-outs, after the digests. Times: seconds since 1970, base36. */
export const EVIDENCE_FIELDS = { commit: 'c', appliedAt: 'a', fullCheckAt: 'f' } as const;
export interface RecordEvidence {
  readonly commit?: string;
  readonly appliedAt?: number;
  readonly fullCheckAt?: number;
}

export function formatRecord(r: AppliedRecord, evidence: RecordEvidence = {}): string {
  const fields = (Object.keys(RECORD_FIELDS) as RecordedAttribute[]).filter((a) => r[a] !== undefined).map((a) => `${RECORD_FIELDS[a]}=${r[a]!}`);
  const proof = [
    ...(evidence.commit !== undefined ? [`c=${evidence.commit}`] : []),
    ...(evidence.appliedAt !== undefined ? [`a=${Math.floor(evidence.appliedAt).toString(36)}`] : []),
    ...(evidence.fullCheckAt !== undefined ? [`f=${Math.floor(evidence.fullCheckAt).toString(36)}`] : []),
  ];
  return [VERSION, ...fields, ...proof].join(' ');
}

function recordFields(value: string | undefined): Map<string, string> | undefined {
  if (value === undefined) return undefined;
  const [version, ...fields] = value.split(' ').filter((f) => f.length > 0);
  if (version !== VERSION) return undefined;
  return new Map(fields.map((f) => [f.slice(0, f.indexOf('=')), f.slice(f.indexOf('=') + 1)] as const));
}

/** R13.1: the evidence fields of a record value; a malformed field counts as absent. */
export function parseEvidence(value: string | undefined): RecordEvidence {
  const byField = recordFields(value);
  if (!byField) return {};
  const commit = byField.get(EVIDENCE_FIELDS.commit);
  const time = (f: string): number | undefined => {
    const v = byField.get(f);
    return v !== undefined && /^[0-9a-z]{1,9}$/.test(v) ? parseInt(v, 36) : undefined;
  };
  const appliedAt = time(EVIDENCE_FIELDS.appliedAt);
  const fullCheckAt = time(EVIDENCE_FIELDS.fullCheckAt);
  return {
    ...(commit !== undefined && /^[0-9a-f]{7,40}$/.test(commit) ? { commit } : {}),
    ...(appliedAt !== undefined ? { appliedAt } : {}),
    ...(fullCheckAt !== undefined ? { fullCheckAt } : {}),
  };
}

/** R13.6: a record value without its evidence fields (the applying run's own commit and clock). */
export function withoutEvidence(value: string): string {
  const evidence = new Set<string>(Object.values(EVIDENCE_FIELDS));
  return value.split(' ').filter((f) => !evidence.has(f.slice(0, f.indexOf('=')))).join(' ');
}

/** R11.1: undefined when the tag is absent or not a record this version can read (then nothing is labelled). */
export function parseRecord(value: string | undefined): AppliedRecord | undefined {
  const byField = recordFields(value);
  if (!byField) return undefined;
  const out: AppliedRecord = {};
  for (const a of Object.keys(RECORD_FIELDS) as RecordedAttribute[]) {
    const v = byField.get(RECORD_FIELDS[a]);
    if (v !== undefined && v.length > 0) out[a] = v;
  }
  return out;
}

export function liveRecord(l: LiveDomain): AppliedRecord | undefined {
  return parseRecord(Object.hasOwn(l.tags, APPLIED_RECORD_TAG) ? l.tags[APPLIED_RECORD_TAG] : undefined);
}

/** The KMS key as recorded: the key ARN when KMS resolved the spelling (two spellings of one key are one key). */
export function kmsIdentity(spelling: string, kmsKeys: Readonly<Record<string, string>>): string {
  return Object.hasOwn(kmsKeys, spelling) ? (kmsKeys[spelling] as string) : spelling;
}

/** User tags only (the reserved ones are voiceid-gitops' own), sorted, without the keys `ignoreChanges` names (R12.3). */
export function recordedTags(tags: Readonly<Record<string, string>>, ignoredKeys: readonly string[] = []): Record<string, string> {
  const ignored = new Set(ignoredKeys);
  return Object.fromEntries(Object.keys(tags).sort().filter((k) => !k.startsWith(RESERVED_TAG_PREFIX) && !ignored.has(k)).map((k) => [k, tags[k] as string]));
}

export const optOutSet = (ids: readonly string[]): string[] => [...new Set(ids)].sort();

/** R11.2: the attributes among `differing` whose live value is not the one recorded. */
export function changedOutside(record: AppliedRecord | undefined, live: Partial<Record<RecordedAttribute, unknown>>, differing: readonly RecordedAttribute[]): RecordedAttribute[] {
  if (!record) return [];
  return differing.filter((a) => record[a] !== undefined && recordDigest(live[a]) !== record[a]);
}

/** R11.3: the declared list is the one the last apply fully opted out, so pending ids changed outside. */
export function optOutsChangedOutside(record: AppliedRecord | undefined, declared: readonly string[]): boolean {
  return record?.optedOutSpeakers !== undefined && record.optedOutSpeakers === recordDigest(optOutSet(declared));
}

/** R15.6: the declared erasure list is the one the last apply erased, so a speaker live again came back outside. */
export function erasuresChangedOutside(record: AppliedRecord | undefined, declared: readonly string[]): boolean {
  return record?.erasedSpeakers !== undefined && record.erasedSpeakers === recordDigest(optOutSet(declared));
}

export interface RecordContext {
  readonly desired: DesiredDomain;
  /** Absent for a domain this plan creates. */
  readonly live?: LiveDomain;
  /** Absent for creates and adopts: an adopt target's record is not ours to trust. */
  readonly record?: AppliedRecord;
  readonly domainId: DomainIdValue;
  readonly kmsKeys: Readonly<Record<string, string>>;
  readonly out: Findings;
  /** Kinds of this domain's changes a targeted plan left out (R12.4): their fields keep the recorded value. */
  readonly unselected?: ReadonlySet<string>;
  /** R13.2: the evidence to write with the record; `force` records it even without another change. */
  readonly evidence?: RecordEvidence & { readonly force?: boolean };
}

/** R11.4: the record change, last of its domain, when the plan makes a recorded attribute live. */
export function planRecord(ctx: RecordContext): void {
  const { desired: d, out } = ctx;
  const mine = out.changes.filter((c) => c.domainKey === d.key);
  // Each kind's module owns its fields of the record (src/kinds/types.ts `record`), in registry order.
  const parts = KIND_ORDER.flatMap((kind) => {
    const record = kindModule(kind).record;
    return record ? [{ kind, record, changes: mine.filter((c) => c.kind === kind) }] : [];
  });
  const recorded = parts.some(({ record, changes }) => changes.some((c) => c.deferred === undefined && (record.writes?.(c) ?? true)));
  const { force = false, ...evidence } = ctx.evidence ?? {};
  if (!recorded && !force) return;
  const unselected = ctx.unselected ?? new Set<string>();
  let next: AppliedRecord = {};
  for (const { kind, record, changes } of parts) {
    // A deferred change or one a targeted plan left out does not make its fields live now: they keep their value.
    const keep = unselected.has(kind) || changes.some((c) => c.deferred !== undefined);
    next = { ...next, ...(keep ? pick(ctx.record, record.fields) : record.value(d, ctx.kmsKeys)) };
  }
  const value = formatRecord(next, evidence);
  const current = ctx.live && Object.hasOwn(ctx.live.tags, APPLIED_RECORD_TAG) ? ctx.live.tags[APPLIED_RECORD_TAG] : undefined;
  // R13.2: evidence alone (a newer commit or clock) rewrites nothing, unless forced or the record has none yet.
  const lacksEvidence = ctx.evidence !== undefined && parseEvidence(current).fullCheckAt === undefined;
  if (current !== undefined && withoutEvidence(value) === withoutEvidence(current) && !force && !lacksEvidence) return;
  if (value === current) return;
  const address = resourceAddress(d.key, 'applied-record');
  out.changes.push(
    makeChange({
      address,
      kind: 'applied-record',
      action: current === undefined ? 'create' : 'update',
      domainKey: d.key,
      domainId: ctx.domainId,
      ...(current === undefined ? {} : { before: { [APPLIED_RECORD_TAG]: current } }),
      after: { [APPLIED_RECORD_TAG]: value },
      operations: [{ kind: 'TagResource', input: { ResourceArn: ctx.live ? ctx.live.arn : { ref: domainAddress(d.key) }, Tags: [{ Key: APPLIED_RECORD_TAG, Value: value }] } }],
      reasons: ['records what this apply makes live, so the next plan can tell changes made outside voiceid-gitops'],
    }),
  );
}

function pick(r: AppliedRecord | undefined, keys: readonly RecordedAttribute[]): AppliedRecord {
  const out: AppliedRecord = {};
  for (const k of keys) if (r?.[k] !== undefined) out[k] = r[k];
  return out;
}
