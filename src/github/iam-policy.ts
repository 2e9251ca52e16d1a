/**
 * Least-privilege IAM policy documents built from the actions the resource kinds call (src/kinds/registry.ts
 * `iamActionsFor`, passed in), so the policy a user attaches and the calls the tool makes cannot drift apart.
 * Pure: options in, JSON document out.
 */
import { APPLIED_RECORD_TAG } from '../model/desired.js';
import type { IamActionSpec, IamResourceKind } from '../model/iam-actions.js';

export interface IamPolicyOptions {
  /** The actions the role needs (src/kinds/registry.ts `iamActionsFor(role)`). */
  readonly actions: readonly IamActionSpec[];
  /** `aws`, `aws-us-gov`, `aws-cn`. */
  readonly partition?: string;
  /** Default `*` (every Region). */
  readonly region?: string;
  /** Default `*` (the account the role lives in is the only one it can reach anyway). */
  readonly accountId?: string;
  /** The domains' KMS keys (key ARNs); default every key of the account and Region. */
  readonly kmsKeyArns?: readonly string[];
  /** Data access roles of batch jobs (iam:PassRole); default every role of the account, passed only to Voice ID. */
  readonly jobRoleArns?: readonly string[];
}

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

export function iamPolicy(options: IamPolicyOptions): PolicyDocument {
  const p = options.partition ?? 'aws';
  const region = options.region ?? '*';
  const account = options.accountId ?? '*';
  const resources: Record<IamResourceKind, readonly string[]> = {
    any: ['*'],
    'voiceid-domain': [`arn:${p}:voiceid:${region}:${account}:domain/*`],
    'voiceid-domain-record-tag': [`arn:${p}:voiceid:${region}:${account}:domain/*`],
    'kms-key': nonEmpty(options.kmsKeyArns) ?? [`arn:${p}:kms:${region}:${account}:key/*`],
    'job-role': nonEmpty(options.jobRoleArns) ?? [`arn:${p}:iam::${account}:role/*`],
  };
  const actions = options.actions;
  const pick = (kind: IamResourceKind, filter: (action: string) => boolean = () => true): string[] =>
    actions.filter((a) => a.resource === kind && filter(a.action)).map((a) => a.action);
  // Voice ID creates its grant and decrypts with the caller's identity, so these two only work through Voice ID.
  const viaVoiceId = (action: string): boolean => action === 'kms:CreateGrant' || action === 'kms:Decrypt';
  const candidates: PolicyStatement[] = [
    statement('VoiceIdAccountLevel', pick('any'), resources.any),
    statement('VoiceIdDomains', pick('voiceid-domain'), resources['voiceid-domain']),
    // PLAN.md R13.7: the plan role tags only the last-applied record (a role granted TagResource above needs none).
    statement('VoiceIdRecordFullCheck', pick('voiceid-domain-record-tag', (a) => !pick('voiceid-domain').includes(a)), resources['voiceid-domain-record-tag'], {
      'ForAllValues:StringEquals': { 'aws:TagKeys': APPLIED_RECORD_TAG },
    }),
    statement('KmsDescribeDomainKeys', pick('kms-key', (a) => !viaVoiceId(a)), resources['kms-key']),
    statement('KmsUseDomainKeysThroughVoiceId', pick('kms-key', viaVoiceId), resources['kms-key'], {
      StringLike: { 'kms:ViaService': `voiceid.${region}.amazonaws.com` },
    }),
    statement('PassBatchJobRoleToVoiceId', pick('job-role'), resources['job-role'], {
      StringEquals: { 'iam:PassedToService': 'voiceid.amazonaws.com' },
    }),
  ];
  return { Version: '2012-10-17', Statement: candidates.filter((s) => s.Action.length > 0) };
}

function statement(
  Sid: string,
  Action: readonly string[],
  resources: readonly string[],
  Condition?: PolicyStatement['Condition'],
): PolicyStatement {
  const Resource = resources.length === 1 ? (resources[0] as string) : resources;
  const sorted = [...Action].sort();
  return Condition ? { Sid, Effect: 'Allow', Action: sorted, Resource, Condition } : { Sid, Effect: 'Allow', Action: sorted, Resource };
}

function nonEmpty(list: readonly string[] | undefined): readonly string[] | undefined {
  return list && list.length > 0 ? list : undefined;
}
