/**
 * Reading files that a pull request controls (CONTRACT §8 "Files"). A PATH on the command line is the user's
 * choice; what lies under it, and every file a YAML file names, is not. So:
 *
 * - Each PATH has a root: `--root DIR`, else the nearest folder at or above the PATH holding a `.git` entry (the
 *   checkout), else the PATH itself (a directory) or its folder (a file). Roots are real paths.
 * - A file is read only if its real path (every symlink followed) lies inside that root and not inside a `.git`
 *   folder: otherwise `E_PATH_OUTSIDE_ROOT`, and not one byte of it is read. `.git` holds the checkout's token
 *   (`extraheader`), and nothing in it is desired state.
 * - Only regular files are read: a FIFO, socket or device is `E_NOT_A_FILE`, found with lstat before any open. The
 *   open uses O_NONBLOCK | O_NOFOLLOW and the descriptor is fstat'ed again, so a FIFO or symlink swapped in between
 *   cannot hang the read or redirect it.
 * - Sizes are checked before reading, and the read itself stops one byte past the cap through the same descriptor,
 *   so a file that grows, or lies about its size (/proc), cannot grow memory past the cap either.
 */
import { constants, type Stats } from 'node:fs';
import { lstat, open, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export type ReadCode = 'E_FILE_NOT_FOUND' | 'E_PATH_OUTSIDE_ROOT' | 'E_NOT_A_FILE' | 'E_FILE_TOO_LARGE';

export type ReadResult =
  | { readonly kind: 'ok'; readonly bytes: Uint8Array }
  | { readonly kind: 'error'; readonly code: ReadCode; readonly message: string };

const refuse = (code: ReadCode, message: string): ReadResult => ({ kind: 'error', code, message });

const MIB = 1024 * 1024;
const CHUNK = 1 << 16;

export function reason(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  return code ?? (e instanceof Error ? e.message.split('\n')[0]! : String(e));
}

/** The root of a PATH given on the command line (see the top of this file); `override` is `--root DIR`. */
export async function rootOf(given: string, cwd: string, override?: string): Promise<string> {
  if (override !== undefined) return realpath(resolve(cwd, override));
  const abs = resolve(cwd, given);
  for (let dir = abs; ; dir = dirname(dir)) {
    if (await lstat(join(dir, '.git')).then(() => true, () => false)) return realpath(dir);
    if (dirname(dir) === dir) break;
  }
  const s = await stat(abs);
  return realpath(s.isDirectory() ? abs : dirname(abs));
}

/** Why a real path may not be read from `root`, or undefined when it may. */
export function outsideRoot(real: string, root: string): string | undefined {
  const rel = relative(root, real);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return `it resolves to ${real}, outside the root ${root}`;
  if (rel.split(sep).includes('.git')) return `it resolves to ${real}, inside a .git folder, which is never read`;
  return undefined;
}

function kindOf(s: Stats): string {
  if (s.isDirectory()) return 'a directory';
  if (s.isFIFO()) return 'a FIFO (named pipe)';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

const limit = (n: number): string => (n >= MIB && n % MIB === 0 ? `${n / MIB} MiB` : `${n} bytes`);
const tooLarge = (message: string): ReadResult => refuse('E_FILE_TOO_LARGE', message);

/**
 * Reads `path` (absolute) if it is a regular file inside `root`, at most `maxBytes`. The real path is what gets
 * opened, so the check and the open name the same file; the descriptor's fstat confirms it.
 */
export async function readContained(path: string, root: string, maxBytes: number): Promise<ReadResult> {
  let real: string;
  try {
    real = await realpath(path);
  } catch (e) {
    return refuse('E_FILE_NOT_FOUND', reason(e));
  }
  const outside = outsideRoot(real, root);
  if (outside !== undefined) return refuse('E_PATH_OUTSIDE_ROOT', outside);
  let before: Stats;
  try {
    before = await lstat(real);
  } catch (e) {
    return refuse('E_FILE_NOT_FOUND', reason(e));
  }
  if (!before.isFile()) return refuse('E_NOT_A_FILE', `it is ${kindOf(before)}, not a regular file`);
  if (before.size > maxBytes) return tooLarge(`it is ${(before.size / MIB).toFixed(1)} MiB, over the limit of ${limit(maxBytes)}`);
  return readRegular(real, before, maxBytes);
}

async function readRegular(real: string, before: Stats, maxBytes: number): Promise<ReadResult> {
  let fd;
  try {
    fd = await open(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (e) {
    return refuse((e as { code?: string }).code === 'ELOOP' ? 'E_PATH_OUTSIDE_ROOT' : 'E_FILE_NOT_FOUND', reason(e));
  }
  try {
    const now = await fd.stat();
    if (!now.isFile() || now.ino !== before.ino || now.dev !== before.dev) {
      return refuse('E_NOT_A_FILE', 'it was replaced by another file while being opened');
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // Never more than one byte past the cap, whatever stat said (a growing file, /proc reporting 0).
      const buf = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
      const { bytesRead } = await fd.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      chunks.push(buf.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) return tooLarge(`it held more than its size said (a growing or /proc file); reading stopped at the limit of ${limit(maxBytes)}`);
    }
    return { kind: 'ok', bytes: Buffer.concat(chunks, total) };
  } catch (e) {
    return refuse('E_FILE_NOT_FOUND', reason(e));
  } finally {
    await fd.close();
  }
}

/**
 * A file named on the command line (a saved plan): the user's choice, so no root, but still only a regular file
 * (a FIFO would block the read, and the exit after it) and at most `maxBytes`.
 */
export async function readRegularFile(path: string, maxBytes: number): Promise<ReadResult> {
  let before: Stats;
  try {
    before = await stat(path);
  } catch (e) {
    return refuse('E_FILE_NOT_FOUND', reason(e));
  }
  if (!before.isFile()) return refuse('E_NOT_A_FILE', `it is ${kindOf(before)}, not a regular file`);
  if (before.size > maxBytes) return tooLarge(`it is ${(before.size / MIB).toFixed(1)} MiB, over the limit of ${limit(maxBytes)}`);
  return readRegular(await realpath(path), before, maxBytes);
}
