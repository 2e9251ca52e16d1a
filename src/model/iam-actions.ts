/**
 * The shape of an IAM action the tool needs. Each resource kind's module (src/kinds) lists the actions its live read
 * and apply call; `iamActions()` in src/kinds/registry.ts gathers them, `iam-policy` prints least-privilege
 * policies from them, and a test checks that every operation the live reader and apply engine call is listed (so
 * a new API call cannot ship without its permission). `plan` actions are read-only; the apply role gets both.
 */

/**
 * Which role needs the action: `plan` (plan, drift, export: reads, and `plan --refresh` records its full check in
 * one tag, PLAN.md R13.7) or `apply` (adds the writes).
 */
export type IamRole = 'plan' | 'apply';

/** What the statement's Resource must name (resolved to ARNs by the policy generator). */
export type IamResourceKind =
  | 'any' //          the action supports no resource-level permission (Resource "*")
  | 'voiceid-domain' // arn:PARTITION:voiceid:REGION:ACCOUNT:domain/*
  | 'voiceid-domain-record-tag' // the same domains, tagging only the last-applied record tag (aws:TagKeys)
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
