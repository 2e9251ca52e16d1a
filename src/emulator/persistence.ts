/**
 * State file (EMULATOR.md §11): the store as JSON, written atomically (temp file in the same directory, fsync,
 * rename) so a reader never sees a torn file even after kill -9, and debounced so a burst of changes is one write.
 */
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { userError, type GitopsError } from '../model/errors.js';
import type { EmulatorSnapshot } from './types.js';

/** Writes `text` to `path` atomically: readers see the old file or the new one, never a mix. */
export async function writeAtomic(path: string, text: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(text, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

/**
 * The saved state, or undefined when the file does not exist yet. A file that cannot be used (a directory,
 * unreadable, not JSON, not a state this emulator wrote) is a one-line user error naming the file: it is the
 * user's `--local-state` / `--state` argument, and a raw parser message said neither which file nor why.
 */
export function readStateFile(path: string): EmulatorSnapshot | undefined {
  const fail = (why: string): GitopsError => userError('EMULATOR_STATE_INVALID', `cannot load the emulator state file ${path}: ${why}`,
    'point --local-state (or the emulator\'s --state) at the file the emulator writes, or at a path that does not exist yet');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw fail(code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : `cannot read it (${code ?? String(e)})`);
  }
  let saved: unknown;
  try {
    saved = JSON.parse(text);
  } catch {
    throw fail('it is not valid JSON');
  }
  if (!isSnapshot(saved)) throw fail('it is not a voiceid-gitops emulator state (version 1)');
  return saved;
}

function isSnapshot(v: unknown): v is EmulatorSnapshot {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return o['version'] === 1 && Array.isArray(o['domains']) && Array.isArray(o['idempotency']);
}

/**
 * An exclusive lock beside a state file (`FILE.lock`, holding the owner's pid), for `--local`: two runs on one
 * state file each load it, change their copy and write it back whole, so the last writer silently dropped the
 * other run's changes while both reported success. A lock whose owner is gone (killed) is taken over.
 * Resolves with the function that releases it.
 */
export async function lockStateFile(path: string): Promise<() => Promise<void>> {
  const lock = `${path}.lock`;
  for (let attempt = 1; ; attempt++) {
    try {
      const fh = await open(lock, 'wx');
      try {
        await fh.writeFile(String(process.pid), 'utf8');
      } finally {
        await fh.close();
      }
      return () => unlink(lock).catch(() => undefined);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // A folder this user cannot write: nothing this run changes could be saved there either (close reports
      // EMULATOR_STATE_WRITE_FAILED), and a read-only `plan` on a shared state file must keep working.
      if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return async () => undefined;
      if (code !== 'EEXIST') throw e;
      const owner = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
      if (attempt > 1 || (Number.isInteger(owner) && owner > 0 && isRunning(owner))) {
        throw userError('EMULATOR_STATE_LOCKED', `the emulator state file ${path} is in use by another voiceid-gitops run${owner > 0 ? ` (pid ${owner})` : ''}`,
          `wait for that run to finish; if none is running, delete ${lock}`);
      }
      await unlink(lock).catch(() => undefined);
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Coalesces change notifications into at most one write per `delayMs`, one write at a time; `flush()` writes
 * now if anything is pending and resolves when the file is on disk.
 */
export class DebouncedWriter {
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;
  private inFlight: Promise<void> = Promise.resolve();
  writes = 0;
  /** The error of the last write when it failed (cleared by a later successful write, which holds everything). */
  failure: unknown = undefined;

  constructor(
    private readonly path: string,
    private readonly render: () => string,
    private readonly delayMs = 200,
    private readonly onError: (e: unknown) => void = () => undefined,
  ) {}

  markDirty(): void {
    this.dirty = true;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.delayMs);
  }

  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.inFlight = this.inFlight.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      this.writes++;
      try {
        await writeAtomic(this.path, this.render());
        this.failure = undefined;
      } catch (e) {
        this.failure = e;
        this.onError(e);
      }
    });
    return this.inFlight;
  }
}
