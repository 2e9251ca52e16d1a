import { describe, expect, it } from 'vitest';
import {
  ConflictException,
  CreateDomainCommand,
  CreateWatchlistCommand,
  DeleteDomainCommand,
  DescribeDomainCommand,
  DescribeSpeakerCommand,
  DescribeWatchlistCommand,
  ListDomainsCommand,
  ListFraudstersCommand,
  ListSpeakerEnrollmentJobsCommand,
  ListSpeakersCommand,
  ListTagsForResourceCommand,
  ListWatchlistsCommand,
  OptOutSpeakerCommand,
  StartSpeakerEnrollmentJobCommand,
  UpdateDomainCommand,
} from '@aws-sdk/client-voice-id';
import { ID22, KEY_1, ROLE_ARN, STATUS, T0, createDomain, domainArn, expectNotFound, expectSdkError, startHarness, harnessPerTest } from './harness.js';

/** DeleteDomain: "Amazon Connect waits 30 days before completely erasing the domain data" (constraints §6 S7). */
const DAY = 24 * 3600_000;
const h = harnessPerTest();

describe('CreateDomain', () => {
  it('returns an ACTIVE domain with a 22-character id, its ARN, its default watchlist and Date timestamps', async () => {
    const out = await h.voiceId.send(
      new CreateDomainCommand({
        Name: 'support-prod',
        Description: 'Production support line',
        ServerSideEncryptionConfiguration: { KmsKeyId: KEY_1 },
      }),
    );
    const d = out.Domain!;
    expect(d.DomainId).toMatch(ID22);
    expect(d.Arn).toBe(`arn:aws:voiceid:us-east-1:111122223333:domain/${d.DomainId}`);
    expect(d.Name).toBe('support-prod');
    expect(d.Description).toBe('Production support line');
    expect(d.DomainStatus).toBe('ACTIVE');
    expect(d.ServerSideEncryptionConfiguration).toEqual({ KmsKeyId: KEY_1 });
    expect(d.WatchlistDetails?.DefaultWatchlistId).toMatch(ID22);
    expect(d.CreatedAt).toBeInstanceOf(Date);
    expect(d.CreatedAt?.toISOString()).toBe('2026-11-21T10:00:00.000Z');
    expect(d.UpdatedAt?.toISOString()).toBe('2026-11-21T10:00:00.000Z');
  });

  it('returns no ServerSideEncryptionUpdateDetails for a domain whose key never changed', async () => {
    const id = await createDomain(h);
    const d = (await h.voiceId.send(new DescribeDomainCommand({ DomainId: id }))).Domain!;
    expect(d.ServerSideEncryptionUpdateDetails).toBeUndefined();
  });

  it('allows two domains with the same name and gives them different ids', async () => {
    const a = await createDomain(h, 'twin');
    const b = await createDomain(h, 'twin');
    expect(a).not.toBe(b);
    const names = (await h.voiceId.send(new ListDomainsCommand({}))).DomainSummaries!.map((s) => s.Name);
    expect(names).toEqual(['twin', 'twin']);
  });
});

describe('DescribeDomain and ListDomains', () => {
  it('describes a created domain with the values it was created with', async () => {
    const id = await createDomain(h, 'billing', { description: 'Billing line' });
    const d = (await h.voiceId.send(new DescribeDomainCommand({ DomainId: id }))).Domain!;
    expect(d).toMatchObject({
      DomainId: id,
      Arn: domainArn(id),
      Name: 'billing',
      Description: 'Billing line',
      DomainStatus: 'ACTIVE',
      ServerSideEncryptionConfiguration: { KmsKeyId: KEY_1 },
    });
    expect(d.CreatedAt).toEqual(new Date(T0));
  });

  it('lists a created domain as a summary with the same id, ARN, name and status', async () => {
    const id = await createDomain(h, 'billing');
    const list = await h.voiceId.send(new ListDomainsCommand({}));
    expect(list.DomainSummaries).toHaveLength(1);
    expect(list.DomainSummaries![0]).toMatchObject({
      DomainId: id,
      Arn: domainArn(id),
      Name: 'billing',
      DomainStatus: 'ACTIVE',
      ServerSideEncryptionConfiguration: { KmsKeyId: KEY_1 },
    });
    expect(list.DomainSummaries![0]!.WatchlistDetails?.DefaultWatchlistId).toMatch(ID22);
    expect(list.NextToken).toBeUndefined();
  });

  it('answers an unknown domain id with ResourceNotFoundException of ResourceType DOMAIN', async () => {
    await expectNotFound(h.voiceId.send(new DescribeDomainCommand({ DomainId: 'a'.repeat(22) })), 'DOMAIN');
  });
});

