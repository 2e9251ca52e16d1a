/**
 * The only module of src/config that touches the disk: it finds the YAML files under the paths the user gave,
 * reads them and the opt-out files as bytes, and reads the JSON Schema shipped in specs/. Everything else in
 * src/config is pure (bytes in, DesiredState or diagnostics out).
 */
import { readFileSync } from 'node:fs';
import { readFile, readdir, stat, realpath } from 'node:fs/promises';
import { join, normalize, resolve } from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';

export interface FileBytes {
  /** The path as the user gave it (relative to cwd when they gave a relative path). */
  readonly file: string;
  readonly bytes: Uint8Array;
}

export type ReadResult = { readonly kind: 'ok'; readonly bytes: Uint8Array } | { readonly kind: 'error'; readonly message: string };

const YAML_FILE = /\.ya?ml$/i;
/** Never descend into these: VCS metadata, CI config (`.github` workflows are YAML too) and dependencies. */
const SKIPPED_DIR = (name: string): boolean => name.startsWith('.') || name === 'node_modules';

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function problem(file: string, code: string, message: string): Diagnostic {
  return { file, line: 1, col: 1, severity: 'error', code, message };
}

function reason(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return e instanceof Error ? e.message : String(e);
}

/** Expands files and directories (recursively, sorted) into YAML files, each read once. */
export async function readYamlFiles(
  paths: readonly string[],
  cwd: string,
): Promise<{ readonly files: readonly FileBytes[]; readonly diagnostics: readonly Diagnostic[] }> {
  const found = new Map<string, string>(); // real path -> label
  const diagnostics: Diagnostic[] = [];
  for (const given of paths) {
    const label = normalize(given);
    try {
      const s = await stat(resolve(cwd, label));
      if (!s.isDirectory()) await remember(resolve(cwd, label), label, found);
      else if ((await walk(resolve(cwd, label), label, found, new Set())) === 0) {
        diagnostics.push(problem(label, 'E_NO_FILES', 'no *.yaml or *.yml file in this directory'));
      }
    } catch (e) {
      diagnostics.push(problem(label, 'E_FILE_NOT_FOUND', `cannot read: ${reason(e)}`));
    }
  }
  const files: FileBytes[] = [];
  for (const [real, file] of [...found].sort((a, b) => cmp(a[1], b[1]))) {
    try {
      files.push({ file, bytes: await readFile(real) });
    } catch (e) {
      diagnostics.push(problem(file, 'E_FILE_NOT_FOUND', `cannot read: ${reason(e)}`));
    }
  }
  return { files, diagnostics };
}

async function remember(abs: string, label: string, found: Map<string, string>): Promise<void> {
  // A dangling symlink keeps its own path, so that reading it reports the problem.
  const real = await realpath(abs).catch(() => abs);
  if (!found.has(real)) found.set(real, label);
}

/** Returns how many YAML files the directory holds, including ones already found through another path. */
async function walk(abs: string, label: string, found: Map<string, string>, visited: Set<string>): Promise<number> {
  const real = await realpath(abs);
  if (visited.has(real)) return 0; // a symlink loop
  visited.add(real);
  let count = 0;
  const entries = (await readdir(abs, { withFileTypes: true })).sort((a, b) => cmp(a.name, b.name));
  for (const e of entries) {
    const childAbs = join(abs, e.name);
    const childLabel = join(label, e.name);
    const isDir = e.isDirectory() || (e.isSymbolicLink() && (await stat(childAbs).catch(() => undefined))?.isDirectory() === true);
    if (isDir) {
      if (!SKIPPED_DIR(e.name)) count += await walk(childAbs, childLabel, found, visited);
    } else if (YAML_FILE.test(e.name)) {
      count++;
      await remember(childAbs, childLabel, found);
    }
  }
  return count;
}

/** Reads one file named in a YAML file (an optedOutSpeakersFile); `file` is relative to cwd or absolute. */
export async function readReferencedFile(file: string, cwd: string): Promise<ReadResult> {
  try {
    return { kind: 'ok', bytes: await readFile(resolve(cwd, file)) };
  } catch (e) {
    return { kind: 'error', message: reason(e) };
  }
}

/** A JSON file shipped with the package (specs/), two directories above this module in src/ and in dist/. */
export function readBundledJson(relativeToPackage: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../${relativeToPackage}`, import.meta.url), 'utf8')) as unknown;
}
