/**
 * `voiceid-gitops iam-policy [--mode plan|apply]`: prints the least-privilege IAM policy for the role that runs
 * plan (reads, and the one record tag `plan --refresh` writes) or apply, generated from the actions each resource kind's module calls (src/kinds).
 */
import { InvalidArgumentError, type Command } from 'commander';
import { iamPolicy } from '../../github/iam-policy.js';
import { iamActionsFor } from '../../kinds/registry.js';
import { regionName } from '../common-options.js';
import type { IamRole } from '../../model/iam-actions.js';
import type { CommandContext } from '../run.js';

interface IamPolicyCliOptions {
  readonly mode: IamRole;
  readonly partition: string;
  readonly region?: string;
  readonly accountId?: string;
  readonly kmsKeyArn?: readonly string[];
  readonly jobRoleArn?: readonly string[];
}

function mode(value: string): IamRole {
  if (value !== 'plan' && value !== 'apply') throw new InvalidArgumentError('must be plan or apply');
  return value;
}

function accountId(value: string): string {
  if (!/^\d{12}$/.test(value)) throw new InvalidArgumentError('must be a 12-digit AWS account id');
  return value;
}

function arn(service: string) {
  // No default value: commander would print `(default: [])` beside the help's own 'default: every ...'.
  return (value: string, previous: readonly string[] | undefined): readonly string[] => {
    if (!value.startsWith('arn:') || value.split(':')[2] !== service) throw new InvalidArgumentError(`must be an ${service} ARN`);
    return [...(previous ?? []), value];
  };
}

export function registerIamPolicy(program: Command, ctx: CommandContext): void {
  program
    .command('iam-policy')
    .description('print the least-privilege IAM policy (JSON) for the plan role (reads; tags only the last-applied record) or the apply role')
    .option('--mode <mode>', 'plan: plan, drift, export (reads; plan --refresh tags voiceid-gitops:applied); apply: adds the writes', mode, 'plan')
    .option('--partition <name>', 'AWS partition', 'aws')
    .option('--region <region>', 'limit to one Region (default: any)', regionName)
    .option('--account-id <id>', 'limit to one account (default: any)', accountId)
    .option('--kms-key-arn <arn>', 'KMS key of the domains (repeatable; default: every key)', arn('kms'))
    .option('--job-role-arn <arn>', 'data access role of batch jobs, for iam:PassRole (repeatable; default: every role)', arn('iam'))
    .action((opts: IamPolicyCliOptions) => {
      const doc = iamPolicy({
        actions: iamActionsFor(opts.mode),
        partition: opts.partition,
        ...(opts.region ? { region: opts.region } : {}),
        ...(opts.accountId ? { accountId: opts.accountId } : {}),
        kmsKeyArns: opts.kmsKeyArn ?? [],
        jobRoleArns: opts.jobRoleArn ?? [],
      });
      ctx.deps.stdout(`${JSON.stringify(doc, null, 2)}\n`);
    });
}
