/**
 * Durability of the state file (EMULATOR.md §11): every step that changed the store is appended to `FILE.journal`
 * and fdatasync'ed before its answer is sent, so kill -9 loses no acknowledged write (the 200 ms debounce of the
 * whole-file writes lost 402 of 11,604 acknowledged OptOutSpeaker calls). Steps arriving while a sync is under
 * way are written and synced together by the next one (group commit). The journal is compacted into FILE
 * (a checkpoint: the whole state written atomically, naming the last record it holds, then the journal emptied)
 * when it grows past the state's own size (at least 8 MiB), after an unrecorded change (admin seed or reset) and
 * at close, which also removes the journal.
 *
 * Journal format: JSON lines. The first line is a header with the limits and KMS keys its records ran under
 * (replay uses them: a restart with other options must not change what a record did); then one record per step,
 * `{"n": 1, "op": ..., "in": ..., "c": [...], "r": [...]}`, numbered on from the checkpoint's `journal`.
 */
import { open, unlink, type FileHandle } from 'node:fs/promises';
import type { Limits } from './ops/context.js';
import { writeAtomic } from './persistence.js';
import type { StepRecord } from './recorder.js';
import type { SeedKmsKey } from './types.js';

export interface JournalHeader {
  readonly h: 1;
  readonly limits: Limits;
  readonly kmsKeys: readonly SeedKmsKey[];
}

export interface NumberedRecord extends StepRecord {
  readonly n: number;
}

const MIN_COMPACT_BYTES = 8 * 1024 * 1024;

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (e: unknown) => void;
}

export class Journal {
  private fh: FileHandle | undefined;
  /** Set by close(): a write after it (a call answered while the emulator stops) must not open a handle no one closes. */
  private closed = false;
  private buffer: string[] = [];
  private waiters: Waiter[] = [];
  private draining: Promise<void> | undefined;
  private checkpointWanted = false;
  private journalBytes = 0;
  private snapshotBytes = 0;
  /** Number of the last record appended / held by the state file. */
  private n: number;
  private checkpointed: number;
  /** The error of the last failed write (cleared by a later checkpoint, which holds everything). */
  failure: unknown = undefined;
  syncs = 0;
  checkpoints = 0;

  constructor(
    private readonly statePath: string,
    private readonly header: JournalHeader,
    /** The whole state as JSON, naming `journal` as the last record it holds. */
    private readonly render: (journal: number) => string,
    last: number,
  ) {
    this.n = last;
    this.checkpointed = last;
  }

  get path(): string {
    return `${this.statePath}.journal`;
  }

  /** Appends a step; resolves once it is on disk (in the journal or in a checkpoint). */
  append(rec: StepRecord): Promise<void> {
    this.n += 1;
    this.buffer.push(`${JSON.stringify({ n: this.n, ...rec })}\n`);
    return this.wait();
  }

  /** Asks for a checkpoint (an unrecorded change: seed, reset); resolves once it is written. */
  checkpoint(): Promise<void> {
    this.checkpointWanted = true;
    return this.wait();
  }

  /** Resolves once everything appended so far is on disk (at once when nothing is pending). */
  idle(): Promise<void> {
    return this.draining ?? Promise.resolve();
  }

  private wait(): Promise<void> {
    const p = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    // Started on the next microtask: the steps of this tick (and the rest of a seed) go into one write.
    this.draining ??= Promise.resolve()
      .then(() => this.drain())
      .finally(() => (this.draining = undefined));
    return p;
  }

  private async drain(): Promise<void> {
    while (this.buffer.length > 0 || this.checkpointWanted) {
      if (this.checkpointWanted) await this.writeCheckpoint();
      else await this.writeBatch();
    }
  }

  private settle(waiters: readonly Waiter[], error: unknown): void {
    this.failure = error;
    for (const w of waiters) {
      if (error === undefined) w.resolve();
      else w.reject(error);
    }
  }

