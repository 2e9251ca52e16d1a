/**
 * The exclusive lock beside a state file (`FILE.lock`), taken alike by the `emulator --state FILE` server and by
 * `--local` / `--local-state FILE` runs (EMULATOR.md §11): each of them loads the file, changes its copy and writes
 * it back, so two at once silently dropped one's changes while both reported success.
 *
 * - Published atomically with its content: the owner's pid and a unique token go into a temporary file that is
 *   then link(2)ed to `FILE.lock`; link fails with EEXIST when the lock is held, so no reader ever sees an empty
 *   or half-written lock (a lock created empty and filled afterwards was taken for stale and removed).
 * - A lock whose owner pid is gone is taken over, and only one contender can take over a given stale lock: it
 *   first claims `FILE.lock.takeover-<stale token>` (by the same link-or-EEXIST rule, recursively should that
 *   claim itself be stale), re-reads the lock, and only if it still holds the stale token renames its own lock
 *   over it. A live lock is never removed.
 * - Release removes the lock only if it still holds this process's token.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { shellWord } from '../model/command-line.js';
import { userError } from '../model/errors.js';

interface LockOwner {
  readonly pid: number;
  /** Absent in the pid-only locks of older versions. */
  readonly token?: string;
}

const MAX_DEPTH = 3;

/** `pid token` (this version) or `pid` (older versions); anything else is not a lock we can judge. */
function parseOwner(text: string): LockOwner | undefined {
  const m = /^(\d+)(?: ([0-9a-f-]{36}))?\s*$/.exec(text);
  if (!m) return undefined;
  const pid = Number(m[1]);
  return m[2] === undefined ? { pid } : { pid, token: m[2] };
}

async function readOwner(path: string): Promise<LockOwner | 'gone' | 'unknown'> {
  try {
    return parseOwner(await readFile(path, 'utf8')) ?? 'unknown';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw e;
  }
}

/** A zombie (exited, not yet reaped by its parent) still answers kill(0); on Linux /proc says it is gone. */
function isZombie(pid: number): boolean {
  try {
    return /^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

export function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return !isZombie(pid);
  } catch (e) {
    // EPERM: the process exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const isEexist = (e: unknown): boolean => (e as NodeJS.ErrnoException).code === 'EEXIST';
const sameOwner = (a: LockOwner, b: LockOwner): boolean => a.pid === b.pid && a.token === b.token;

/**
 * Makes `path` a hard link to `mine` (this process's lock content) if it is free or held by a dead owner.
 * Returns undefined when this process now holds it, else what holds it (a live owner, or a lock it cannot read).
 */
async function claim(path: string, mine: string, depth: number): Promise<LockOwner | 'unknown' | undefined> {
  for (;;) {
    try {
      await link(mine, path);
      return undefined;
    } catch (e) {
      if (!isEexist(e)) throw e;
    }
    const owner = await readOwner(path);
    if (owner === 'gone') continue; // released between our link and our read: try again
    if (owner === 'unknown' || isRunning(owner.pid) || depth >= MAX_DEPTH) return owner;
    // Dead owner: only the contender that claims this stale lock's takeover marker may replace it.
    const marker = `${path}.takeover-${owner.token ?? `pid-${owner.pid}`}`;
    if ((await claim(marker, mine, depth + 1)) !== undefined) return owner;
    try {
      const again = await readOwner(path);
      if (again === 'gone' || (again !== 'unknown' && sameOwner(again, owner))) {
        const fresh = `${mine}.${depth}`;
        await link(mine, fresh);
        await rename(fresh, path);
        return undefined;
      }
    } finally {
      await unlink(marker).catch(() => undefined);
    }
  }
}

/**
 * Takes the lock of the state file `path`; resolves with the function that releases it. Where this user cannot
 * create files next to the state file (a shared, read-only one), nothing it does could be saved there either
 * (close reports EMULATOR_STATE_WRITE_FAILED), so a read-only `plan` runs without a lock.
 */
export async function lockStateFile(path: string): Promise<() => Promise<void>> {
  const lock = `${path}.lock`;
  const token = randomUUID();
  const mine = `${lock}.${process.pid}.${token}.tmp`;
  try {
    await writeFile(mine, `${process.pid} ${token}\n`, { flag: 'wx' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return async () => undefined;
    throw e;
  }
  let holder: LockOwner | 'unknown' | undefined;
  try {
    holder = await claim(lock, mine, 0);
  } finally {
    await unlink(mine).catch(() => undefined);
  }
  if (holder !== undefined) {
    // A lock whose owner is dead was taken over above: this one is held by a live process, or cannot be read.
    const pid = holder === 'unknown' ? '' : ` (pid ${holder.pid})`;
    const hint = holder === 'unknown'
      ? `the lock ${lock} is not one voiceid-gitops wrote; if no emulator or --local run uses this state, remove it: \`rm ${shellWord(lock)}\``
      : `wait for that run to finish, or stop it: \`kill ${holder.pid}\``;
    throw userError('EMULATOR_STATE_LOCKED', `the emulator state file ${path} is in use by another voiceid-gitops run${pid}`, hint);
  }
  return async () => {
    const owner = await readOwner(lock).catch(() => 'unknown' as const);
    if (typeof owner === 'object' && owner.pid === process.pid && owner.token === token) await unlink(lock).catch(() => undefined);
  };
}
