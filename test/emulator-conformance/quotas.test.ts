/** Resource quotas at their documented defaults (voice-id-facts.md §2.1). */
import { describe, expect, it } from 'vitest';
import {
  CreateDomainCommand,
  DeleteDomainCommand,
  ListDomainsCommand,
  ListTagsForResourceCommand,
  ServiceQuotaExceededException,
  TagResourceCommand,
  ValidationException,
} from '@aws-sdk/client-voice-id';
import { KEY_1, STATUS, createDomain, domainArn, expectSdkError, harnessStartedByEachTest } from './harness.js';

const h = harnessStartedByEachTest();

const quotaError = { name: 'ServiceQuotaExceededException', status: STATUS.ServiceQuotaExceededException } as const;

function fourth() {
  return h.voiceId.send(new CreateDomainCommand({ Name: 'fourth', ServerSideEncryptionConfiguration: { KmsKeyId: KEY_1 } }));
}

describe('active domains per account', () => {
  it('refuses a fourth active domain with ServiceQuotaExceededException', async () => {
    await h.start();
    for (const n of ['one', 'two', 'three']) await createDomain(h, n);
    await expectSdkError(fourth(), ServiceQuotaExceededException, quotaError);
    expect((await h.voiceId.send(new ListDomainsCommand({}))).DomainSummaries).toHaveLength(3);
  });

  it('does not count suspended domains: after a delete a new domain can be created', async () => {
    await h.start();
    const [first] = [await createDomain(h, 'one'), await createDomain(h, 'two'), await createDomain(h, 'three')];
    await h.voiceId.send(new DeleteDomainCommand({ DomainId: first }));
    const out = await fourth();
    expect(out.Domain?.DomainStatus).toBe('ACTIVE');
    expect((await h.voiceId.send(new ListDomainsCommand({}))).DomainSummaries).toHaveLength(4);
  });

  it('does not count seeded SUSPENDED domains', async () => {
    await h.start();
    await h.emulator.admin.seed({ domains: [1, 2, 3].map((i) => ({ name: `gone-${i}`, status: 'SUSPENDED' as const })) });
    for (const n of ['one', 'two', 'three']) await createDomain(h, n);
    await expectSdkError(fourth(), ServiceQuotaExceededException, quotaError);
  });

  it('lets exactly three of five concurrent CreateDomain calls through', async () => {
    await h.start();
    const results = await Promise.allSettled(
      [1, 2, 3, 4, 5].map((i) => h.voiceId.send(new CreateDomainCommand({ Name: `c${i}`, ServerSideEncryptionConfiguration: { KmsKeyId: KEY_1 } }))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const rejected = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
    expect(rejected.map((e) => e instanceof ServiceQuotaExceededException)).toEqual([true, true]);
  });

  it('honours a configured maxDomains of 1', async () => {
    await h.start({ maxDomains: 1 });
    await createDomain(h, 'only');
    await expectSdkError(fourth(), ServiceQuotaExceededException, quotaError);
  });
});

describe('tags per domain (default 50)', () => {
  it('accepts 50 tags on a domain', async () => {
    await h.start();
    const id = await createDomain(h);
    const tags = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await h.voiceId.send(new TagResourceCommand({ ResourceArn: domainArn(id), Tags: tags }));
    const listed = await h.voiceId.send(new ListTagsForResourceCommand({ ResourceArn: domainArn(id) }));
    expect(listed.Tags).toHaveLength(50);
  });

  it('refuses the 51st distinct tag key with ValidationException', async () => {
    await h.start();
    const id = await createDomain(h);
    const tags = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await h.voiceId.send(new TagResourceCommand({ ResourceArn: domainArn(id), Tags: tags }));
    await expectSdkError(
      h.voiceId.send(new TagResourceCommand({ ResourceArn: domainArn(id), Tags: [{ Key: 'k50', Value: 'v' }] })),
      ValidationException,
      { name: 'ValidationException', status: STATUS.ValidationException },
    );
  });

  it('refuses CreateDomain with 51 tags with ValidationException and creates nothing', async () => {
    await h.start();
    const tags = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await expectSdkError(
      h.voiceId.send(new CreateDomainCommand({ Name: 'too-many', ServerSideEncryptionConfiguration: { KmsKeyId: KEY_1 }, Tags: tags })),
      ValidationException,
      { name: 'ValidationException', status: STATUS.ValidationException },
    );
    expect((await h.voiceId.send(new ListDomainsCommand({}))).DomainSummaries).toEqual([]);
  });
});
