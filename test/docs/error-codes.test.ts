/**
 * docs/error-codes.md lists every code the tool can print: the desired-state table equals CONFIG_CODES (in its
 * order), and every code a source file raises (userError, GitopsError, plan messages, AWS and GitHub failures)
 * appears somewhere on the page.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_CODES } from '../../src/config/index.js';

const root = new URL('../../', import.meta.url).pathname;
const page = readFileSync(join(root, 'docs/error-codes.md'), 'utf8');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The first argument of the calls that make a user-visible coded error or finding. */
const RAISED = /\b(?:userError|GitopsError|make|message|fail|githubFailure)\(\s*'([A-Z][A-Z0-9]*_[A-Z0-9_]+)'/g;

describe('docs/error-codes.md', () => {
  it('documents every desired-state diagnostic code in its table, in CONFIG_CODES order, and no other', () => {
    const section = page.slice(page.indexOf('## Desired-state files'), page.indexOf('\n## ', page.indexOf('## Desired-state files') + 1));
    const documented = [...section.matchAll(/^\| `([EW]_[A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented).toEqual(Object.keys(CONFIG_CODES));
  });

  it('names every code the sources raise', () => {
    const raised = new Set(sourceFiles('src').flatMap((f) => [...readFileSync(join(root, f), 'utf8').matchAll(RAISED)].map((m) => m[1]!)));
    expect(raised.size).toBeGreaterThan(60);
    const missing = [...raised].filter((code) => !page.includes(`\`${code}\``)).sort();
    expect(missing, 'add these codes to a table of docs/error-codes.md').toEqual([]);
  });
});
