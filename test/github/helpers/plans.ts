/** Saved plans (what `plan --out` writes) for the GitHub command tests, written to a fresh temp directory. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Change, Plan } from '../../../src/model/plan.js';

export const SPEAKER = 'customer-0001';

const optOut: Change = {
  address: 'domain.support.opt-outs',
  kind: 'opt-outs',
  action: 'opt-out',
  domainKey: 'support',
  domainId: 'AbCdEfGhIjKlMnOpQrStUv',
  impact: 'one-way',
  destructive: false,
  operations: [{ kind: 'OptOutSpeaker', input: { DomainId: 'AbCdEfGhIjKlMnOpQrStUv' }, speakerIds: [SPEAKER] }],
  reasons: ['opting out erases the voiceprint'],
  speakerIds: [SPEAKER],
};

/** A second enrollment job that waits for the first (PLAN.md R7.4): deferred, its Start kept. */
export const deferredJob: Change = {
  address: 'domain.support.enrollment-job.q2',
  kind: 'enrollment-job',
  action: 'start',
  domainKey: 'support',
  domainId: 'AbCdEfGhIjKlMnOpQrStUv',
  impact: 'create',
  destructive: false,
  after: { jobName: 'q2', dataAccessRoleArn: 'arn:aws:iam::111122223333:role/VoiceIdBatch', inputS3Uri: 's3://b/in.json', outputS3Uri: 's3://b/out/', existingEnrollmentAction: 'SKIP', fraudDetectionAction: 'FAIL', watchlists: ['default'] },
  operations: [
    {
      kind: 'StartSpeakerEnrollmentJob',
      input: { DomainId: 'AbCdEfGhIjKlMnOpQrStUv', JobName: 'q2', ClientToken: 'vg-q2', DataAccessRoleArn: 'arn:aws:iam::111122223333:role/VoiceIdBatch', InputDataConfig: { S3Uri: 's3://b/in.json' }, OutputDataConfig: { S3Uri: 's3://b/out/' } },
    },
  ],
  reasons: [],
  deferred: { reason: 'Voice ID runs one enrollment job per domain at a time: starts after q1 ends' },
};

export function plan(stack: string, changes: readonly Change[] = [optOut]): Plan {
  return {
    formatVersion: 1,
    stack,
    region: 'us-east-1',
    prune: false,
    summary: { add: 0, change: 0, delete: 0, adopt: 0, optOut: changes.length, jobsToStart: 0, deferred: 0, blocked: 0, outside: 0 },
    impact: changes.length > 0 ? 'one-way' : 'none',
    changes,
    errors: [],
    warnings: [],
    notes: [],
  };
}

/** Writes files into a new temp directory and returns its path. */
export function workdir(files: Record<string, string | object>): string {
  const dir = mkdtempSync(join(tmpdir(), 'voiceid-gh-'));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}
