/**
 * Model constraints enforced by the server (the JS v3 SDK validates nothing client-side), one test per kind of
 * constraint. Constraint values are from voice-id-constraints.md §4-5; message phrasing is Coral's (EMULATOR.md §3).
 */
import { describe, expect, it } from 'vitest';
import {
  CreateDomainCommand,
  DescribeDomainCommand,
  ListDomainsCommand,
  ListSpeakerEnrollmentJobsCommand,
  OptOutSpeakerCommand,
  StartSpeakerEnrollmentJobCommand,
  TagResourceCommand,
  UpdateDomainCommand,
  ValidationException,
} from '@aws-sdk/client-voice-id';
import type { CreateDomainCommandInput, ListSpeakerEnrollmentJobsCommandInput, StartSpeakerEnrollmentJobCommandInput, UpdateDomainCommandInput } from '@aws-sdk/client-voice-id';
import { KEY_1, STATUS, createDomain, domainArn, expectSdkError, harnessPerTest } from './harness.js';

const h = harnessPerTest();

const sse = { KmsKeyId: KEY_1 };
const invalid = { name: 'ValidationException', status: STATUS.ValidationException } as const;
/** U+1D49C MATHEMATICAL SCRIPT CAPITAL A: a letter (\p{L}) outside the BMP, two UTF-16 code units. */
const ASTRAL_LETTER = '\u{1D49C}';

function create(input: Partial<CreateDomainCommandInput>) {
  return h.voiceId.send(new CreateDomainCommand(input as CreateDomainCommandInput));
}

describe('required members', () => {
  it('rejects CreateDomain without Name, naming the member', async () => {
    const e = await expectSdkError(create({ ServerSideEncryptionConfiguration: sse }), ValidationException, invalid);
    expect(e.message).toContain("at 'name' failed to satisfy constraint: Member must not be null");
  });

  it('rejects CreateDomain without a KMS key inside ServerSideEncryptionConfiguration', async () => {
    const e = await expectSdkError(create({ Name: 'x', ServerSideEncryptionConfiguration: {} as typeof sse }), ValidationException, invalid);
    expect(e.message).toContain("'serverSideEncryptionConfiguration.kmsKeyId'");
  });

  it('rejects UpdateDomain without ServerSideEncryptionConfiguration (required on every clobbering update)', async () => {
    const id = await createDomain(h);
    const input = { DomainId: id, Name: 'x' } as unknown as UpdateDomainCommandInput;
    const e = await expectSdkError(h.voiceId.send(new UpdateDomainCommand(input)), ValidationException, invalid);
    expect(e.message).toContain("at 'serverSideEncryptionConfiguration' failed to satisfy constraint: Member must not be null");
  });

  it('creates nothing when the request is invalid', async () => {
    await expectSdkError(create({ ServerSideEncryptionConfiguration: sse }), ValidationException, invalid);
    const list = await h.voiceId.send(new ListDomainsCommand({}));
    expect(list.DomainSummaries).toEqual([]);
  });

  it('counts several violations in one message', async () => {
    const e = await expectSdkError(create({}), ValidationException, invalid);
    expect(e.message).toMatch(/^2 validation errors detected: /);
  });
});

describe('lengths, counted in Unicode code points', () => {
  it('rejects a DomainId of 21 characters and echoes the non-sensitive value', async () => {
    const e = await expectSdkError(h.voiceId.send(new DescribeDomainCommand({ DomainId: 'a'.repeat(21) })), ValidationException, invalid);
    expect(e.message).toContain(`Value '${'a'.repeat(21)}' at 'domainId' failed to satisfy constraint: Member must have length greater than or equal to 22`);
  });

  it('rejects a domain name of 257 characters', async () => {
    const e = await expectSdkError(create({ Name: 'n'.repeat(257), ServerSideEncryptionConfiguration: sse }), ValidationException, invalid);
    expect(e.message).toContain('Member must have length less than or equal to 256');
  });

  it('accepts a domain name of exactly 256 characters', async () => {
    const out = await create({ Name: 'n'.repeat(256), ServerSideEncryptionConfiguration: sse });
    expect(out.Domain?.Name).toBe('n'.repeat(256));
  });

  it('accepts a description of 1024 astral-plane letters (2048 UTF-16 units)', async () => {
    const description = ASTRAL_LETTER.repeat(1024);
    const out = await create({ Name: 'astral', Description: description, ServerSideEncryptionConfiguration: sse });
    expect(out.Domain?.Description).toBe(description);
  });

  it('rejects a description of 1025 astral-plane letters', async () => {
    const e = await expectSdkError(
      create({ Name: 'astral', Description: ASTRAL_LETTER.repeat(1025), ServerSideEncryptionConfiguration: sse }),
      ValidationException,
      invalid,
    );
    expect(e.message).toContain('Member must have length less than or equal to 1024');
  });
});

describe('patterns', () => {
  it('rejects a domain name with a space and does not echo the sensitive value', async () => {
    const e = await expectSdkError(create({ Name: 'secret name', ServerSideEncryptionConfiguration: sse }), ValidationException, invalid);
    expect(e.message).toContain('Member must satisfy regular expression pattern: ^[a-zA-Z0-9][a-zA-Z0-9_-]*$');
    expect(e.message).not.toContain('secret name');
  });

  it('accepts Unicode letters, spaces and digits in a description (\\p{L}\\p{Z}\\p{N})', async () => {
    const out = await create({ Name: 'unicode', Description: 'Ligne de production ü 日本語 ٣', ServerSideEncryptionConfiguration: sse });
    expect(out.Domain?.Description).toBe('Ligne de production ü 日本語 ٣');
  });

  it('accepts % in a description', async () => {
    const out = await create({ Name: 'percent', Description: '100% of calls', ServerSideEncryptionConfiguration: sse });
    expect(out.Domain?.Description).toBe('100% of calls');
  });

  it('rejects % in a tag value', async () => {
    const id = await createDomain(h);
    const e = await expectSdkError(
      h.voiceId.send(new TagResourceCommand({ ResourceArn: domainArn(id), Tags: [{ Key: 'share', Value: '100%' }] })),
      ValidationException,
      invalid,
    );
    expect(e.message).toContain('Member must satisfy regular expression pattern');
    expect(e.message).not.toContain('100%');
  });

  it('rejects a description with a character outside the pattern such as !', async () => {
    await expectSdkError(create({ Name: 'bang', Description: 'hello!', ServerSideEncryptionConfiguration: sse }), ValidationException, invalid);
  });
});

