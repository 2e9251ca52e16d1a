/**
 * KMS key change on UpdateDomain (voice-id-constraints.md §6 S2-S5): asynchronous re-encryption tracked in
 * ServerSideEncryptionUpdateDetails; a second change while IN_PROGRESS is refused; FAILED is retried by an
 * UpdateDomain carrying the unchanged key.
 */
import { describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConflictException, DescribeDomainCommand, UpdateDomainCommand } from '@aws-sdk/client-voice-id';
import { KEY_1, KEY_2, STATUS, createDomain, expectSdkError, harnessPerTest } from './harness.js';

const DELAY = 5_000;
const DISABLED_KEY = 'dddddddd-dddd-dddd-dddd-dddddddddddd';
const keys = [
  { keyId: KEY_1, aliases: ['alias/voiceid'] },
  { keyId: KEY_2, aliases: ['alias/voiceid-next'] },
  { keyId: DISABLED_KEY, aliases: ['alias/voiceid-disabled'], keyState: 'Disabled' as const },
];

const LOCKED = { name: 'ConflictException', status: STATUS.ConflictException, conflictType: 'DOMAIN_LOCKED_FROM_ENCRYPTION_UPDATES' } as const;

const h = harnessPerTest({ kmsUpdateDelayMs: DELAY, kmsKeys: keys });

async function changeKey(domainId: string, keyId: string, name = 'kms-domain') {
  const out = await h.voiceId.send(
    new UpdateDomainCommand({ DomainId: domainId, Name: name, ServerSideEncryptionConfiguration: { KmsKeyId: keyId } }),
  );
  return out.Domain!;
}

/** A new domain (on KEY_1) whose key change to `keyId` has started; the clock then moves on by `after` ms. */
async function keyChangeStarted(keyId: string, after = 0): Promise<string> {
  const id = await createDomain(h, 'kms-domain');
  await changeKey(id, keyId);
  h.clock.advance(after);
  return id;
}

/** A seeded domain on KEY_2 with a re-encryption from KEY_1 IN_PROGRESS. */
async function seededInProgress(): Promise<string> {
  const s = await h.emulator.admin.seed({
    domains: [{ name: 'seeded', kmsKeyId: KEY_2, encryptionUpdate: { status: 'IN_PROGRESS', oldKmsKeyId: KEY_1 } }],
  });
  return s.domainIds[0]!;
}

async function describe_(domainId: string) {
  return (await h.voiceId.send(new DescribeDomainCommand({ DomainId: domainId }))).Domain!;
}

describe('UpdateDomain with a new KMS key', () => {
  it('answers with the new key and an IN_PROGRESS update naming the old key', async () => {
    const id = await createDomain(h, 'kms-domain');
    const d = await changeKey(id, KEY_2);
    expect(d.ServerSideEncryptionConfiguration).toEqual({ KmsKeyId: KEY_2 });
    expect(d.ServerSideEncryptionUpdateDetails?.UpdateStatus).toBe('IN_PROGRESS');
    expect(d.ServerSideEncryptionUpdateDetails?.OldKmsKeyId).toBe(KEY_1);
  });

  it('stays IN_PROGRESS until the configured delay has passed on the clock', async () => {
    const id = await keyChangeStarted(KEY_2, DELAY - 1);
    expect((await describe_(id)).ServerSideEncryptionUpdateDetails?.UpdateStatus).toBe('IN_PROGRESS');
  });

  it('reports COMPLETED with the old key still named once the delay has passed', async () => {
    const id = await keyChangeStarted(KEY_2, DELAY);
    const d = await describe_(id);
    expect(d.ServerSideEncryptionUpdateDetails?.UpdateStatus).toBe('COMPLETED');
    expect(d.ServerSideEncryptionUpdateDetails?.OldKmsKeyId).toBe(KEY_1);
    expect(d.ServerSideEncryptionConfiguration?.KmsKeyId).toBe(KEY_2);
  });

  it('refuses a second key change while one is IN_PROGRESS with ConflictException DOMAIN_LOCKED_FROM_ENCRYPTION_UPDATES', async () => {
    const id = await keyChangeStarted(KEY_2);
    await expectSdkError(changeKey(id, KEY_1), ConflictException, LOCKED);
    expect((await describe_(id)).ServerSideEncryptionConfiguration?.KmsKeyId).toBe(KEY_2);
  });

  it('accepts another key change once the previous one COMPLETED', async () => {
    const id = await keyChangeStarted(KEY_2, DELAY);
    const d = await changeKey(id, KEY_1);
    expect(d.ServerSideEncryptionUpdateDetails).toMatchObject({ UpdateStatus: 'IN_PROGRESS', OldKmsKeyId: KEY_2 });
  });
});

