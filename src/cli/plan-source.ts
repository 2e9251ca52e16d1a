/**
 * What a saved plan was made from (Plan.source): the YAML PATHs relative to the repository root, so that
 * `apply --plan FILE` finds the same files from any folder of the same repository (a CI job that planned in the
 * repository root and applies in another checkout). The root is the nearest folder at or above the working
 * directory that holds `.git` (a folder, or a file in a worktree or submodule), else the working directory.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { PlanSource } from '../model/plan.js';

export function repositoryRoot(cwd: string): string {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return resolve(cwd);
  }
}

const toPosix = (p: string): string => p.split(sep).join('/');

/** PATHs as given (relative to cwd, or absolute) -> the recorded form: root-relative, `/`, sorted, unique. */
export function recordSource(cwd: string, paths: readonly string[]): PlanSource {
  const root = repositoryRoot(cwd);
  const recorded = paths.map((p) => toPosix(relative(root, resolve(cwd, p))) || '.');
  return { paths: [...new Set(recorded)].sort() };
}

/** The recorded PATHs as paths to load from cwd (relative to it, so diagnostics name them as a user would). */
export function sourcePaths(cwd: string, source: PlanSource): string[] {
  const root = repositoryRoot(cwd);
  return source.paths.map((p) => {
    const abs = isAbsolute(p) ? p : resolve(root, p);
    return relative(cwd, abs) || '.';
  });
}

export function sameSource(a: PlanSource, b: PlanSource): boolean {
  return a.paths.length === b.paths.length && a.paths.every((p, i) => p === b.paths[i]);
}
