/**
 * A journal write after close() (a call answered while the emulator stops) is refused instead of opening a file
 * handle that nothing closes (Node closed it on garbage collection, with a DEP0137 warning during `npm test`).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { resolveLimits } from '../../src/emulator/index.js';
import { Journal } from '../../src/emulator/journal.js';

let dir: string;
beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), 'voiceid-journal-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

test('after close, an append is refused and no journal file is opened again', async () => {
  const journal = new Journal(join(dir, 'state.json'), { h: 1, limits: resolveLimits({}), kmsKeys: [] }, (n) => JSON.stringify({ journal: n }), 0);
  await journal.append({ op: 'CreateDomain', in: {}, c: [], r: [] });
  expect(existsSync(journal.path)).toBe(true);
  await journal.close();
  expect(existsSync(journal.path)).toBe(false);
  await expect(journal.append({ op: 'CreateDomain', in: {}, c: [], r: [] })).rejects.toThrow('is closed');
  expect(existsSync(journal.path)).toBe(false);
});
