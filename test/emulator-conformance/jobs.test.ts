/** Batch jobs (voice-id-constraints.md §6 S17): SUBMITTED -> IN_PROGRESS -> COMPLETED, one active per kind. */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  DescribeFraudsterRegistrationJobCommand,
  DescribeSpeakerEnrollmentJobCommand,
  ListFraudsterRegistrationJobsCommand,
  ListSpeakerEnrollmentJobsCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  StartFraudsterRegistrationJobCommand,
  StartSpeakerEnrollmentJobCommand,
} from '@aws-sdk/client-voice-id';
import type { StartSpeakerEnrollmentJobCommandInput } from '@aws-sdk/client-voice-id';
import { ID22, KEY_JOBS, ROLE_ARN, STATUS, createDomain, expectSdkError, harnessPerTest, expectNotFound, expectQuotaExceeded } from './harness.js';

const STEP = 1_000;
const h = harnessPerTest({ jobStepMs: STEP });
let domainId: string;

beforeEach(async () => {
  domainId = await createDomain(h, 'jobs-domain');
});

function enrollment(name: string): StartSpeakerEnrollmentJobCommandInput {
  return {
    DomainId: domainId,
    JobName: name,
    DataAccessRoleArn: ROLE_ARN,
    InputDataConfig: { S3Uri: 's3://bucket/enroll/manifest.json' },
    OutputDataConfig: { S3Uri: 's3://bucket/enroll/out/', KmsKeyId: `alias/voiceid-jobs` },
    EnrollmentConfig: { ExistingEnrollmentAction: 'SKIP' },
  };
}

async function startEnrollment(name: string) {
  return (await h.voiceId.send(new StartSpeakerEnrollmentJobCommand(enrollment(name)))).Job!;
}

async function describeEnrollment(jobId: string) {
  return (await h.voiceId.send(new DescribeSpeakerEnrollmentJobCommand({ DomainId: domainId, JobId: jobId }))).Job!;
}

describe('StartSpeakerEnrollmentJob', () => {
  it('returns a SUBMITTED job with a 22-character id and the given definition', async () => {
    const job = await startEnrollment('backfill-2026-q1');
    expect(job.JobId).toMatch(ID22);
    expect(job).toMatchObject({
      JobName: 'backfill-2026-q1',
      JobStatus: 'SUBMITTED',
      DomainId: domainId,
      DataAccessRoleArn: ROLE_ARN,
      InputDataConfig: { S3Uri: 's3://bucket/enroll/manifest.json' },
      OutputDataConfig: { S3Uri: 's3://bucket/enroll/out/', KmsKeyId: 'alias/voiceid-jobs' },
    });
    expect(job.CreatedAt?.toISOString()).toBe('2026-11-21T10:00:00.000Z');
    expect(job.EndedAt).toBeUndefined();
    expect(job.JobProgress?.PercentComplete ?? 0).toBe(0);
  });

  it('moves to IN_PROGRESS at 50 percent after one step of the clock', async () => {
    const job = await startEnrollment('stepper');
    h.clock.advance(STEP);
    const d = await describeEnrollment(job.JobId!);
    expect(d.JobStatus).toBe('IN_PROGRESS');
    expect(d.JobProgress?.PercentComplete).toBe(50);
  });

  it('is COMPLETED at 100 percent with EndedAt after two steps', async () => {
    const job = await startEnrollment('stepper');
    h.clock.advance(2 * STEP);
    const d = await describeEnrollment(job.JobId!);
    expect(d.JobStatus).toBe('COMPLETED');
    expect(d.JobProgress?.PercentComplete).toBe(100);
    expect(d.EndedAt?.toISOString()).toBe('2026-11-21T10:00:02.000Z');
  });

  it('refuses a second active enrollment job in the domain with ServiceQuotaExceededException', async () => {
    await startEnrollment('first');
    await expectSdkError(h.voiceId.send(new StartSpeakerEnrollmentJobCommand(enrollment('second'))), ServiceQuotaExceededException, {
      name: 'ServiceQuotaExceededException',
      status: STATUS.ServiceQuotaExceededException,
    });
  });

  it('accepts a new enrollment job once the previous one completed', async () => {
    await startEnrollment('first');
    h.clock.advance(2 * STEP);
    const second = await startEnrollment('second');
    expect(second.JobStatus).toBe('SUBMITTED');
  });

  it('refuses a fraud-detection watchlist that does not exist with ResourceNotFoundException WATCHLIST', async () => {
    const input = { ...enrollment('bad-watchlist'), EnrollmentConfig: { FraudDetectionConfig: { WatchlistIds: ['Q'.repeat(22)] } } };
    await expectSdkError(h.voiceId.send(new StartSpeakerEnrollmentJobCommand(input)), ResourceNotFoundException, {
      name: 'ResourceNotFoundException',
      status: STATUS.ResourceNotFoundException,
      resourceType: 'WATCHLIST',
    });
  });
});

