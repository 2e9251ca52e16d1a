/**
 * State file (EMULATOR.md §11): the store as JSON, written atomically (temp file in the same directory, fsync,
 * rename) so a reader never sees a torn file even after kill -9, and debounced so a burst of changes is one write.
 */
import { open, rename, unlink } from 'node:fs/promises';
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
