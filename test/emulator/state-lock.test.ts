/** The state-file lock (EMULATOR.md §11): published with its content, never removed while its owner lives. */
import type * as FsPromises from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { tempDirs } from '../helpers/temp-dirs.js';

const READ_ONLY = '/shared/voiceid/';

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>();
  // A folder this user cannot write: creating any file in it fails as the kernel would say it.
  const writeFile: typeof real.writeFile = async (path, ...rest) => {
    if (String(path).startsWith(READ_ONLY)) throw Object.assign(new Error(`EACCES: permission denied, open '${String(path)}'`), { code: 'EACCES' });
    return real.writeFile(path, ...rest);
  };
  return { ...real, writeFile, default: { ...real, writeFile } };
});

const { lockStateFile } = await import('../../src/emulator/state-lock.js');
const { startEmulator } = await import('../../src/emulator/index.js');

const tempDir = tempDirs('voiceid-lock-');
const statePath = (): string => join(tempDir(), 'state.json');

const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid!;
const OTHER_TOKEN = '00000000-0000-4000-8000-000000000000';

describe('lockStateFile', () => {
  test('a folder this user cannot write is no error: a read-only plan on a shared state file still runs', async () => {
    const release = await lockStateFile(`${READ_ONLY}state.json`);
    await expect(release()).resolves.toBeUndefined();
  });

  test('the lock holds this pid and a token from the moment it exists, and no temporary file is left', async () => {
    const path = statePath();
    const release = await lockStateFile(path);
    expect(readFileSync(`${path}.lock`, 'utf8')).toMatch(new RegExp(`^${process.pid} [0-9a-f-]{36}\\n$`));
    expect(readdirSync(join(path, '..'))).toEqual(['state.json.lock']);
    await release();
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  test('a lock whose owner lives is refused and left exactly as it was', async () => {
    const path = statePath();
    const held = `${process.ppid} ${OTHER_TOKEN}\n`;
    writeFileSync(`${path}.lock`, held);
    await expect(lockStateFile(path)).rejects.toMatchObject({
      code: 'EMULATOR_STATE_LOCKED',
      message: `the emulator state file ${path} is in use by another voiceid-gitops run (pid ${process.ppid})`,
    });
    expect(readFileSync(`${path}.lock`, 'utf8')).toBe(held);
  });

  test('a lock left by a dead process is taken over, and the takeover marker is gone afterwards', async () => {
    const path = statePath();
    writeFileSync(`${path}.lock`, `${deadPid()} ${OTHER_TOKEN}\n`);
    const release = await lockStateFile(path);
    expect(readFileSync(`${path}.lock`, 'utf8')).toMatch(new RegExp(`^${process.pid} `));
    expect(readdirSync(join(path, '..'))).toEqual(['state.json.lock']);
    await release();
  });

  test('a stale lock another live process is already taking over is not touched', async () => {
    const path = statePath();
    const stale = `${deadPid()} ${OTHER_TOKEN}\n`;
    writeFileSync(`${path}.lock`, stale);
    writeFileSync(`${path}.lock.takeover-${OTHER_TOKEN}`, `${process.ppid} 11111111-1111-4111-8111-111111111111\n`);
    await expect(lockStateFile(path)).rejects.toMatchObject({ code: 'EMULATOR_STATE_LOCKED' });
    expect(readFileSync(`${path}.lock`, 'utf8')).toBe(stale);
  });

  test('release removes only this process\'s own lock', async () => {
    const path = statePath();
    const release = await lockStateFile(path);
    const someoneElse = `${process.ppid} ${OTHER_TOKEN}\n`;
    writeFileSync(`${path}.lock`, someoneElse);
    await release();
    expect(readFileSync(`${path}.lock`, 'utf8')).toBe(someoneElse);
  });

  test('a lock of unknown content is refused rather than guessed stale', async () => {
    const path = statePath();
    writeFileSync(`${path}.lock`, '');
    await expect(lockStateFile(path)).rejects.toMatchObject({ code: 'EMULATOR_STATE_LOCKED', message: `the emulator state file ${path} is in use by another voiceid-gitops run` });
  });
});

describe('the emulator takes the state lock', () => {
  test('a second emulator (or --local run) on the same state file is refused while the first runs, and may start once it closed', async () => {
    const path = statePath();
    const first = await startEmulator({ statePath: path });
    await expect(startEmulator({ statePath: path })).rejects.toMatchObject({ code: 'EMULATOR_STATE_LOCKED' });
    await first.close();
    expect(existsSync(`${path}.lock`)).toBe(false);
    const second = await startEmulator({ statePath: path });
    await second.close();
  });
});
