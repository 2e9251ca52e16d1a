/**
 * Throw-away repositories for hostile cases: a temporary directory with a `.git` folder (what the CLI takes as the
 * root of the checkout), a `.git/config` holding a fake checkout token (what a symlink must never print), and the
 * files given. Remove it with `cleanup()`.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The secret-looking line of `.git/config`: an actions/checkout token as it is persisted. */
export const FAKE_TOKEN_LINE = '\textraheader = AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46Z2hzX0ZBS0VUT0tFTg==';

export interface TempRepo {
  /** Real path (tmpdir may itself be a symlink). */
  readonly dir: string;
  path(relative: string): string;
  cleanup(): void;
}

export function tempRepo(files: Readonly<Record<string, string>> = {}, options: { readonly git?: boolean } = {}): TempRepo {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'voiceid-hostile-')));
  if (options.git !== false) {
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, '.git/config'), `[http "https://github.com/"]\n${FAKE_TOKEN_LINE}\n`);
  }
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return { dir, path: (rel) => join(dir, rel), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A minimal valid domain, with extra lines appended under it (indented by the caller). */
export function domainYaml(extra = ''): string {
  return `version: 1\nstack: hostile\nregion: us-east-1\ndomains:\n  main:\n    kmsKeyId: alias/voiceid\n${extra}`;
}
