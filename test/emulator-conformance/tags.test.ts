/** Domain tags (voice-id-constraints.md §6 S16): only domains are taggable; values overwrite; a per-domain limit. */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  ConflictException,
  DeleteDomainCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  ValidationException,
} from '@aws-sdk/client-voice-id';
import { STATUS, createDomain, domainArn, expectSdkError, harnessPerTest, expectNotFound } from './harness.js';

const h = harnessPerTest({ maxTagsPerDomain: 5 });
let arn: string;
let domainId: string;

beforeEach(async () => {
  domainId = await createDomain(h, 'tagged', { tags: { team: 'contact-center' } });
  arn = domainArn(domainId);
});

async function tags(): Promise<Record<string, string>> {
  const out = await h.voiceId.send(new ListTagsForResourceCommand({ ResourceArn: arn }));
  return Object.fromEntries((out.Tags ?? []).map((t) => [t.Key!, t.Value!]));
}

describe('tags on a domain', () => {
  it('returns the tags given at CreateDomain', async () => {
    expect(await tags()).toEqual({ team: 'contact-center' });
  });

  it('adds tags with TagResource', async () => {
    await h.voiceId.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'env', Value: 'prod' }] }));
    expect(await tags()).toEqual({ team: 'contact-center', env: 'prod' });
  });

  it('overwrites the value of an existing key', async () => {
    await h.voiceId.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'team', Value: 'fraud' }] }));
    expect(await tags()).toEqual({ team: 'fraud' });
  });

  it('accepts an empty tag value', async () => {
    await h.voiceId.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'flag', Value: '' }] }));
    expect(await tags()).toEqual({ team: 'contact-center', flag: '' });
  });

  it('removes keys with UntagResource and ignores absent keys', async () => {
    await h.voiceId.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['team', 'never-set'] }));
    expect(await tags()).toEqual({});
  });

  it('refuses tags beyond the per-domain limit with ValidationException and keeps the old tags', async () => {
    const many = ['a', 'b', 'c', 'd', 'e'].map((k) => ({ Key: k, Value: 'v' }));
    await expectSdkError(h.voiceId.send(new TagResourceCommand({ ResourceArn: arn, Tags: many })), ValidationException, {
      name: 'ValidationException',
      status: STATUS.ValidationException,
    });
    expect(await tags()).toEqual({ team: 'contact-center' });
  });

  it('accepts tags up to the per-domain limit exactly', async () => {
    const four = ['a', 'b', 'c', 'd'].map((k) => ({ Key: k, Value: 'v' }));
    await h.voiceId.send(new TagResourceCommand({ ResourceArn: arn, Tags: four }));
    expect(Object.keys(await tags())).toHaveLength(5);
  });

  it('answers an unknown domain ARN with ResourceNotFoundException DOMAIN', async () => {
    await expectNotFound(h.voiceId.send(new ListTagsForResourceCommand({ ResourceArn: domainArn('U'.repeat(22)) })), 'DOMAIN');
  });

  it('refuses to tag a suspended domain with ConflictException DOMAIN_NOT_ACTIVE', async () => {
    await h.voiceId.send(new DeleteDomainCommand({ DomainId: domainId }));
    await expectSdkError(
      h.voiceId.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'late', Value: 'x' }] })),
      ConflictException,
      { name: 'ConflictException', status: STATUS.ConflictException, conflictType: 'DOMAIN_NOT_ACTIVE' },
    );
  });

  it('rejects a non-domain ARN with ValidationException', async () => {
    await expectSdkError(
      h.voiceId.send(new ListTagsForResourceCommand({ ResourceArn: 'arn:aws:voiceid:us-east-1:111122223333:watchlist/abc' })),
      ValidationException,
      { name: 'ValidationException', status: STATUS.ValidationException },
    );
  });
});
