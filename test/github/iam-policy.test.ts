import { describe, expect, it } from 'vitest';
import { iamPolicy } from '../../src/github/iam-policy.js';
import { iamActions, iamActionsFor } from '../../src/kinds/registry.js';
import type { OperationName } from '../../src/model/plan.js';

const actionsOf = (doc: ReturnType<typeof iamPolicy>) => doc.Statement.flatMap((s) => s.Action).sort();

const READ = [
  'kms:DescribeKey', 'tag:GetResources', 'voiceid:DescribeDomain', 'voiceid:DescribeFraudster', 'voiceid:DescribeFraudsterRegistrationJob',
  'voiceid:DescribeSpeaker', 'voiceid:DescribeSpeakerEnrollmentJob', 'voiceid:ListDomains', 'voiceid:ListFraudsterRegistrationJobs',
  'voiceid:ListFraudsters', 'voiceid:ListSpeakerEnrollmentJobs', 'voiceid:ListSpeakers', 'voiceid:ListTagsForResource', 'voiceid:ListWatchlists',
];

describe('IAM policies', () => {
  it('gives the plan role exactly the read actions, and tagging of the last-applied record tag only (R13.7)', () => {
    const doc = iamPolicy({ actions: iamActionsFor('plan') });
    expect(actionsOf(doc)).toEqual([...READ, 'voiceid:TagResource'].sort());
    expect(doc.Statement.filter((s) => s.Action.includes('voiceid:TagResource'))).toEqual([{
      Sid: 'VoiceIdRecordFullCheck',
      Effect: 'Allow',
      Action: ['voiceid:TagResource'],
      Resource: 'arn:aws:voiceid:*:*:domain/*',
      Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': 'voiceid-gitops:applied' } },
    }]);
  });

  it('gives the apply role the read actions plus the writes, KMS grants and PassRole', () => {
    const extra = actionsOf(iamPolicy({ actions: iamActionsFor('apply') })).filter((a) => !READ.includes(a));
    expect(extra).toEqual([
      'iam:PassRole', 'kms:CreateGrant', 'kms:Decrypt', 'voiceid:AssociateFraudster', 'voiceid:CreateDomain', 'voiceid:CreateWatchlist', 'voiceid:DeleteDomain',
      'voiceid:DeleteFraudster', 'voiceid:DeleteSpeaker', 'voiceid:DeleteWatchlist', 'voiceid:DisassociateFraudster', 'voiceid:OptOutSpeaker', 'voiceid:StartFraudsterRegistrationJob', 'voiceid:StartSpeakerEnrollmentJob',
      'voiceid:TagResource', 'voiceid:UntagResource', 'voiceid:UpdateDomain', 'voiceid:UpdateWatchlist',
    ]);
    // The apply role tags any key: the plan role's narrower grant would only repeat it.
    expect(iamPolicy({ actions: iamActionsFor('apply') }).Statement.map((s) => s.Sid)).not.toContain('VoiceIdRecordFullCheck');
  });

  it('scopes domain actions to domain ARNs of the given account and Region', () => {
    const doc = iamPolicy({ actions: iamActionsFor('plan'), region: 'eu-west-2', accountId: '111122223333' });
    expect(doc.Statement.find((s) => s.Sid === 'VoiceIdDomains')?.Resource).toBe('arn:aws:voiceid:eu-west-2:111122223333:domain/*');
  });

  it('lets the apply role pass only the named job roles, and only to Voice ID', () => {
    const doc = iamPolicy({ actions: iamActionsFor('apply'), jobRoleArns: ['arn:aws:iam::111122223333:role/VoiceIdBatch'] });
    expect(doc.Statement.find((s) => s.Sid === 'PassBatchJobRoleToVoiceId')).toEqual({
      Sid: 'PassBatchJobRoleToVoiceId',
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: 'arn:aws:iam::111122223333:role/VoiceIdBatch',
      Condition: { StringEquals: { 'iam:PassedToService': 'voiceid.amazonaws.com' } },
    });
  });

  it('lists an apply-role action for every API call a plan can contain', () => {
    // A Record over OperationName stops compiling when the plan model gains an operation this table lacks.
    const calls: Record<OperationName, string> = {
      CreateDomain: 'voiceid:CreateDomain', UpdateDomain: 'voiceid:UpdateDomain', DeleteDomain: 'voiceid:DeleteDomain',
      TagResource: 'voiceid:TagResource', UntagResource: 'voiceid:UntagResource', OptOutSpeaker: 'voiceid:OptOutSpeaker',
      DeleteSpeaker: 'voiceid:DeleteSpeaker', DeleteFraudster: 'voiceid:DeleteFraudster',
      CreateWatchlist: 'voiceid:CreateWatchlist', UpdateWatchlist: 'voiceid:UpdateWatchlist', DeleteWatchlist: 'voiceid:DeleteWatchlist',
      AssociateFraudster: 'voiceid:AssociateFraudster', DisassociateFraudster: 'voiceid:DisassociateFraudster',
      StartSpeakerEnrollmentJob: 'voiceid:StartSpeakerEnrollmentJob', StartFraudsterRegistrationJob: 'voiceid:StartFraudsterRegistrationJob',
    };
    const table = new Set(iamActions().map((a) => a.action));
    expect(Object.values(calls).filter((a) => !table.has(a))).toEqual([]);
  });
});
