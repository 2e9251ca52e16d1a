/** Persistence (EMULATOR.md §11): state written to statePath, flushed on close, loaded on the next start. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateDomainCommand,
  CreateWatchlistCommand,
  DescribeDomainCommand,
  DescribeSpeakerCommand,
  ListDomainsCommand,
  ListTagsForResourceCommand,
  ListWatchlistsCommand,
  OptOutSpeakerCommand,
  UpdateDomainCommand,
} from '@aws-sdk/client-voice-id';
import { KEY_1, KEY_2, createDomain, domainArn, startHarness } from './harness.js';
import type { Harness } from './harness.js';

let dir: string;
let statePath: string;
let h: Harness | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'voiceid-conformance-'));
  statePath = join(dir, 'state.json');
});
afterEach(async () => {
  await h?.close();
  h = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function restart(extra: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  await h?.close();
  h = await startHarness({ statePath, ...extra });
  return h;
}

describe('state across a restart', () => {
  it('keeps a domain with its description, tags, watchlists and opted-out speakers', async () => {
    const first = await restart();
    const id = await createDomain(first, 'persisted', { description: 'kept', tags: { team: 'cc' } });
    await first.voiceId.send(new CreateWatchlistCommand({ DomainId: id, Name: 'ring' }));
    await first.voiceId.send(new OptOutSpeakerCommand({ DomainId: id, SpeakerId: 'customer-0001' }));
    const second = await restart();
    const d = (await second.voiceId.send(new DescribeDomainCommand({ DomainId: id }))).Domain!;
    expect(d).toMatchObject({ Name: 'persisted', Description: 'kept', DomainStatus: 'ACTIVE' });
    expect(d.CreatedAt?.toISOString()).toBe('2026-11-21T10:00:00.000Z');
    const tags = await second.voiceId.send(new ListTagsForResourceCommand({ ResourceArn: domainArn(id) }));
    expect(tags.Tags).toEqual([{ Key: 'team', Value: 'cc' }]);
    const wl = await second.voiceId.send(new ListWatchlistsCommand({ DomainId: id }));
    expect(wl.WatchlistSummaries?.map((w) => w.Name).sort()).toEqual(['Default', 'ring']);
    const sp = await second.voiceId.send(new DescribeSpeakerCommand({ DomainId: id, SpeakerId: 'customer-0001' }));
    expect(sp.Speaker?.Status).toBe('OPTED_OUT');
  });

  it('writes the state file as JSON of version 1 and leaves no temp file behind after close', async () => {
    const first = await restart();
    await createDomain(first, 'on-disk');
    await first.close();
    h = undefined;
    const json = JSON.parse(await readFile(statePath, 'utf8')) as { version: number; domains: unknown[] };
    expect(json.version).toBe(1);
    expect(json.domains).toHaveLength(1);
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it('remembers ClientTokens across a restart, so a replayed CreateDomain returns the same domain', async () => {
    const input = { Name: 'tokened', ClientToken: 'persist-1', ServerSideEncryptionConfiguration: { KmsKeyId: KEY_1 } };
    const first = await restart();
    const a = await first.voiceId.send(new CreateDomainCommand(input));
    const second = await restart();
    const b = await second.voiceId.send(new CreateDomainCommand(input));
    expect(b.Domain?.DomainId).toBe(a.Domain?.DomainId);
    expect((await second.voiceId.send(new ListDomainsCommand({}))).DomainSummaries).toHaveLength(1);
  });

  it('keeps an in-progress KMS update, which completes on the new clock after the delay', async () => {
    const first = await restart({ kmsUpdateDelayMs: 5_000 });
    const id = await createDomain(first, 'rekey');
    await first.voiceId.send(new UpdateDomainCommand({ DomainId: id, Name: 'rekey', ServerSideEncryptionConfiguration: { KmsKeyId: KEY_2 } }));
    const second = await restart({ kmsUpdateDelayMs: 5_000 });
    const before = (await second.voiceId.send(new DescribeDomainCommand({ DomainId: id }))).Domain!;
    expect(before.ServerSideEncryptionUpdateDetails).toMatchObject({ UpdateStatus: 'IN_PROGRESS', OldKmsKeyId: KEY_1 });
    second.clock.advance(5_000);
    const after = (await second.voiceId.send(new DescribeDomainCommand({ DomainId: id }))).Domain!;
    expect(after.ServerSideEncryptionUpdateDetails?.UpdateStatus).toBe('COMPLETED');
  });

  it('starts empty when the state file does not exist yet', async () => {
    const first = await restart();
    expect((await first.voiceId.send(new ListDomainsCommand({}))).DomainSummaries).toEqual([]);
  });
});