describe('listing and describing jobs', () => {
  it('lists enrollment jobs with their status filter', async () => {
    const first = await startEnrollment('first');
    h.clock.advance(2 * STEP);
    const second = await startEnrollment('second');
    const all = await h.voiceId.send(new ListSpeakerEnrollmentJobsCommand({ DomainId: domainId }));
    expect(all.JobSummaries?.map((j) => [j.JobId, j.JobName, j.JobStatus])).toEqual([
      [first.JobId, 'first', 'COMPLETED'],
      [second.JobId, 'second', 'SUBMITTED'],
    ]);
    const done = await h.voiceId.send(new ListSpeakerEnrollmentJobsCommand({ DomainId: domainId, JobStatus: 'COMPLETED' }));
    expect(done.JobSummaries?.map((j) => j.JobId)).toEqual([first.JobId]);
  });

  it('answers an unknown job id with ResourceNotFoundException BATCH_JOB', async () => {
    await expectNotFound(h.voiceId.send(new DescribeSpeakerEnrollmentJobCommand({ DomainId: domainId, JobId: 'J'.repeat(22) })), 'BATCH_JOB');
  });

  it('shows seeded FAILED and COMPLETED_WITH_ERRORS jobs with their fixed status', async () => {
    const s = await h.emulator.admin.seed({
      domains: [{ name: 'seeded-jobs', enrollmentJobs: [{ jobName: 'broken', status: 'FAILED' }, { jobName: 'partial', status: 'COMPLETED_WITH_ERRORS' }] }],
    });
    h.clock.advance(10 * STEP);
    const list = await h.voiceId.send(new ListSpeakerEnrollmentJobsCommand({ DomainId: s.domainIds[0]! }));
    expect(list.JobSummaries?.map((j) => [j.JobName, j.JobStatus])).toEqual([
      ['broken', 'FAILED'],
      ['partial', 'COMPLETED_WITH_ERRORS'],
    ]);
  });
});

