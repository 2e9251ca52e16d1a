/**
 * PLAN.md §15 end to end, through the real SDK client against one emulator: deleting fraudsters, erasing speakers
 * (refused without --allow-delete, nothing sent; applied with it), an erased speaker that comes back (enrolled
 * again through the admin API) erased again and labelled as drift, the conflict of an id both erased and opted out,
 * a fraudster both deleted and a watchlist member, and export writing no erased id. Every output of the file is collected and searched for an unmasked speaker id.
 */
import { DescribeFraudsterCommand, DescribeSpeakerCommand, ListFraudstersCommand, VoiceIDClient } from '@aws-sdk/client-voice-id';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { ENV, expectRefused, owner, workspace } from './plan-emulator.js';
import type { Workspace } from './plan-emulator.js';

const ERASED = ['cust-erase-1', 'cust-erase-2', 'cust-erase-3'];
const KEPT = 'cust-kept-1';
const YAML = (extra: string) => `version: 1\nstack: prod\ndomains:\n  support:\n    kmsKeyId: alias/voiceid\n    watchlists:\n      high-risk: {}\n${extra}`;

interface PlanJson {
  changes: { address: string; action: string; destructive: boolean; changedOutside?: string[]; speakerIds?: string[]; before?: Record<string, unknown> }[];
  errors: { code: string }[];
  redacted?: boolean;
}

let ws: Workspace;
let client: VoiceIDClient;
let domainId: string;
let fraudsters: readonly string[];
/** Everything any CLI run of this file printed, for the masking check at the end. */
const printed: string[] = [];

async function cli(argv: readonly string[]) {
  const r = await ws.cli(argv);
  printed.push(r.stdout, r.stderr);
  return r;
}
const planJson = async (): Promise<PlanJson> => JSON.parse((await cli(['plan', 'stack', '--format', 'json'])).stdout) as PlanJson;
const exists = async (send: () => Promise<unknown>): Promise<boolean> =>
  send().then(() => true, (e: { name?: string }) => (e.name === 'ResourceNotFoundException' ? false : Promise.reject(e)));
const speakerExists = (id: string) => exists(() => client.send(new DescribeSpeakerCommand({ DomainId: domainId, SpeakerId: id })));
const fraudsterExists = (id: string) => exists(() => client.send(new DescribeFraudsterCommand({ DomainId: domainId, FraudsterId: id })));

/** apply without --allow-delete: refused before any write, naming the erasure (`what`) and the flag that allows it. */
async function expectErasureRefused(what: string): Promise<void> {
  ws.emulator.admin.resetCallCounts();
  const refused = await cli(['apply', 'stack', '--auto-approve']);
  expectRefused(ws, refused, { error: `DELETE_NOT_ALLOWED: the plan erases biometric data: ${what}` });
  expect(refused.stderr).toMatch(/hint: review the erasure, then run `voiceid-gitops apply stack --auto-approve --endpoint-url \S+ --allow-delete`; or remove the ids from erasedSpeakers \/ deletedFraudsters/);
}

beforeAll(async () => {
  ws = await workspace();
  client = new VoiceIDClient({ endpoint: ws.emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: ENV.AWS_ACCESS_KEY_ID, secretAccessKey: ENV.AWS_SECRET_ACCESS_KEY } });
});
afterAll(async () => {
  client.destroy();
  await ws.close();
});
beforeEach(async () => {
  ws.emulator.admin.reset();
  const seeded = await ws.emulator.admin.seed({
    domains: [{
      name: 'support',
      tags: owner('prod', 'support'),
      watchlists: [{ name: 'high-risk' }],
      speakers: [
        { customerSpeakerId: ERASED[0]!, status: 'ENROLLED' },
        { customerSpeakerId: ERASED[1]!, status: 'OPTED_OUT' },
        { customerSpeakerId: KEPT, status: 'ENROLLED' },
      ],
      fraudsters: [{ watchlists: ['high-risk'] }, { watchlists: ['Default', 'high-risk'] }, {}],
    }],
  });
  domainId = seeded.domainIds[0]!;
  fraudsters = seeded.fraudsterIds[0]!;
});

