/**
 * Test files that must each run in a fresh worker (vitest `isolate: true`); every other file shares its worker's
 * module cache with the files run before it (`isolate: false`), which saves re-importing the AWS SDK, the
 * emulator and vitest itself per file: about half a second of CPU per file, a minute per run.
 * A file belongs here when it changes the process for the files after it:
 * - nock patches Node's http module process-wide, and these files call nock.disableNetConnect(): a file after them
 *   in the same worker could no longer reach its emulator on 127.0.0.1 (ENETUNREACH);
 * - vi.mock replaces a module for everything imported after it (node:fs/promises in state-lock).
 * test/lint/test-isolation.test.ts fails when a test file uses nock or vi.mock/doMock/stubGlobal/stubEnv/
 * useFakeTimers without being listed (directories end in '/').
 */
export const ISOLATED_FILES: readonly string[] = [
  'test/aws/errors.test.ts',
  'test/aws/client-factory.test.ts',
  'test/apply/nock-faults.test.ts',
  'test/github/',
  'test/emulator/state-lock.test.ts',
];

/** The entries as vitest include globs. */
export const isolatedGlobs = (): string[] => ISOLATED_FILES.map((f) => (f.endsWith('/') ? `${f}**/*.test.ts` : f));

export const isIsolated = (file: string): boolean => ISOLATED_FILES.some((f) => (f.endsWith('/') ? file.startsWith(f) : file === f));
