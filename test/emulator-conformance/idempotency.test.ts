/**
 * ClientToken idempotency (voice-id-facts.md §4): same token + same input -> the original resource, nothing new;
 * same token + different input -> ConflictException without ConflictType.
 */
import { describe, expect, it } from 'vitest';
import {
  ConflictException,
  CreateDomainCommand,
  CreateWatchlistCommand,
  ListDomainsCommand,
  ListSpeakerEnrollmentJobsCommand,
  ListWatchlistsCommand,
  StartFraudsterRegistrationJobCommand,
  StartSpeakerEnrollmentJobCommand,
  ValidationException,
} from '@aws-sdk/client-voice-id';
import type { CreateDomainCommandInput } from '@aws-sdk/client-voice-id';
import { KEY_1, KEY_2, ROLE_ARN, STATUS, createDomain, expectSdkError, harnessPerTest } from './harness.js';

const h = harnessPerTest({ idempotencyWindowMs: 60_000 });

const domainInput = (token: string, name = 'idem'): CreateDomainCommandInput => ({
  Name: name,
  ClientToken: token,
  ServerSideEncryptionConfiguration: { KmsKeyId: KEY_1 },
});

async function domainCount(): Promise<number> {
  return (await h.voiceId.send(new ListDomainsCommand({ MaxResults: 10 }))).DomainSummaries!.length;
}

describe('CreateDomain with a ClientToken', () => {
  it('returns the same DomainId for a replay and creates one domain', async () => {
    const a = await h.voiceId.send(new CreateDomainCommand(domainInput('tok-1')));
    const b = await h.voiceId.send(new CreateDomainCommand(domainInput('tok-1')));
    expect(b.Domain?.DomainId).toBe(a.Domain?.DomainId);
    expect(await domainCount()).toBe(1);
    expect(h.emulator.admin.snapshot().domains).toHaveLength(1);
  });

  it('answers a replay with different input with ConflictException and no ConflictType', async () => {
    await h.voiceId.send(new CreateDomainCommand(domainInput('tok-1')));
    const e = await expectSdkError(h.voiceId.send(new CreateDomainCommand(domainInput('tok-1', 'other-name'))), ConflictException, {
      name: 'ConflictException',
      status: STATUS.ConflictException,
    });
    expect(e.ConflictType).toBeUndefined();
    expect(await domainCount()).toBe(1);
  });

  it('treats tokens as case-sensitive: TOK-1 and tok-1 create two domains', async () => {
    await h.voiceId.send(new CreateDomainCommand(domainInput('tok-1')));
    await h.voiceId.send(new CreateDomainCommand(domainInput('TOK-1')));
    expect(await domainCount()).toBe(2);
  });

  it('creates two domains for two requests without a token (the SDK fills a fresh one each time)', async () => {
    await h.voiceId.send(new CreateDomainCommand({ Name: 'free', ServerSideEncryptionConfiguration: { KmsKeyId: KEY_1 } }));
    await h.voiceId.send(new CreateDomainCommand({ Name: 'free', ServerSideEncryptionConfiguration: { KmsKeyId: KEY_1 } }));
    expect(await domainCount()).toBe(2);
  });

  it('replays without a quota check even when the domain quota is full', async () => {
    const first = await h.voiceId.send(new CreateDomainCommand(domainInput('tok-1')));
    await createDomain(h, 'two');
    await createDomain(h, 'three');
    const replay = await h.voiceId.send(new CreateDomainCommand(domainInput('tok-1')));
    expect(replay.Domain?.DomainId).toBe(first.Domain?.DomainId);
  });

  it('forgets the token after the idempotency window and creates a new domain', async () => {
    const a = await h.voiceId.send(new CreateDomainCommand(domainInput('tok-1')));
    h.clock.advance(60_001);
    const b = await h.voiceId.send(new CreateDomainCommand(domainInput('tok-1')));
    expect(b.Domain?.DomainId).not.toBe(a.Domain?.DomainId);
    expect(await domainCount()).toBe(2);
  });

  it('answers a replay with a response equal to the original one', async () => {
    const a = await h.voiceId.send(new CreateDomainCommand({ ...domainInput('tok-1'), Description: 'v1' }));
    const replay = await h.voiceId.send(new CreateDomainCommand({ ...domainInput('tok-1'), Description: 'v1' }));
    expect(replay.Domain).toEqual(a.Domain);
  });

  it('does not remember a failed request: a corrected retry with the same token succeeds', async () => {
    await expectSdkError(
      h.voiceId.send(new CreateDomainCommand({ ...domainInput('tok-1'), Name: 'bad name' })),
      ValidationException,
      { name: 'ValidationException' },
    );
    const ok = await h.voiceId.send(new CreateDomainCommand(domainInput('tok-1')));
    expect(ok.Domain?.Name).toBe('idem');
  });
});