describe('UpdateDomain clobber semantics', () => {
  it('removes the description when UpdateDomain omits it', async () => {
    const id = await createDomain(h, 'billing', { description: 'Billing line' });
    const out = await h.voiceId.send(
      new UpdateDomainCommand({ DomainId: id, Name: 'billing', ServerSideEncryptionConfiguration: { KmsKeyId: KEY_1 } }),
    );
    expect(out.Domain?.Description).toBeUndefined();
    const d = (await h.voiceId.send(new DescribeDomainCommand({ DomainId: id }))).Domain!;
    expect(d.Description).toBeUndefined();
  });

  it('replaces the name and moves UpdatedAt to the current clock while CreatedAt stays', async () => {
    const id = await createDomain(h, 'billing');
    h.clock.advance(60_000);
    await h.voiceId.send(
      new UpdateDomainCommand({ DomainId: id, Name: 'billing-2', Description: 'new', ServerSideEncryptionConfiguration: { KmsKeyId: KEY_1 } }),
    );
    const d = (await h.voiceId.send(new DescribeDomainCommand({ DomainId: id }))).Domain!;
    expect(d.Name).toBe('billing-2');
    expect(d.Description).toBe('new');
    expect(d.CreatedAt?.toISOString()).toBe('2026-11-21T10:00:00.000Z');
    expect(d.UpdatedAt?.toISOString()).toBe('2026-11-21T10:01:00.000Z');
  });

  it('does not start a re-encryption when the key is unchanged', async () => {
    const id = await createDomain(h);
    const out = await h.voiceId.send(
      new UpdateDomainCommand({ DomainId: id, Name: 'renamed', ServerSideEncryptionConfiguration: { KmsKeyId: KEY_1 } }),
    );
    expect(out.Domain?.ServerSideEncryptionUpdateDetails).toBeUndefined();
  });

  it('answers UpdateDomain on an unknown domain with ResourceNotFoundException', async () => {
    await expectNotFound(
      h.voiceId.send(
        new UpdateDomainCommand({ DomainId: 'b'.repeat(22), Name: 'x', ServerSideEncryptionConfiguration: { KmsKeyId: KEY_1 } }),
      ),
      'DOMAIN',
    );
  });
});

