/**
 * What `validate`, `plan` and `apply` read when no PATH is given (docs/desired-state.md "Which files are read").
 * `.` was read recursively before, so a bare command in a repository root read every YAML file of the repository
 * (test fixtures, action.yml, workflows) and answered with hundreds of errors. Now:
 *
 * - `.` (read recursively, as before) when the working directory itself holds a desired-state file: a `*.yaml` /
 *   `*.yml` with a top-level `version:` key and a top-level `stack:` or `domains:` key;
 * - otherwise E_NO_PATH, one line, nothing else read: its hint is the command with the nearest folder below that
 *   holds such a file (breadth first, three levels at most, the folders read-files.ts skips skipped too), or the
 *   demo when there is none.
 *
 * Only the first 64 KiB of a candidate file are looked at, each through the containment rules of contained-read.ts.
 */
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { compareStrings } from '../model/collections.js';
import { userError } from '../model/errors.js';
import { LIMITS } from './codes.js';
import { readContained, rootOf } from './contained-read.js';

const SNIFF_BYTES = 64 * 1024;
const MAX_DEPTH = 3;
const MAX_DIRS = 200;
const YAML_FILE = /\.ya?ml$/i;
const SKIPPED_DIR = (name: string): boolean => name.startsWith('.') || name === 'node_modules';

/** A desired-state file, told by its top-level keys (comments and other keys aside). */
export function looksLikeDesiredState(text: string): boolean {
  return /^version\s*:/m.test(text) && /^(stack|domains)\s*:/m.test(text);
}

/** The PATHs to read when none was given: `.`, or E_NO_PATH (see the top of this file). */
export async function defaultPaths(cwd: string): Promise<readonly string[]> {
  const root = await rootOf('.', cwd);
  if (await holdsDesiredState(cwd, root)) return ['.'];
  const found = await nearestStackFolders(cwd, root);
  const where = found.map((d) => relative(cwd, d));
  const others = where.length > 1 ? ` (stack YAML also in ${where.slice(1).join(', ')})` : '';
  throw userError('E_NO_PATH', `no PATH given, and ${cwd} holds no desired-state YAML file; nothing was read`, where.length > 0
    ? { paths: [where[0]!], say: (c) => `pass the folder of the stack's YAML: ${c}${others}` }
    : { as: ['demo'], keep: [], drop: ['--local', '--local-state', '--local-max-domains', '--region', '--profile', '--endpoint-url', '--root'], say: (c) => `pass the folder of the stack's YAML; to start from the example, run ${c}` });
}

async function yamlNames(dir: string): Promise<{ files: string[]; dirs: string[] }> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  entries.sort((a, b) => compareStrings(a.name, b.name));
  return {
    files: entries.filter((e) => e.isFile() && YAML_FILE.test(e.name)).map((e) => join(dir, e.name)),
    dirs: entries.filter((e) => e.isDirectory() && !SKIPPED_DIR(e.name)).map((e) => join(dir, e.name)),
  };
}

async function holdsDesiredState(dir: string, root: string): Promise<boolean> {
  for (const file of (await yamlNames(dir)).files) {
    const read = await readContained(file, root, LIMITS.maxYamlBytes).catch(() => undefined);
    if (read?.kind === 'ok' && looksLikeDesiredState(Buffer.from(read.bytes.subarray(0, SNIFF_BYTES)).toString('utf8'))) return true;
  }
  return false;
}

/** Folders below `cwd` holding a desired-state file, nearest first, at most three. */
async function nearestStackFolders(cwd: string, root: string): Promise<string[]> {
  const found: string[] = [];
  let level = (await yamlNames(cwd)).dirs;
  let visited = 0;
  for (let depth = 1; depth <= MAX_DEPTH && level.length > 0 && found.length < 3; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      if (++visited > MAX_DIRS || found.length >= 3) break;
      if (await holdsDesiredState(dir, root)) found.push(dir);
      next.push(...(await yamlNames(dir)).dirs);
    }
    level = next;
  }
  return found;
}
