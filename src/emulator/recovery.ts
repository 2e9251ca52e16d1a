/**
 * Start-up of a state file (EMULATOR.md §11): load FILE, replay the steps of FILE.journal it does not hold yet
 * (those a kill -9 left there), compact them into FILE, and open the journal for this run.
 */
import { readFileSync, unlinkSync } from 'node:fs';
import { userError } from '../model/errors.js';
import { replayStep } from './core.js';
import { Journal, parseJournal, type JournalHeader } from './journal.js';
import { KmsRegistry } from './kms.js';
import type { OpContext } from './ops/context.js';
import type { Recorder } from './recorder.js';
import { restoreSnapshot, snapshotJson } from './snapshot.js';
import { readStateFile, stateFileError } from './state-file.js';
import type { SeedKmsKey } from './types.js';

function readJournalText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw stateFileError(path, `cannot read it (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

export const writeFailed = (statePath: string, failure: unknown): Error =>
  userError('EMULATOR_STATE_WRITE_FAILED', `cannot save the emulator state to ${statePath} (${(failure as NodeJS.ErrnoException).code ?? String(failure)}): the changes made in this run are lost`,
    { say: (c) => `make the state file and its folder writable, then run ${c} again` });

/** Loads the state into `ctx.store` and returns the journal of this run. */
export async function openState(statePath: string, ctx: OpContext, recorder: Recorder, kmsKeys: readonly SeedKmsKey[]): Promise<Journal> {
  const saved = readStateFile(statePath);
  if (saved !== undefined) restoreSnapshot(ctx.store, saved);
  const after = saved?.journal ?? 0;
  const journalPath = `${statePath}.journal`;
  const text = readJournalText(journalPath);
  const { header, records } = text === undefined ? { records: [] } : parseJournal(text, after, (why) => stateFileError(journalPath, why));
  if (header !== undefined && records.length > 0) {
    const kms = new KmsRegistry(header.kmsKeys, header.limits.region, header.limits.accountId);
    const replayCtx: OpContext = { ...ctx, limits: header.limits, kms };
    for (const rec of records) replayStep(replayCtx, recorder, rec);
  }
  const current: JournalHeader = { h: 1, limits: ctx.limits, kmsKeys };
  const journal = new Journal(statePath, current, (n) => snapshotJson(ctx.store, n), records.at(-1)?.n ?? after);
  if (records.length > 0) {
    // Compacted now: the records after this point run under this run's limits (the new header).
    await journal.checkpoint().catch(() => undefined);
    if (journal.failure !== undefined) throw writeFailed(statePath, journal.failure);
  } else if (text !== undefined) {
    // A journal with nothing to replay: its header may name other limits than this run's.
    try {
      unlinkSync(journalPath);
    } catch {
      // a read-only folder: nothing this run changes can be saved either (close reports it)
    }
  }
  return journal;
}