describe('job definitions and seeded jobs', () => {
  it('echoes the definition in DescribeSpeakerEnrollmentJob exactly as sent and leaves it out of the summary', async () => {
    const job = await startEnrollment('echo');
    const d = await describeEnrollment(job.JobId!);
    expect(d.EnrollmentConfig).toEqual({ ExistingEnrollmentAction: 'SKIP' });
    expect(d.OutputDataConfig).toEqual({ S3Uri: 's3://bucket/enroll/out/', KmsKeyId: 'alias/voiceid-jobs' });
    const summary = (await h.voiceId.send(new ListSpeakerEnrollmentJobsCommand({ DomainId: domainId }))).JobSummaries![0]!;
    expect(summary).not.toHaveProperty('InputDataConfig');
    expect(summary).not.toHaveProperty('DataAccessRoleArn');
  });

  it('answers only modelled members: a raw client\'s unmodelled nested members are neither stored nor echoed', async () => {
    const raw = async (op: string, body: unknown): Promise<{ Job: Record<string, unknown> }> => {
      const r = await fetch(`${h.emulator.endpoint}/`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'x-amz-target': `VoiceID.${op}`, 'content-type': 'application/x-amz-json-1.0', authorization: 'AWS4-HMAC-SHA256 Credential=x' },
      });
      return (await r.json()) as { Job: Record<string, unknown> };
    };
    const started = await raw('StartSpeakerEnrollmentJob', {
      ...enrollment('raw'),
      Unmodelled: 1,
      InputDataConfig: { S3Uri: 's3://bucket/in.json', Junk: true },
      EnrollmentConfig: { ExistingEnrollmentAction: 'OVERWRITE', Bogus: [1], FraudDetectionConfig: { FraudDetectionAction: 'IGNORE', Extra: 'x' } },
    });
    const described = await raw('DescribeSpeakerEnrollmentJob', { DomainId: domainId, JobId: started.Job.JobId });
    for (const job of [started.Job, described.Job]) {
      expect(Object.keys(job).sort()).toEqual(['CreatedAt', 'DataAccessRoleArn', 'DomainId', 'EnrollmentConfig', 'InputDataConfig', 'JobId', 'JobName', 'JobProgress', 'JobStatus', 'OutputDataConfig']);
      expect([job.InputDataConfig, job.EnrollmentConfig]).toEqual([
        { S3Uri: 's3://bucket/in.json' },
        { ExistingEnrollmentAction: 'OVERWRITE', FraudDetectionConfig: { FraudDetectionAction: 'IGNORE' } },
      ]);
    }
  });

  it('fills no documented default (SKIP, FAIL) in job answers: members not sent are absent, as the model has no @default', async () => {
    const { EnrollmentConfig: _none, ...bare } = enrollment('bare');
    const job = (await h.voiceId.send(new StartSpeakerEnrollmentJobCommand(bare))).Job!;
    expect((await describeEnrollment(job.JobId!)).EnrollmentConfig).toBeUndefined();
    h.clock.advance(3 * STEP);
    const withList = { ...enrollment('watchlist-only'), EnrollmentConfig: { FraudDetectionConfig: { RiskThreshold: 50 } } };
    const second = (await h.voiceId.send(new StartSpeakerEnrollmentJobCommand(withList))).Job!;
    expect((await describeEnrollment(second.JobId!)).EnrollmentConfig).toEqual({ FraudDetectionConfig: { RiskThreshold: 50 } });
  });

  it('keeps a seeded IN_PROGRESS job active, so a new job of that kind is refused', async () => {
    const s = await h.emulator.admin.seed({ domains: [{ name: 'busy', enrollmentJobs: [{ jobName: 'stuck', status: 'IN_PROGRESS' }] }] });
    h.clock.advance(100 * STEP);
    const input = { ...enrollment('next'), DomainId: s.domainIds[0]! };
    await expectSdkError(h.voiceId.send(new StartSpeakerEnrollmentJobCommand(input)), ServiceQuotaExceededException, {
      name: 'ServiceQuotaExceededException',
      status: STATUS.ServiceQuotaExceededException,
    });
  });

  it('progresses a seeded job without status like a started one', async () => {
    const s = await h.emulator.admin.seed({ domains: [{ name: 'fresh', registrationJobs: [{ jobName: 'seeded' }] }] });
    const sid = s.domainIds[0]!;
    const jobId = s.registrationJobIds[0]![0]!;
    const status = async () => (await h.voiceId.send(new DescribeFraudsterRegistrationJobCommand({ DomainId: sid, JobId: jobId }))).Job!.JobStatus;
    expect(await status()).toBe('SUBMITTED');
    h.clock.advance(STEP);
    expect(await status()).toBe('IN_PROGRESS');
    h.clock.advance(STEP);
    expect(await status()).toBe('COMPLETED');
  });
});

describe('StartFraudsterRegistrationJob', () => {
  const registration = () => ({
    DomainId: domainId,
    JobName: 'ring-42',
    DataAccessRoleArn: ROLE_ARN,
    InputDataConfig: { S3Uri: 's3://bucket/fraud/manifest.json' },
    OutputDataConfig: { S3Uri: 's3://bucket/fraud/out/', KmsKeyId: KEY_JOBS },
    RegistrationConfig: { DuplicateRegistrationAction: 'SKIP' as const, FraudsterSimilarityThreshold: 80 },
  });

  it('starts SUBMITTED and completes after two steps, visible through describe and list', async () => {
    const job = (await h.voiceId.send(new StartFraudsterRegistrationJobCommand(registration()))).Job!;
    expect(job).toMatchObject({ JobName: 'ring-42', JobStatus: 'SUBMITTED', DomainId: domainId });
    h.clock.advance(2 * STEP);
    const d = (await h.voiceId.send(new DescribeFraudsterRegistrationJobCommand({ DomainId: domainId, JobId: job.JobId! }))).Job!;
    expect(d.JobStatus).toBe('COMPLETED');
    expect(d.JobProgress?.PercentComplete).toBe(100);
    const list = await h.voiceId.send(new ListFraudsterRegistrationJobsCommand({ DomainId: domainId }));
    expect(list.JobSummaries?.map((j) => [j.JobId, j.JobStatus])).toEqual([[job.JobId, 'COMPLETED']]);
  });

  it('refuses a second active registration job but allows an enrollment job beside it', async () => {
    await h.voiceId.send(new StartFraudsterRegistrationJobCommand(registration()));
    await expectQuotaExceeded(h.voiceId.send(new StartFraudsterRegistrationJobCommand({ ...registration(), JobName: 'ring-43' })));
    const e = await startEnrollment('beside');
    expect(e.JobStatus).toBe('SUBMITTED');
  });

  it('answers an unknown registration job with ResourceNotFoundException BATCH_JOB', async () => {
    await expectNotFound(h.voiceId.send(new DescribeFraudsterRegistrationJobCommand({ DomainId: domainId, JobId: 'K'.repeat(22) })), 'BATCH_JOB');
  });
});
