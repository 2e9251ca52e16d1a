/**
 * Every IAM action the tool needs, in one table: `iam-policy` prints least-privilege policies from it, and a test
 * checks that every operation the live reader and apply engine call is listed here (so a new API call cannot
 * ship without its permission). `plan` actions are read-only; the apply role gets `plan` + `apply` actions.
 */

/** Which role needs the action: `plan` (read-only: plan, drift, export) or `apply` (adds the writes). */
export type IamRole = 'plan' | 'apply';

/** What the statement's Resource must name (resolved to ARNs by the policy generator). */
export type IamResourceKind =
  | 'any' //          the action supports no resource-level permission (Resource "*")
  | 'voiceid-domain' // arn:PARTITION:voiceid:REGION:ACCOUNT:domain/*
  | 'kms-key' //      the domains' customer-managed keys
  | 'job-role'; //    the batch jobs' data access role (iam:PassRole)

export interface IamActionSpec {
  /** `service:Action`, exactly as IAM spells it. */
  readonly action: string;
  readonly role: IamRole;
  readonly resource: IamResourceKind;
  /** Why the tool calls it (shown by `iam-policy --explain`-style docs and reviewed in PRs). */
  readonly why: string;
}

export const IAM_ACTIONS: readonly IamActionSpec[] = [
  // Read: live state for plan, drift detection, export and the stale-plan check of apply --plan.
  { action: 'voiceid:ListDomains', role: 'plan', resource: 'any', why: 'find the managed domains' },
  { action: 'voiceid:DescribeDomain', role: 'plan', resource: 'voiceid-domain', why: 'name, description, KMS key, re-encryption status' },
  { action: 'voiceid:ListTagsForResource', role: 'plan', resource: 'voiceid-domain', why: 'ownership and user tags' },
  { action: 'voiceid:ListSpeakers', role: 'plan', resource: 'voiceid-domain', why: 'opted-out speakers' },
  { action: 'voiceid:DescribeSpeaker', role: 'plan', resource: 'voiceid-domain', why: 'status of one declared speaker' },
  { action: 'voiceid:ListWatchlists', role: 'plan', resource: 'voiceid-domain', why: 'custom watchlists' },
  { action: 'voiceid:ListFraudsters', role: 'plan', resource: 'voiceid-domain', why: 'watchlist membership shown in plans' },
  { action: 'voiceid:ListSpeakerEnrollmentJobs', role: 'plan', resource: 'voiceid-domain', why: 'run-once enrollment jobs' },
  { action: 'voiceid:ListFraudsterRegistrationJobs', role: 'plan', resource: 'voiceid-domain', why: 'run-once registration jobs' },
  { action: 'voiceid:DescribeSpeakerEnrollmentJob', role: 'plan', resource: 'voiceid-domain', why: 'job progress and failures' },
  { action: 'voiceid:DescribeFraudsterRegistrationJob', role: 'plan', resource: 'voiceid-domain', why: 'job progress and failures' },
  { action: 'tag:GetResources', role: 'plan', resource: 'any', why: 'find domains by their ownership tags' },
  { action: 'kms:DescribeKey', role: 'plan', resource: 'kms-key', why: 'compare key id, key ARN and alias spellings' },
  // Write: apply. CreateDomain with Tags is also authorised as voiceid:TagResource (Service Authorization Reference).
  { action: 'voiceid:CreateDomain', role: 'apply', resource: 'any', why: 'create declared domains' },
  { action: 'voiceid:UpdateDomain', role: 'apply', resource: 'voiceid-domain', why: 'name, description, KMS key' },
  { action: 'voiceid:DeleteDomain', role: 'apply', resource: 'voiceid-domain', why: 'prune: true with apply --allow-delete' },
  { action: 'voiceid:TagResource', role: 'apply', resource: 'voiceid-domain', why: 'tags, ownership tags, adoption' },
  { action: 'voiceid:UntagResource', role: 'apply', resource: 'voiceid-domain', why: 'remove undeclared user tags' },
  { action: 'voiceid:OptOutSpeaker', role: 'apply', resource: 'voiceid-domain', why: 'opt declared speakers out' },
  { action: 'voiceid:CreateWatchlist', role: 'apply', resource: 'voiceid-domain', why: 'declared watchlists' },
  { action: 'voiceid:UpdateWatchlist', role: 'apply', resource: 'voiceid-domain', why: 'watchlist descriptions' },
  { action: 'voiceid:DeleteWatchlist', role: 'apply', resource: 'voiceid-domain', why: 'undeclared watchlists of managed domains' },
  { action: 'voiceid:StartSpeakerEnrollmentJob', role: 'apply', resource: 'voiceid-domain', why: 'run-once enrollment jobs' },
  { action: 'voiceid:StartFraudsterRegistrationJob', role: 'apply', resource: 'voiceid-domain', why: 'run-once registration jobs' },
  // Voice ID uses the caller's identity to create a grant on the domain key and to decrypt with it.
  { action: 'kms:CreateGrant', role: 'apply', resource: 'kms-key', why: 'CreateDomain / UpdateDomain with a KMS key' },
  { action: 'kms:Decrypt', role: 'apply', resource: 'kms-key', why: 'Voice ID calls on encrypted domains' },
  { action: 'iam:PassRole', role: 'apply', resource: 'job-role', why: 'hand the data access role to batch jobs' },
];

/** The actions a role needs: the apply role can also plan (apply re-reads live state). */
export function iamActionsFor(role: IamRole): readonly IamActionSpec[] {
  return IAM_ACTIONS.filter((a) => role === 'apply' || a.role === 'plan');
}
