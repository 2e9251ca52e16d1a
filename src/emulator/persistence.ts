/**
 * State file (EMULATOR.md §11): the store as JSON, written atomically (temp file in the same directory, fsync,
 * rename) so a reader never sees a torn file even after kill -9, and debounced so a burst of changes is one write.
 */
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

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
