/**
 * Writes a file atomically (temp file in the same directory, then rename): a reader, or a CI step that uploads
 * the file, sees the old content or the new one, never half a plan. Files may hold speaker ids, so they are
 * created readable by the owner only.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

export async function writeFileAtomic(cwd: string, file: string, text: string): Promise<string> {
  const path = resolve(cwd, file);
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, text, { mode: 0o600 });
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  return path;
}
