/**
 * Files that change the process for the files after them (nock, module mocks, stubbed globals, fake timers) must
 * run isolated (test/setup/isolated-files.ts): in the shared workers they would break whichever file vitest
 * happens to schedule next, an order-dependent failure. A file counts as using nock when it or a local module it
 * imports does.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ISOLATED_FILES, isIsolated } from '../setup/isolated-files.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const PROCESS_WIDE = /from 'nock'|\bvi\.(mock|doMock|stubGlobal|stubEnv|useFakeTimers)\(/;

// This file names the patterns it looks for, so it does not look at itself.
const SELF = 'lint/test-isolation.test.ts';
const testFiles = readdirSync(join(ROOT, 'test'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.ts') && f !== SELF)
  .map((f) => `test/${f.split('\\').join('/')}`)
  .sort();

/** The file's text and that of the local modules it imports directly. */
function textWithImports(file: string): string {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const locals = [...text.matchAll(/from '(\.[^']+)\.js'/g)].map((m) => resolve(ROOT, dirname(file), `${m[1]}.ts`)).filter((p) => existsSync(p));
  return [text, ...locals.map((p) => readFileSync(p, 'utf8'))].join('\n');
}

describe('test isolation', () => {
  it('finds the test files', () => {
    expect(testFiles.length).toBeGreaterThan(100);
  });

  it('runs every file that uses nock or patches the process in a worker of its own', () => {
    const missing = testFiles.filter((f) => PROCESS_WIDE.test(textWithImports(f)) && !isIsolated(f));
    expect(missing).toEqual([]);
  });

  it('lists only paths that exist (a renamed file would silently join the shared workers)', () => {
    expect(ISOLATED_FILES.filter((f) => !existsSync(join(ROOT, f)))).toEqual([]);
  });

  it('sees the files that patch the process, and the local modules a file imports (so the check above can fail)', () => {
    expect(testFiles.filter((f) => PROCESS_WIDE.test(textWithImports(f))).length).toBeGreaterThanOrEqual(10);
    expect(textWithImports('test/github/comment-command.test.ts')).toContain(readFileSync(join(ROOT, 'test/github/helpers/github-nock.ts'), 'utf8'));
  });
});
