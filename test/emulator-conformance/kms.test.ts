/** KMS DescribeKey (EMULATOR.md §10): every spelling of a seeded key resolves to the same key ARN. */
import { describe, expect, it } from 'vitest';
import { DescribeKeyCommand, NotFoundException } from '@aws-sdk/client-kms';
import { KEY_1, KEY_1_ARN, KEY_2_ARN, KEY_JOBS, expectSdkError, harnessPerTest } from './harness.js';

const h = harnessPerTest();

async function arnOf(keyId: string): Promise<string | undefined> {
  return (await h.kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata?.Arn;
}

describe('DescribeKey', () => {
  it.each([
    ['key id', KEY_1],
    ['key ARN', KEY_1_ARN],
    ['alias name', 'alias/voiceid'],
    ['alias ARN', 'arn:aws:kms:us-east-1:111122223333:alias/voiceid'],
  ])('resolves the %s of the default key to the key ARN', async (_label, keyId) => {
    expect(await arnOf(keyId)).toBe('arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab');
  });

  it('describes the default key as an enabled symmetric customer-managed key of the account', async () => {
    const meta = (await h.kms.send(new DescribeKeyCommand({ KeyId: 'alias/voiceid' }))).KeyMetadata!;
    expect(meta).toMatchObject({
      AWSAccountId: '111122223333',
      KeyId: KEY_1,
      Enabled: true,
      KeyState: 'Enabled',
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeyManager: 'CUSTOMER',
      KeySpec: 'SYMMETRIC_DEFAULT',
      Origin: 'AWS_KMS',
    });
    expect(meta.CreationDate).toBeInstanceOf(Date);
  });

  it('knows the other two default keys by alias', async () => {
    expect(await arnOf('alias/voiceid-next')).toBe(KEY_2_ARN);
    expect(await arnOf('alias/voiceid-jobs')).toBe(`arn:aws:kms:us-east-1:111122223333:key/${KEY_JOBS}`);
  });

  it('answers an unknown key with NotFoundException (400)', async () => {
    await expectSdkError(h.kms.send(new DescribeKeyCommand({ KeyId: 'alias/nope' })), NotFoundException, {
      name: 'NotFoundException',
      status: 400,
    });
  });

  it('reports a configured disabled key as Disabled and not Enabled', async () => {
    await h.start({ kmsKeys: [{ keyId: 'dddddddd-dddd-dddd-dddd-dddddddddddd', aliases: ['alias/off'], keyState: 'Disabled' }] });
    const meta = (await h.kms.send(new DescribeKeyCommand({ KeyId: 'alias/off' }))).KeyMetadata!;
    expect(meta.KeyState).toBe('Disabled');
    expect(meta.Enabled).toBe(false);
  });

  it('replaces the default keys when kmsKeys is given', async () => {
    await h.start({ kmsKeys: [{ keyId: 'eeeeeeee-eeee-eeee-eeee-eeeeeeeeeeee' }] });
    await expectSdkError(h.kms.send(new DescribeKeyCommand({ KeyId: KEY_1 })), NotFoundException, { name: 'NotFoundException' });
  });
});
