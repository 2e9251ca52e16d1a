/**
 * The modules of src/config that touch the disk are this one and contained-read.ts: this one finds the YAML
 * files under the paths the user gave and reads them, and the files they name (optedOutSpeakersFile, and every
 * later `*File` key: they all go through `readReferencedFile`), each through the containment rules of
 * contained-read.ts; it also reads the JSON Schema shipped in specs/. Everything else in src/config is pure
 * (bytes in, DesiredState or diagnostics out).
 */
import { readFileSync, type Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, normalize, resolve } from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';
import { LIMITS } from './codes.js';
import { outsideRoot, readContained, reason, rootOf, type ReadResult } from './contained-read.js';
import { compareStrings } from '../model/collections.js';

export type { ReadResult } from './contained-read.js';

export interface FileBytes {
  /** The path as the user gave it (relative to cwd when they gave a relative path). */
  readonly file: string;
  readonly bytes: Uint8Array;
  /** The real path of the root the file was found under; the files it names must lie inside it too. */
  readonly root?: string;
}

/** A file named in a YAML file: its path relative to cwd (or absolute), and the root it must resolve inside. */
export interface FileRef {
  readonly path: string;
  readonly root?: string;
}

export const refKey = (ref: FileRef): string => (ref.root === undefined ? ref.path : `${ref.root}\0${ref.path}`);

const YAML_FILE = /\.ya?ml$/i;
/** Never descend into these: VCS metadata, CI config (`.github` workflows are YAML too) and dependencies. */
const SKIPPED_DIR = (name: string): boolean => name.startsWith('.') || name === 'node_modules';


function problem(file: string, code: string, message: string): Diagnostic {
  return { file, line: 1, col: 1, severity: 'error', code, message };
}

interface Found {
  readonly label: string;
  readonly root: string;
}

interface Walk {
  readonly root: string;
  /** real path -> where it was found first */
  readonly found: Map<string, Found>;
  readonly visited: Set<string>;
  readonly diagnostics: Diagnostic[];
}

/**
 * Expands files and directories (recursively, sorted) into YAML files, each read once, every one inside the root
 * of the PATH it was found under (`root`: `--root DIR`, overriding each PATH's own root).
 */
export async function readYamlFiles(
  paths: readonly string[],
  cwd: string,
  root?: string,
): Promise<{ readonly files: readonly FileBytes[]; readonly diagnostics: readonly Diagnostic[] }> {
  const found = new Map<string, Found>();
  const diagnostics: Diagnostic[] = [];
  for (const given of paths) {
    const label = normalize(given);
    const abs = resolve(cwd, label);
    try {
      const w: Walk = { root: await rootOf(label, cwd, root), found, visited: new Set(), diagnostics };
      if (!(await stat(abs)).isDirectory()) await remember(abs, label, w);
      else if ((await walk(abs, label, w)) === 0) diagnostics.push(problem(label, 'E_NO_FILES', 'no *.yaml or *.yml file in this directory'));
    } catch (e) {
      diagnostics.push(problem(label, 'E_FILE_NOT_FOUND', `cannot read: ${reason(e)}`));
    }
  }
  const files: FileBytes[] = [];
  for (const [real, { label, root: r }] of [...found].sort((a, b) => compareStrings(a[1].label, b[1].label))) {
    const read = await readContained(real, r, LIMITS.maxYamlBytes);
    if (read.kind === 'ok') files.push({ file: label, bytes: read.bytes, root: r });
    else diagnostics.push(problem(label, read.code, `not read: ${read.message}`));
  }
  return { files, diagnostics };
}

async function remember(abs: string, label: string, w: Walk): Promise<void> {
  // A dangling symlink keeps its own path, so that reading it reports the problem.
  const real = await realpath(abs).catch(() => abs);
  if (!w.found.has(real)) w.found.set(real, { label, root: w.root });
}

async function isDirectory(abs: string, e: Dirent): Promise<boolean> {
  if (e.isDirectory()) return true;
  return e.isSymbolicLink() && (await stat(abs).catch(() => undefined))?.isDirectory() === true;
}

/** Returns how many YAML files the directory holds, including ones already found through another path. */
async function walk(abs: string, label: string, w: Walk): Promise<number> {
  const real = await realpath(abs);
  // A symlinked folder leading out of the root is not listed at all: even its file names stay unread.
  const outside = outsideRoot(real, w.root);
  if (outside !== undefined) {
    w.diagnostics.push(problem(label, 'E_PATH_OUTSIDE_ROOT', `not read: ${outside}`));
    return 1;
  }
  if (w.visited.has(real)) return 0; // a symlink loop
  w.visited.add(real);
  let count = 0;
  const entries = (await readdir(abs, { withFileTypes: true })).sort((a, b) => compareStrings(a.name, b.name));
  for (const e of entries) {
    const childAbs = join(abs, e.name);
    const childLabel = join(label, e.name);
    if (await isDirectory(childAbs, e)) {
      if (!SKIPPED_DIR(e.name)) count += await walk(childAbs, childLabel, w);
    } else if (YAML_FILE.test(e.name)) {
      count++;
      await remember(childAbs, childLabel, w);
    }
  }
  return count;
}

/** Reads one file named in a YAML file (an optedOutSpeakersFile), inside its root when it has one. */
export async function readReferencedFile(ref: FileRef, cwd: string, maxBytes: number = LIMITS.maxReferencedFileBytes): Promise<ReadResult> {
  const abs = resolve(cwd, ref.path);
  return readContained(abs, ref.root ?? (await rootOf(ref.path, cwd).catch(() => cwd)), maxBytes);
}

/** A JSON file shipped with the package (specs/), two directories above this module in src/ and in dist/. */
export function readBundledJson(relativeToPackage: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../${relativeToPackage}`, import.meta.url), 'utf8')) as unknown;
}