describe('re-encryption to a disabled key', () => {
  it('ends FAILED with a message after the delay', async () => {
    const id = await keyChangeStarted(DISABLED_KEY, DELAY);
    const details = (await describe_(id)).ServerSideEncryptionUpdateDetails;
    expect(details?.UpdateStatus).toBe('FAILED');
    expect(details?.OldKmsKeyId).toBe(KEY_1);
    expect(details?.Message?.length).toBeGreaterThan(0);
  });

  it('ends FAILED when the disabled key is named by its alias', async () => {
    const id = await keyChangeStarted('alias/voiceid-disabled', DELAY);
    expect((await describe_(id)).ServerSideEncryptionUpdateDetails?.UpdateStatus).toBe('FAILED');
  });

  it('restarts the update (IN_PROGRESS) when UpdateDomain is sent again with the same key after FAILED', async () => {
    const id = await keyChangeStarted(DISABLED_KEY, DELAY);
    const retried = await changeKey(id, DISABLED_KEY);
    expect(retried.ServerSideEncryptionUpdateDetails?.UpdateStatus).toBe('IN_PROGRESS');
    expect(retried.ServerSideEncryptionUpdateDetails?.OldKmsKeyId).toBe(KEY_1);
  });

  it('accepts a different key after FAILED (the domain is not locked)', async () => {
    const id = await keyChangeStarted(DISABLED_KEY, DELAY);
    const d = await changeKey(id, KEY_2);
    expect(d.ServerSideEncryptionConfiguration?.KmsKeyId).toBe(KEY_2);
    expect(d.ServerSideEncryptionUpdateDetails?.UpdateStatus).toBe('IN_PROGRESS');
  });
});

describe('seeded encryption updates', () => {
  it('completes a seeded IN_PROGRESS update after the delay, naming its old key', async () => {
    const id = await seededInProgress();
    expect((await describe_(id)).ServerSideEncryptionUpdateDetails).toMatchObject({ UpdateStatus: 'IN_PROGRESS', OldKmsKeyId: KEY_1 });
    h.clock.advance(DELAY);
    expect((await describe_(id)).ServerSideEncryptionUpdateDetails).toMatchObject({ UpdateStatus: 'COMPLETED', OldKmsKeyId: KEY_1 });
  });

  it('locks a seeded IN_PROGRESS domain against a key change', async () => {
    const id = await seededInProgress();
    await expectSdkError(changeKey(id, KEY_1, 'seeded'), ConflictException, LOCKED);
  });
});

describe('updates that are not key changes', () => {
  it('allows a name-only UpdateDomain while a key change is IN_PROGRESS and keeps the update running', async () => {
    const id = await keyChangeStarted(KEY_2);
    const d = await changeKey(id, KEY_2, 'renamed');
    expect(d.Name).toBe('renamed');
    expect(d.ServerSideEncryptionUpdateDetails).toMatchObject({ UpdateStatus: 'IN_PROGRESS', OldKmsKeyId: KEY_1 });
  });

  it('does not start a re-encryption when the new value is another spelling (alias) of the current key', async () => {
    const id = await createDomain(h, 'kms-domain');
    const d = await changeKey(id, 'alias/voiceid');
    expect(d.ServerSideEncryptionUpdateDetails).toBeUndefined();
  });
});

describe('recovery from FAILED once the key is usable again', () => {
  it('completes a same-key retry after a restart in which the key is Enabled', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'voiceid-kms-'));
    try {
      const statePath = join(dir, 'state.json');
      await h.start({ kmsUpdateDelayMs: DELAY, kmsKeys: keys, statePath });
      const id = await createDomain(h, 'kms-domain');
      await changeKey(id, DISABLED_KEY);
      h.clock.advance(DELAY);
      expect((await describe_(id)).ServerSideEncryptionUpdateDetails?.UpdateStatus).toBe('FAILED');
      await h.close();
      const enabled = keys.map((k) => ({ ...k, keyState: 'Enabled' as const }));
      await h.start({ kmsUpdateDelayMs: DELAY, kmsKeys: enabled, statePath });
      h.clock.advance(DELAY);
      const retried = await changeKey(id, DISABLED_KEY);
      expect(retried.ServerSideEncryptionUpdateDetails).toMatchObject({ UpdateStatus: 'IN_PROGRESS', OldKmsKeyId: KEY_1 });
      h.clock.advance(DELAY);
      expect((await describe_(id)).ServerSideEncryptionUpdateDetails?.UpdateStatus).toBe('COMPLETED');
    } finally {
      await h.close(); // before its state file is removed
      await rm(dir, { recursive: true, force: true });
    }
  });
});
