/**
 * Empties an emulator state (EMULATOR.md §11, `voiceid-gitops emulator reset`): removes the state file and its
 * journal under the state's lock, so a running emulator or `--local` run that holds it is never pulled from under
 * (EMULATOR_STATE_LOCKED); a lock left by a dead process is taken over as usual.
 */
import { lstat, unlink } from 'node:fs/promises';
import { userError } from '../model/errors.js';
import { lockStateFile } from './state-lock.js';

export interface ResetResult {
  /** The files removed, with their sizes in bytes (absent files are not listed). */
  readonly removed: readonly { readonly path: string; readonly bytes: number }[];
}

/**
 * The files of one state: the journal of changes not yet compacted, then the state itself. Removed in that order:
 * should the second removal fail, the state is still whole (a journal without its state would replay onto nothing).
 */
export const stateFiles = (statePath: string): readonly string[] => [`${statePath}.journal`, statePath];

export async function resetStateFile(statePath: string): Promise<ResetResult> {
  const found = await presentFiles(statePath);
  if (found.length === 0) return { removed: [] };
  const unlock = await lockStateFile(statePath);
  try {
    const removed = [];
    for (const file of await presentFiles(statePath)) {
      await unlink(file.path).catch((e: unknown) => {
        throw userError('EMULATOR_RESET_FAILED', `cannot remove ${file.path} (${(e as NodeJS.ErrnoException).code ?? String(e)}); the state was not reset`, { say: (c) => `make the folder of the state file writable, then run ${c} again` });
      });
      removed.push(file);
    }
    return { removed };
  } finally {
    await unlock();
  }
}

async function presentFiles(statePath: string): Promise<{ path: string; bytes: number }[]> {
  const out: { path: string; bytes: number }[] = [];
  for (const path of stateFiles(statePath)) {
    const s = await lstat(path).catch(() => undefined);
    if (s === undefined) continue;
    if (!s.isFile()) throw userError('EMULATOR_STATE_INVALID', `${path} is not a file; nothing was removed`, { drop: ['--local-state', '--state'], say: (c) => `point --local-state at the file the emulator writes (default .voiceid-local/state.json: ${c})` });
    out.push({ path, bytes: s.size });
  }
  return out;
}
