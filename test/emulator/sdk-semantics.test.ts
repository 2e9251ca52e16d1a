/** Emulator semantics through the real SDK client, with a fake clock (no sleeping). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ConflictException,
  CreateDomainCommand,
  DeleteDomainCommand,
  DescribeDomainCommand,
  DescribeFraudsterRegistrationJobCommand,
  ListFraudstersCommand,
  ListSpeakersCommand,
  OptOutSpeakerCommand,
  ResourceNotFoundException,
  StartFraudsterRegistrationJobCommand,
  UpdateDomainCommand,
  VoiceIDClient,
} from '@aws-sdk/client-voice-id';
import { startEmulator, type RunningEmulator, type SeedKmsKey } from '../../src/emulator/index.js';

const KEY_A = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const KEY_B = 'alias/voiceid-next';
const ROLE = 'arn:aws:iam::111122223333:role/VoiceIdBatch';

let t: number;
let emu: RunningEmulator;
let client: VoiceIDClient;

async function start(kmsKeys?: readonly SeedKmsKey[]): Promise<void> {
  t = Date.UTC(2026, 10, 21, 10, 0, 0);
  emu = await startEmulator({ now: () => t, kmsUpdateDelayMs: 2000, jobStepMs: 1000, ...(kmsKeys ? { kmsKeys } : {}) });
  client = new VoiceIDClient({ endpoint: emu.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
}

async function createDomain(kms = KEY_A): Promise<string> {
  const r = await client.send(new CreateDomainCommand({ Name: 'd', ServerSideEncryptionConfiguration: { KmsKeyId: kms } }));
  return r.Domain!.DomainId!;
}

const updateKey = (DomainId: string, KmsKeyId: string) =>
  client.send(new UpdateDomainCommand({ DomainId, Name: 'd', ServerSideEncryptionConfiguration: { KmsKeyId } }));

afterEach(async () => {
  client.destroy();
  await emu.close();
});

describe('KMS re-encryption', () => {
  beforeEach(() => start());

  it('moves IN_PROGRESS to COMPLETED once the delay has passed on the clock', async () => {
    const id = await createDomain();
    const started = await updateKey(id, KEY_B);
    t += 2000;
    const later = await client.send(new DescribeDomainCommand({ DomainId: id }));
    expect([started.Domain!.ServerSideEncryptionUpdateDetails, later.Domain!.ServerSideEncryptionUpdateDetails]).toEqual([
      { OldKmsKeyId: KEY_A, UpdateStatus: 'IN_PROGRESS' },
      { OldKmsKeyId: KEY_A, UpdateStatus: 'COMPLETED' },
    ]);
  });

  it('refuses a second key change while the first is in progress', async () => {
    const id = await createDomain();
    await updateKey(id, KEY_B);
    const e = await updateKey(id, KEY_A).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConflictException);
    expect((e as ConflictException).ConflictType).toBe('DOMAIN_LOCKED_FROM_ENCRYPTION_UPDATES');
  });

  it('treats another spelling of the same key as no change', async () => {
    const id = await createDomain();
    const r = await updateKey(id, 'alias/voiceid');
    expect(r.Domain!.ServerSideEncryptionUpdateDetails).toBeUndefined();
  });
});

describe('FAILED re-encryption', () => {
  beforeEach(() => start([{ keyId: '1234abcd-12ab-34cd-56ef-1234567890ab' }, { keyId: '0987dcba-09fe-87dc-65ba-ab0987654321', aliases: ['alias/voiceid-next'], keyState: 'Disabled' }]));

  it('ends FAILED with a disabled key and retries on an UpdateDomain with the same key', async () => {
    const id = await createDomain();
    await updateKey(id, KEY_B);
    t += 2000;
    const failed = (await client.send(new DescribeDomainCommand({ DomainId: id }))).Domain!.ServerSideEncryptionUpdateDetails;
    const retried = (await updateKey(id, KEY_B)).Domain!.ServerSideEncryptionUpdateDetails;
    expect([failed?.UpdateStatus, retried?.UpdateStatus, retried?.OldKmsKeyId]).toEqual(['FAILED', 'IN_PROGRESS', KEY_A]);
  });
});

describe('soft delete', () => {
  beforeEach(() => start());

  it('keeps a deleted domain describable as SUSPENDED; below it writes answer DOMAIN_NOT_ACTIVE and reads ResourceNotFound DOMAIN', async () => {
    const id = await createDomain();
    await client.send(new DeleteDomainCommand({ DomainId: id }));
    const d = await client.send(new DescribeDomainCommand({ DomainId: id }));
    const read = await client.send(new ListSpeakersCommand({ DomainId: id })).catch((x: unknown) => x);
    const write = await client.send(new OptOutSpeakerCommand({ DomainId: id, SpeakerId: 'c-1' })).catch((x: unknown) => x);
    expect([d.Domain!.DomainStatus, (write as ConflictException).ConflictType, (read as ResourceNotFoundException).ResourceType]).toEqual(['SUSPENDED', 'DOMAIN_NOT_ACTIVE', 'DOMAIN']);
  });

  it('erases a soft-deleted domain 30 days after the delete', async () => {
    const id = await createDomain();
    await client.send(new DeleteDomainCommand({ DomainId: id }));
    t += 30 * 24 * 3600_000;
    await expect(client.send(new DescribeDomainCommand({ DomainId: id }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('answers ResourceNotFound to a second delete', async () => {
    const id = await createDomain();
    await client.send(new DeleteDomainCommand({ DomainId: id }));
    await expect(client.send(new DeleteDomainCommand({ DomainId: id }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('fraudster registration jobs', () => {
  beforeEach(() => start());

  it('progresses with the clock and registers a fraudster in the default watchlist when complete', async () => {
    const id = await createDomain();
    const job = await client.send(
      new StartFraudsterRegistrationJobCommand({
        DomainId: id,
        DataAccessRoleArn: ROLE,
        InputDataConfig: { S3Uri: 's3://bucket/in.json' },
        OutputDataConfig: { S3Uri: 's3://bucket/out/' },
      }),
    );
    const jobId = job.Job!.JobId!;
    const seen: (string | number | undefined)[] = [job.Job!.JobStatus, job.Job!.JobProgress?.PercentComplete];
    for (const step of [1000, 1000]) {
      t += step;
      const d = await client.send(new DescribeFraudsterRegistrationJobCommand({ DomainId: id, JobId: jobId }));
      seen.push(d.Job!.JobStatus, d.Job!.JobProgress?.PercentComplete);
    }
    const fraudsters = await client.send(new ListFraudstersCommand({ DomainId: id }));
    expect(seen).toEqual(['SUBMITTED', 0, 'IN_PROGRESS', 50, 'COMPLETED', 100]);
    expect(fraudsters.FraudsterSummaries).toHaveLength(1);
  });
});

describe('large domains', () => {
  beforeEach(async () => {
    t = Date.UTC(2026, 10, 21, 10, 0, 0);
    emu = await startEmulator({ now: () => t, pageSize: 100 });
    client = new VoiceIDClient({ endpoint: emu.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  });

  it('pages through one of 3 domains of 100,000 speakers in creation order without skipping or repeating', async () => {
    const seeded = await emu.admin.seed({
      domains: ['a', 'b', 'c'].map((p) => ({ name: `big-${p}`, bulkSpeakers: { count: 100_000, prefix: `${p}-` } })),
    });
    const ids: string[] = [];
    let token: string | undefined;
    for (let i = 0; i < 20; i++) {
      const page = await client.send(new ListSpeakersCommand({ DomainId: seeded.domainIds[2], MaxResults: 100, NextToken: token }));
      ids.push(...(page.SpeakerSummaries ?? []).map((s) => s.CustomerSpeakerId!));
      token = page.NextToken;
    }
    expect([ids.length, new Set(ids).size, ids[0], ids[1999]]).toEqual([2000, 2000, 'c-00000', 'c-01999']);
  });
});