describe('DeleteDomain soft delete', () => {
  it('turns the domain SUSPENDED and DescribeDomain still returns it', async () => {
    const id = await createDomain(h);
    await h.voiceId.send(new DeleteDomainCommand({ DomainId: id }));
    const d = (await h.voiceId.send(new DescribeDomainCommand({ DomainId: id }))).Domain!;
    expect(d.DomainStatus).toBe('SUSPENDED');
  });

  it('keeps a suspended domain in ListDomains with status SUSPENDED', async () => {
    const id = await createDomain(h);
    await h.voiceId.send(new DeleteDomainCommand({ DomainId: id }));
    const list = await h.voiceId.send(new ListDomainsCommand({}));
    expect(list.DomainSummaries?.map((s) => [s.DomainId, s.DomainStatus])).toEqual([[id, 'SUSPENDED']]);
  });

  it('still describes a suspended domain 29 days after the delete', async () => {
    const id = await createDomain(h);
    await h.voiceId.send(new DeleteDomainCommand({ DomainId: id }));
    h.clock.advance(29 * DAY);
    expect((await h.voiceId.send(new DescribeDomainCommand({ DomainId: id }))).Domain?.DomainStatus).toBe('SUSPENDED');
  });

  it('erases a suspended domain after 30 days: no longer listed, DescribeDomain is ResourceNotFound', async () => {
    const id = await createDomain(h);
    await h.voiceId.send(new DeleteDomainCommand({ DomainId: id }));
    h.clock.advance(31 * DAY);
    expect((await h.voiceId.send(new ListDomainsCommand({}))).DomainSummaries).toEqual([]);
    await expectNotFound(h.voiceId.send(new DescribeDomainCommand({ DomainId: id })), 'DOMAIN');
  });

  it('refuses UpdateDomain on a suspended domain with ConflictException DOMAIN_NOT_ACTIVE', async () => {
    const id = await createDomain(h);
    await h.voiceId.send(new DeleteDomainCommand({ DomainId: id }));
    await expectSdkError(
      h.voiceId.send(new UpdateDomainCommand({ DomainId: id, Name: 'x', ServerSideEncryptionConfiguration: { KmsKeyId: KEY_1 } })),
      ConflictException,
      { name: 'ConflictException', status: STATUS.ConflictException, conflictType: 'DOMAIN_NOT_ACTIVE' },
    );
  });

  it('refuses CreateWatchlist in a suspended domain with ConflictException DOMAIN_NOT_ACTIVE', async () => {
    const id = await createDomain(h);
    await h.voiceId.send(new DeleteDomainCommand({ DomainId: id }));
    await expectSdkError(h.voiceId.send(new CreateWatchlistCommand({ DomainId: id, Name: 'late' })), ConflictException, {
      name: 'ConflictException',
      status: STATUS.ConflictException,
      conflictType: 'DOMAIN_NOT_ACTIVE',
    });
  });

  it.each([
    ['OptOutSpeaker', (id: string) => h.voiceId.send(new OptOutSpeakerCommand({ DomainId: id, SpeakerId: 'customer-0001' }))],
    ['StartSpeakerEnrollmentJob', (id: string) => h.voiceId.send(new StartSpeakerEnrollmentJobCommand({
      DomainId: id,
      DataAccessRoleArn: ROLE_ARN,
      InputDataConfig: { S3Uri: 's3://bucket/in.json' },
      OutputDataConfig: { S3Uri: 's3://bucket/out/' },
    }))],
  ] as const)('refuses %s in a suspended domain with ConflictException DOMAIN_NOT_ACTIVE', async (_op, call) => {
    const id = await createDomain(h);
    await h.voiceId.send(new DeleteDomainCommand({ DomainId: id }));
    await expectSdkError(call(id), ConflictException, {
      name: 'ConflictException',
      status: STATUS.ConflictException,
      conflictType: 'DOMAIN_NOT_ACTIVE',
    });
  });

  // Reads declare no ConflictException in the model; the CloudFormation handler of AWS::VoiceID::Domain treats a
  // SUSPENDED domain as not found (EMULATOR.md §4): they answer ResourceNotFoundException DOMAIN.
  it.each([
    ['ListSpeakers', (id: string) => h.voiceId.send(new ListSpeakersCommand({ DomainId: id }))],
    ['ListWatchlists', (id: string) => h.voiceId.send(new ListWatchlistsCommand({ DomainId: id }))],
    ['DescribeSpeaker', (id: string) => h.voiceId.send(new DescribeSpeakerCommand({ DomainId: id, SpeakerId: 'customer-0001' }))],
    ['DescribeWatchlist', (id: string) => h.voiceId.send(new DescribeWatchlistCommand({ DomainId: id, WatchlistId: 'W'.repeat(22) }))],
    ['ListFraudsters', (id: string) => h.voiceId.send(new ListFraudstersCommand({ DomainId: id }))],
    ['ListSpeakerEnrollmentJobs', (id: string) => h.voiceId.send(new ListSpeakerEnrollmentJobsCommand({ DomainId: id }))],
    ['ListTagsForResource', (id: string) => h.voiceId.send(new ListTagsForResourceCommand({ ResourceArn: domainArn(id) }))],
  ] as const)('answers %s in a suspended domain with ResourceNotFoundException DOMAIN, the error the read declares', async (_op, call) => {
    const id = await createDomain(h);
    await h.voiceId.send(new DeleteDomainCommand({ DomainId: id }));
    await expectNotFound(call(id), 'DOMAIN');
  });

  it('answers DeleteDomain on an already suspended domain with ResourceNotFoundException', async () => {
    const id = await createDomain(h);
    await h.voiceId.send(new DeleteDomainCommand({ DomainId: id }));
    await expectNotFound(h.voiceId.send(new DeleteDomainCommand({ DomainId: id })), 'DOMAIN');
  });

  it('answers DeleteDomain on an unknown domain with ResourceNotFoundException', async () => {
    await expectNotFound(h.voiceId.send(new DeleteDomainCommand({ DomainId: 'c'.repeat(22) })), 'DOMAIN');
  });
});

describe('region and account', () => {
  it('builds the domain ARN from the configured region and account', async () => {
    await h.start({ region: 'eu-west-2', accountId: '444455556666' });
    const id = await createDomain(h);
    const d = (await h.voiceId.send(new DescribeDomainCommand({ DomainId: id }))).Domain!;
    expect(d.Arn).toBe(`arn:aws:voiceid:eu-west-2:444455556666:domain/${id}`);
  });
});

describe('injected id randomness', () => {
  it('generates the same DomainId in two emulators given the same random source', async () => {
    const source = () => {
      let i = 0;
      return () => ((i += 1) * 0.137) % 1;
    };
    const ids: string[] = [];
    for (let n = 0; n < 2; n += 1) {
      const x = await startHarness({ random: source() });
      ids.push(await createDomain(x));
      await x.close();
    }
    expect(ids[0]).toMatch(ID22);
    expect(ids[1]).toBe(ids[0]);
  });
});
