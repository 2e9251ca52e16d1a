/**
 * What the commands call: paths as the user gave them -> the desired state. Reads through read-files.ts and
 * hands the bytes to the pure pipeline (estate.ts).
 *
 * - `loadDesired(paths, { cwd })` resolves with a LoadResult union: `valid` (state, files, warnings) or
 *   `invalid` (every diagnostic, sorted). `validate` uses it.
 * - `loadDesiredState(paths, { cwd })` resolves with the DesiredState or rejects with a GitopsError
 *   `E_INVALID_DESIRED_STATE` whose message is the summary line followed by the formatted diagnostics
 *   (FILE:LINE:COL: error CODE: message + excerpt). `plan` and `apply` use it.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { DesiredState } from '../model/desired.js';
import { commandLine } from '../model/command-line.js';
import { userError } from '../model/errors.js';
import { completeEstate, formatDiagnostics, parseEstate, summarize, type LoadResult } from './estate.js';
import { defaultPaths } from './default-paths.js';
import { readReferencedFile, readYamlFiles, refKey, type ReadResult } from './read-files.js';

export interface LoadOptions {
  readonly cwd: string;
  /** `--root DIR`: the folder every file read must resolve inside (default: each PATH's own root). */
  readonly root?: string;
}

/** No PATH: `.` when the working directory holds a desired-state file, else E_NO_PATH (default-paths.ts). */
export async function loadDesired(paths: readonly string[], { cwd, root }: LoadOptions): Promise<LoadResult> {
  if (root !== undefined) await checkRoot(root, cwd);
  const { files, diagnostics } = await readYamlFiles(paths.length === 0 ? await defaultPaths(cwd) : paths, cwd, root);
  const estate = parseEstate(files, diagnostics);
  const reads = new Map<string, ReadResult>();
  for (const f of estate.optOutFiles) reads.set(refKey(f), await readReferencedFile(f, cwd));
  return completeEstate(estate, reads);
}

async function checkRoot(root: string, cwd: string): Promise<void> {
  const s = await stat(resolve(cwd, root)).catch(() => undefined);
  if (s?.isDirectory() !== true) throw userError('E_USAGE', `--root ${root}: ${s ? 'not a directory' : 'no such directory'}`, { drop: ['--root'], say: (c) => `pass the folder every file read must lie in (the repository root), or leave it to its default: ${c}` });
}

export async function loadDesiredState(paths: readonly string[], options: LoadOptions): Promise<DesiredState> {
  const result = await loadDesired(paths, options);
  if (result.kind === 'valid') return result.state;
  throw userError(
    'E_INVALID_DESIRED_STATE',
    `${summarize(result)}\n${formatDiagnostics(result.diagnostics)}`,
    `run \`${commandLine(['validate', ...paths, ...(options.root === undefined ? [] : ['--root', options.root])])}\` for the full report`,
  );
}
