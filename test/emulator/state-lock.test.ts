/** The `--local` state-file lock when the folder cannot be written (a shared, read-only state file). */
import type * as FsPromises from 'node:fs/promises';
import { describe, expect, test, vi } from 'vitest';

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>();
  // The folder is read-only for this user: creating the lock file fails as the kernel would say it.
  const open: typeof real.open = async (path, ...rest) => {
    if (String(path).endsWith('.lock')) throw Object.assign(new Error(`EACCES: permission denied, open '${String(path)}'`), { code: 'EACCES' });
    return real.open(path, ...rest);
  };
  return { ...real, open, default: { ...real, open } };
});

const { lockStateFile } = await import('../../src/emulator/persistence.js');

describe('lockStateFile', () => {
  test('a folder this user cannot write is no error: a read-only plan on a shared state file still runs', async () => {
    const release = await lockStateFile('/shared/voiceid/state.json');
    await expect(release()).resolves.toBeUndefined();
  });
});