  private async writeBatch(): Promise<void> {
    const text = this.buffer.join('');
    const waiters = this.waiters;
    this.buffer = [];
    this.waiters = [];
    try {
      const fh = await this.handle();
      await fh.write(text);
      await fh.datasync();
      this.syncs++;
      this.journalBytes += Buffer.byteLength(text);
      if (this.journalBytes >= Math.max(MIN_COMPACT_BYTES, this.snapshotBytes)) this.checkpointWanted = true;
      this.settle(waiters, undefined);
    } catch (e) {
      // Those records may be missing or torn in the journal: only a checkpoint (the whole state) can hold them now.
      this.checkpointWanted = true;
      this.settle(waiters, e);
    }
  }

  /** The state file now holds every record so far; the journal restarts empty (header only). */
  private async writeCheckpoint(): Promise<void> {
    this.checkpointWanted = false;
    const upTo = this.n;
    const text = this.render(upTo);
    // Everything appended so far is in `text`: those waiters are answered by the checkpoint, not the journal.
    const waiters = this.waiters;
    this.buffer = [];
    this.waiters = [];
    try {
      await writeAtomic(this.statePath, text);
      this.checkpointed = upTo;
      this.checkpoints++;
      this.snapshotBytes = Buffer.byteLength(text);
      const fh = await this.handle();
      await fh.truncate(0);
      await fh.write(`${JSON.stringify(this.header)}\n`);
      await fh.datasync();
      this.journalBytes = 0;
      this.settle(waiters, undefined);
    } catch (e) {
      this.settle(waiters, e);
    }
  }

  /** Opened at the first write, so a run that changes nothing never creates it (a read-only state folder). */
  private async handle(): Promise<FileHandle> {
    if (this.fh) return this.fh;
    if (this.closed) throw new Error(`the journal ${this.path} is closed: the emulator is stopping`);
    const fh = await open(this.path, 'a');
    try {
      if ((await fh.stat()).size === 0) await fh.write(`${JSON.stringify(this.header)}\n`);
    } catch (e) {
      await fh.close();
      throw e;
    }
    this.fh = fh;
    return fh;
  }

  /** Final checkpoint (when anything is not in the state file yet), then the journal is closed and removed. */
  async close(): Promise<void> {
    await this.idle();
    if (this.n > this.checkpointed || this.failure !== undefined) await this.checkpoint().catch(() => undefined);
    this.closed = true;
    await this.fh?.close();
    this.fh = undefined;
    if (this.failure === undefined) await unlink(this.path).catch(() => undefined);
  }
}

/** What recovery needs from a journal: its header and the records after the state file's `journal` number. */
export interface JournalContent {
  readonly header?: JournalHeader;
  readonly records: readonly NumberedRecord[];
}

const isRecord = (v: unknown): v is NumberedRecord =>
  typeof v === 'object' && v !== null && Number.isInteger((v as NumberedRecord).n) && typeof (v as NumberedRecord).op === 'string' &&
  Array.isArray((v as NumberedRecord).c) && Array.isArray((v as NumberedRecord).r);

/**
 * Parses a journal's text. A torn last line is a write that was never acknowledged (its sync had not returned)
 * and is ignored; any other bad line is reported by `fail` with its line number.
 */
export function parseJournal(text: string, after: number, fail: (why: string) => Error): JournalContent {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let header: JournalHeader | undefined;
  const records: NumberedRecord[] = [];
  let last = after;
  for (const [i, line] of lines.entries()) {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      if (i === lines.length - 1) break;
      throw fail(`line ${i + 1} is not valid JSON`);
    }
    if (i === 0) {
      if ((value as JournalHeader | null)?.h !== 1) throw fail('line 1 is not a journal header');
      header = value as JournalHeader;
      continue;
    }
    if (!isRecord(value)) throw fail(`line ${i + 1} is not a journal record`);
    if (value.n <= after) continue; // already in the state file (a crash between its write and the truncation)
    if (value.n !== last + 1) throw fail(`line ${i + 1} is record ${value.n}, expected ${last + 1}`);
    last = value.n;
    records.push(value);
  }
  return { ...(header === undefined ? {} : { header }), records };
}
