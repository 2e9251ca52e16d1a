/** State files of the wrong shape (EMULATOR.md §11): EMULATOR_STATE_INVALID naming the file and the first bad path. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { readStateFile } from '../../src/emulator/state-file.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const tempDir = tempDirs('voiceid-state-');
const statePath = (): string => join(tempDir(), 'state.json');

/** A valid state with one domain, written by the emulator itself. */
async function validState(path: string): Promise<Record<string, unknown>> {
  const emu = await startEmulator({ statePath: path });
  await emu.admin.seed({
    domains: [{
      name: 'd', description: 'x', tags: { a: 'b' }, status: 'SUSPENDED', encryptionUpdate: { status: 'FAILED' },
      watchlists: [{ name: 'w', description: 'y' }], speakers: [{ customerSpeakerId: 'c-1' }, { customerSpeakerId: 'c-2', status: 'OPTED_OUT' }],
      fraudsters: [{ watchlists: ['w'] }], enrollmentJobs: [{ jobName: 'e', status: 'FAILED' }], registrationJobs: [{}],
    }],
  });
  await emu.close();
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/** The written state as the edits below reach into it. */
interface State {
  domains: { speakers: Record<string, unknown>[] | object; watchlists: unknown[]; [k: string]: unknown }[] | string;
}
const d0 = (s: State) => (s.domains as Exclude<State['domains'], string>)[0]!;
const speakers = (s: State) => d0(s).speakers as Record<string, unknown>[];

const message = (path: string, why: string): string => `cannot load the emulator state file ${path}: it does not match the state schema at ${why}`;

describe('readStateFile', () => {
  test('every member the emulator writes (suspended domain, failed re-encryption, jobs, fraudsters) passes the schema', async () => {
    const path = statePath();
    await validState(path);
    expect(readStateFile(path)?.domains).toHaveLength(1);
  });

  test.each([
    ['speakers that are not a list', (s: State) => (d0(s).speakers = {}), 'domains[0].speakers: expected array'],
    ['a speaker without its generated id', (s: State) => delete speakers(s)[1]!.generatedSpeakerId, 'domains[0].speakers[1].generatedSpeakerId: missing'],
    ['an unknown speaker status', (s: State) => (speakers(s)[0]!.status = 'GONE'), 'domains[0].speakers[0].status: expected one of "ENROLLED", "EXPIRED", "OPTED_OUT", "PENDING"'],
    ['a member the emulator never writes', (s: State) => (d0(s).speakerz = []), 'domains[0].speakerz: unknown key'],
    ['domains that are not a list', (s: State) => (s.domains = 'x'), 'domains: expected array'],
    ['speakers out of creation order', (s: State) => speakers(s).reverse(), 'domains[0].speakers[1].seq: not greater than the previous speaker\'s (speakers are stored in creation order)'],
    ['a default watchlist that is missing', (s: State) => (d0(s).watchlists = []), 'domains[0].defaultWatchlistId: names no watchlist of the domain'],
  ])('%s is EMULATOR_STATE_INVALID at its path, and the file is not overwritten', async (_name, edit, why) => {
    const path = statePath();
    const state = (await validState(path)) as unknown as State;
    edit(state);
    const text = JSON.stringify(state);
    writeFileSync(path, text);
    await expect(startEmulator({ statePath: path })).rejects.toMatchObject({ code: 'EMULATOR_STATE_INVALID', message: message(path, why) });
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  test('a device is refused without reading it (a --state /dev/zero would read forever)', () => {
    expect(() => readStateFile('/dev/zero')).toThrow('cannot load the emulator state file /dev/zero: it is not a regular file');
  });
});
