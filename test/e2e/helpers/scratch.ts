/**
 * Every temp directory of an end-to-end test file lives under one root (checkouts, runner directories, artifacts,
 * homes), removed by `removeScratch()` in the file's afterAll: a run leaves nothing behind in /tmp.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let root: string | undefined;

export function scratchDir(prefix: string): string {
  root ??= mkdtempSync(join(tmpdir(), 'voiceid-e2e-'));
  return mkdtempSync(join(root, prefix));
}

export function removeScratch(): void {
  if (root !== undefined) rmSync(root, { recursive: true, force: true });
  root = undefined;
}