describe('CreateWatchlist with a ClientToken', () => {
  it('returns the same WatchlistId for a replay and creates one watchlist', async () => {
    const domainId = await createDomain(h);
    const a = await h.voiceId.send(new CreateWatchlistCommand({ DomainId: domainId, Name: 'ring', ClientToken: 'wl-1' }));
    const b = await h.voiceId.send(new CreateWatchlistCommand({ DomainId: domainId, Name: 'ring', ClientToken: 'wl-1' }));
    expect(b.Watchlist?.WatchlistId).toBe(a.Watchlist?.WatchlistId);
    const list = await h.voiceId.send(new ListWatchlistsCommand({ DomainId: domainId }));
    expect(list.WatchlistSummaries).toHaveLength(2);
  });

  it('answers the same token with a different description with ConflictException', async () => {
    const domainId = await createDomain(h);
    await h.voiceId.send(new CreateWatchlistCommand({ DomainId: domainId, Name: 'ring', ClientToken: 'wl-1' }));
    await expectSdkError(
      h.voiceId.send(new CreateWatchlistCommand({ DomainId: domainId, Name: 'ring', Description: 'changed', ClientToken: 'wl-1' })),
      ConflictException,
      { name: 'ConflictException', status: STATUS.ConflictException },
    );
  });
});

describe('Start*Job with a ClientToken', () => {
  const enrollment = (domainId: string) => ({
    DomainId: domainId,
    JobName: 'backfill',
    ClientToken: 'job-1',
    DataAccessRoleArn: ROLE_ARN,
    InputDataConfig: { S3Uri: 's3://bucket/in.json' },
    OutputDataConfig: { S3Uri: 's3://bucket/out/' },
  });

  it('returns the same JobId for a replay of StartSpeakerEnrollmentJob instead of hitting the one-active-job quota', async () => {
    const domainId = await createDomain(h);
    const a = await h.voiceId.send(new StartSpeakerEnrollmentJobCommand(enrollment(domainId)));
    const b = await h.voiceId.send(new StartSpeakerEnrollmentJobCommand(enrollment(domainId)));
    expect(b.Job?.JobId).toBe(a.Job?.JobId);
    const list = await h.voiceId.send(new ListSpeakerEnrollmentJobsCommand({ DomainId: domainId }));
    expect(list.JobSummaries).toHaveLength(1);
  });

  it('returns the same JobId for a replay of StartFraudsterRegistrationJob', async () => {
    const domainId = await createDomain(h);
    const a = await h.voiceId.send(new StartFraudsterRegistrationJobCommand(enrollment(domainId)));
    const b = await h.voiceId.send(new StartFraudsterRegistrationJobCommand(enrollment(domainId)));
    expect(b.Job?.JobId).toBe(a.Job?.JobId);
  });

  it('answers the same job token with a different output location with ConflictException', async () => {
    const domainId = await createDomain(h);
    await h.voiceId.send(new StartSpeakerEnrollmentJobCommand(enrollment(domainId)));
    await expectSdkError(
      h.voiceId.send(new StartSpeakerEnrollmentJobCommand({ ...enrollment(domainId), OutputDataConfig: { S3Uri: 's3://bucket/other/', KmsKeyId: KEY_2 } })),
      ConflictException,
      { name: 'ConflictException', status: STATUS.ConflictException },
    );
  });
});

describe('concurrent replays and the default window', () => {
  it('creates one domain when five identical token requests arrive at once', async () => {
    const outs = await Promise.all(Array.from({ length: 5 }, () => h.voiceId.send(new CreateDomainCommand(domainInput('burst')))));
    expect(new Set(outs.map((o) => o.Domain?.DomainId)).size).toBe(1);
    expect(await domainCount()).toBe(1);
  });

  it('remembers a token for 24 hours by default and forgets it after', async () => {
    await h.start();
    const a = await h.voiceId.send(new CreateDomainCommand(domainInput('day')));
    h.clock.advance(24 * 3600_000 - 1);
    const b = await h.voiceId.send(new CreateDomainCommand(domainInput('day')));
    expect(b.Domain?.DomainId).toBe(a.Domain?.DomainId);
    h.clock.advance(2);
    const c = await h.voiceId.send(new CreateDomainCommand(domainInput('day')));
    expect(c.Domain?.DomainId).not.toBe(a.Domain?.DomainId);
  });
});