describe('sensitive values', () => {
  it('does not echo an invalid customer speaker id', async () => {
    const id = await createDomain(h);
    const e = await expectSdkError(
      h.voiceId.send(new OptOutSpeakerCommand({ DomainId: id, SpeakerId: 'jane.doe@example.com' })),
      ValidationException,
      invalid,
    );
    expect(e.message).toContain("Value at 'speakerId' failed to satisfy constraint");
    expect(e.message).not.toContain('jane.doe');
  });

  it('does not echo a too-long description', async () => {
    const secret = 'confidential'.repeat(100);
    const e = await expectSdkError(create({ Name: 'x', Description: secret, ServerSideEncryptionConfiguration: sse }), ValidationException, invalid);
    expect(e.message).not.toContain('confidential');
  });
});

describe('ranges', () => {
  it('rejects ListDomains MaxResults 11 (the model range is 1..10)', async () => {
    const e = await expectSdkError(h.voiceId.send(new ListDomainsCommand({ MaxResults: 11 })), ValidationException, invalid);
    expect(e.message).toContain("Value '11' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 10");
  });

  it('accepts ListDomains MaxResults 10', async () => {
    const out = await h.voiceId.send(new ListDomainsCommand({ MaxResults: 10 }));
    expect(out.DomainSummaries).toEqual([]);
  });

  it('rejects ListDomains MaxResults 0', async () => {
    const e = await expectSdkError(h.voiceId.send(new ListDomainsCommand({ MaxResults: 0 })), ValidationException, invalid);
    expect(e.message).toContain('Member must have value greater than or equal to 1');
  });
});

describe('enums and list sizes', () => {
  it('rejects a JobStatus outside the enum', async () => {
    const id = await createDomain(h);
    const input = { DomainId: id, JobStatus: 'DONE' } as unknown as ListSpeakerEnrollmentJobsCommandInput;
    const e = await expectSdkError(h.voiceId.send(new ListSpeakerEnrollmentJobsCommand(input)), ValidationException, invalid);
    expect(e.message).toContain('Member must satisfy enum value set: [SUBMITTED, IN_PROGRESS, COMPLETED, COMPLETED_WITH_ERRORS, FAILED]');
  });

  it('rejects 201 tags in one call (TagList holds at most 200)', async () => {
    const tags = Array.from({ length: 201 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    const e = await expectSdkError(create({ Name: 'many-tags', ServerSideEncryptionConfiguration: sse, Tags: tags }), ValidationException, invalid);
    expect(e.message).toContain("at 'tags' failed to satisfy constraint: Member must have length less than or equal to 200");
  });
});

describe('batch job inputs', () => {
  const job = (domainId: string): StartSpeakerEnrollmentJobCommandInput => ({
    DomainId: domainId,
    DataAccessRoleArn: 'arn:aws:iam::111122223333:role/VoiceIdBatch',
    InputDataConfig: { S3Uri: 's3://bucket/in.json' },
    OutputDataConfig: { S3Uri: 's3://bucket/out/' },
  });

  it('rejects two fraud-detection watchlists (the list holds exactly 1)', async () => {
    const id = await createDomain(h);
    const input = { ...job(id), EnrollmentConfig: { FraudDetectionConfig: { WatchlistIds: ['a'.repeat(22), 'b'.repeat(22)] } } };
    const e = await expectSdkError(h.voiceId.send(new StartSpeakerEnrollmentJobCommand(input)), ValidationException, invalid);
    expect(e.message).toContain('Member must have length less than or equal to 1');
  });

  it('rejects a RiskThreshold of 101 (Score is 0..100)', async () => {
    const id = await createDomain(h);
    const input = { ...job(id), EnrollmentConfig: { FraudDetectionConfig: { RiskThreshold: 101 } } };
    const e = await expectSdkError(h.voiceId.send(new StartSpeakerEnrollmentJobCommand(input)), ValidationException, invalid);
    expect(e.message).toContain('Member must have value less than or equal to 100');
  });

  it('rejects an input location that is not an s3:// URI', async () => {
    const id = await createDomain(h);
    const input = { ...job(id), InputDataConfig: { S3Uri: 'https://bucket.s3.amazonaws.com/in.json' } };
    await expectSdkError(h.voiceId.send(new StartSpeakerEnrollmentJobCommand(input)), ValidationException, invalid);
  });

  it('rejects a data access role that is not an IAM role ARN', async () => {
    const id = await createDomain(h);
    const input = { ...job(id), DataAccessRoleArn: 'arn:aws:iam::111122223333:user/someone' };
    await expectSdkError(h.voiceId.send(new StartSpeakerEnrollmentJobCommand(input)), ValidationException, invalid);
  });

  it('rejects a ClientToken with characters outside [a-zA-Z0-9-_] and one of 65 characters', async () => {
    for (const token of ['bad token!', 'x'.repeat(65)]) {
      await expectSdkError(create({ Name: 'tok', ClientToken: token, ServerSideEncryptionConfiguration: sse }), ValidationException, invalid);
    }
  });
});