describe('deletedFraudsters', () => {
  test('plan deletes the live ones (an absent one needs nothing), apply needs --allow-delete, then the plan is empty', async () => {
    const absent = 'id#AAAAAAAAAAAAAAAAAAAAAA';
    await ws.write('stack/main.yaml', YAML(`    deletedFraudsters: ["${fraudsters[0]!}", "${fraudsters[1]!}", "${absent}"]\n`));
    const p = await planJson();
    expect(p.changes.map((c) => [c.address, c.action, c.destructive])).toEqual([['domain.support.deleted-fraudsters', 'delete', true]]);
    expect(p.changes[0]!.before).toEqual({ fraudsterIds: [fraudsters[0]!, fraudsters[1]!].sort() });
    const text = (await cli(['plan', 'stack'])).stdout;
    expect(text).toContain('domain.support.deleted-fraudsters: fraudsters DELETED with their voiceprints: 3 ids from stack/main.yaml: 2 to delete, 1 already absent');
    expect(text).toContain(`- ${fraudsters[0]!}`);

    await expectErasureRefused('domain.support.deleted-fraudsters (2 fraudsters); it cannot be undone; nothing was changed');

    const applied = await cli(['apply', 'stack', '--auto-approve', '--allow-delete']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain('Verified: live state matches the desired state.');
    expect(await fraudsterExists(fraudsters[0]!)).toBe(false);
    expect(await fraudsterExists(fraudsters[1]!)).toBe(false);
    // Voice ID removes a deleted fraudster from every watchlist: only the third is listed.
    const listed = (await client.send(new ListFraudstersCommand({ DomainId: domainId }))).FraudsterSummaries ?? [];
    expect(listed.map((f) => f.GeneratedFraudsterId)).toEqual([fraudsters[2]!]);
    expect((await planJson()).changes).toEqual([]);
  });
});

test('a deleted fraudster needs no other watchlist: a watchlist declared empty loses it by its deletion alone', async () => {
  // fraudsters[0] is only in high-risk, which now declares no members: the last-watchlist rule exempts it (R15.2).
  await ws.write('stack/main.yaml', `version: 1\nstack: prod\ndomains:\n  support:\n    kmsKeyId: alias/voiceid\n    watchlists:\n      high-risk:\n        fraudsters: ["${fraudsters[1]!}"]\n    deletedFraudsters: ["${fraudsters[0]!}"]\n`);
  const p = await planJson();
  expect(p.errors).toEqual([]);
  expect(p.changes.map((c) => c.address)).toEqual(['domain.support.deleted-fraudsters']);
  expect((await cli(['apply', 'stack', '--auto-approve', '--allow-delete'])).code).toBe(0);
  const listed = (await client.send(new ListFraudstersCommand({ DomainId: domainId }))).FraudsterSummaries ?? [];
  expect(listed.map((f) => f.GeneratedFraudsterId).sort()).toEqual([fraudsters[1]!, fraudsters[2]!].sort());
  expect((await planJson()).changes).toEqual([]);
});

describe('erasedSpeakers', () => {
  test('plan erases the live ones, apply refuses without --allow-delete (nothing sent), erases with it, then the plan is empty', async () => {
    await ws.write('stack/main.yaml', YAML(`    erasedSpeakers: [${ERASED[0]!}]\n    erasedSpeakersFile: erase.txt\n`));
    await ws.write('stack/erase.txt', `# erasure requests\n${ERASED[1]!}\n${ERASED[2]!}\n`);
    const p = await planJson();
    expect(p.redacted).toBe(true);
    expect(p.changes.map((c) => [c.address, c.action, c.destructive])).toEqual([
      ['domain.support.erased-speakers', 'delete', true],
      ['domain.support.applied-record', 'create', false],
    ]);
    expect(p.changes[0]!.before).toEqual({ ENROLLED: 1, OPTED_OUT: 1 });
    const text = (await cli(['plan', 'stack'])).stdout;
    expect(text).toContain('speakers ERASED with their voiceprints and audio: 3 ids from stack/main.yaml and stack/erase.txt: 2 to erase, 1 already absent');

    await expectErasureRefused('domain.support.erased-speakers (2 speakers)');
    expect(await speakerExists(ERASED[0]!)).toBe(true);

    const applied = await cli(['apply', 'stack', '--auto-approve', '--allow-delete']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain('Verified: live state matches the desired state.');
    expect(ws.emulator.admin.callCounts()['DeleteSpeaker']).toBe(2);
    expect(await speakerExists(ERASED[0]!)).toBe(false);
    expect(await speakerExists(ERASED[1]!)).toBe(false);
    expect(await speakerExists(KEPT)).toBe(true);
    expect((await planJson()).changes).toEqual([]);

    // An erased speaker that comes back (a contact flow enrolled it again) is erased again: drift.
    await ws.emulator.admin.enroll(domainId, [ERASED[2]!]);
    const back = await planJson();
    expect(back.changes.map((c) => [c.address, c.changedOutside])).toEqual([['domain.support.erased-speakers', ['erasedSpeakers']]]);
    expect((await cli(['plan', 'stack'])).stdout).toContain('domain.support.erased-speakers (changed outside voiceid-gitops: erasedSpeakers)');
    expect((await cli(['plan', 'stack', '--format', 'markdown'])).stdout).toContain('changed outside voiceid-gitops: erasedSpeakers');
    expect((await cli(['apply', 'stack', '--auto-approve', '--allow-delete'])).code).toBe(0);
    expect(await speakerExists(ERASED[2]!)).toBe(false);
    expect((await planJson()).changes).toEqual([]);

    // export reads live state only: erased speakers are gone, so no erased id is written.
    const out = await cli(['export', '--stack', 'prod', '--out', 'exported']);
    expect(out.code, out.stderr).toBe(0);
    const exported = await readFile(join(ws.dir, 'exported'), 'utf8');
    expect(exported).toContain('support:');
    for (const id of ERASED) expect(exported).not.toContain(id);
    expect(exported).not.toContain('erasedSpeakers');
  });

  test('an id both erased and opted out is refused at its line, masked, and nothing is sent', async () => {
    await ws.write('stack/main.yaml', YAML(`    optedOutSpeakers: [${ERASED[0]!}, ${ERASED[1]!}]\n    erasedSpeakersFile: erase.txt\n`));
    await ws.write('stack/erase.txt', `${ERASED[1]!}\n`);
    ws.emulator.admin.resetCallCounts();
    const r = await cli(['plan', 'stack']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/stack\/erase\.txt:1:1: error E_ERASED_AND_OPTED_OUT: speaker id cu…-2 \(sha256:[0-9a-f]{8}\) is both erased and opted out in domain "support"/);
    expect(Object.values(ws.emulator.admin.callCounts()).reduce((a, b) => a + b, 0)).toBe(0);
    expect((await cli(['validate', 'stack'])).code).toBe(1);
  });

  test('a fraudster both deleted and declared a watchlist member is refused at the deleted id, and nothing is sent', async () => {
    await ws.write('stack/main.yaml', `version: 1\nstack: prod\ndomains:\n  support:\n    kmsKeyId: alias/voiceid\n    watchlists:\n      high-risk:\n        fraudsters: ["${fraudsters[0]!}"]\n    deletedFraudsters: ["${fraudsters[0]!}"]\n`);
    ws.emulator.admin.resetCallCounts();
    const r = await cli(['plan', 'stack']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`stack/main.yaml:9:25: error E_DELETED_AND_MEMBER: fraudster id ${fraudsters[0]!} is deleted (deletedFraudsters) and declared a member of watchlist "high-risk"`);
    expect(Object.values(ws.emulator.admin.callCounts()).reduce((a, b) => a + b, 0)).toBe(0);
  });
});

test('no output of this file shows an erased or opted-out speaker id unmasked', () => {
  const all = printed.join('\n');
  expect(all.length).toBeGreaterThan(1000);
  for (const id of [...ERASED, KEPT]) expect(all).not.toMatch(new RegExp(`(?<![A-Za-z0-9_-])${id}(?![A-Za-z0-9_-])`));
});
