/**
 * The git facts trusted opt-outs need (src/plan/PLAN.md §13), through the `git` command (no library: reading a
 * commit's tree is two plumbing commands). Arguments never come from YAML text; a commit is checked to be hex
 * before it reaches git, so it cannot be read as an option.
 *
 *   gitCheckout(cwd, env)                 the repository top-level, or why there is none
 *   yamlCommit(repo, paths, env)          HEAD's 12 hex digits when the PATHs are as committed, else why not
 *   materializeAt(repo, commit, paths, dest, env)  the PATHs' files at a commit, written under dest
 */
import { execFile } from 'node:child_process';
import { realpath, mkdir, writeFile, symlink } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep, isAbsolute } from 'node:path';

export const SHORT_COMMIT = 12;
const MAX_FILES = 5000;

export interface GitRepo {
  readonly top: string;
  readonly env: NodeJS.ProcessEnv;
}

type GitResult = { readonly ok: true; readonly out: Buffer } | { readonly ok: false; readonly why: string };

function git(repo: Pick<GitRepo, 'env'>, cwd: string, args: readonly string[]): Promise<GitResult> {
  return new Promise((done) => {
    execFile('git', [...args], { cwd, env: repo.env, encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return done({ ok: true, out: stdout });
      const first = stderr.toString('utf8').split('\n').find((l) => l.trim() !== '') ?? error.message.split('\n')[0] ?? 'git failed';
      done({ ok: false, why: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed' : first.replace(/^(fatal|error): /, '') });
    });
  });
}

/** The environment git runs with: the user's PATH and HOME only, no prompts, no optional locks (reads only). */
export function gitEnv(env: Readonly<Record<string, string | undefined>>): NodeJS.ProcessEnv {
  const keep = (k: string): Record<string, string> => (env[k] !== undefined ? { [k]: env[k] as string } : {});
  return { ...keep('PATH'), ...keep('HOME'), GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' };
}

export async function gitCheckout(cwd: string, env: NodeJS.ProcessEnv): Promise<GitRepo | { readonly why: string }> {
  const r = await git({ env }, cwd, ['rev-parse', '--show-toplevel']);
  if (!r.ok) return { why: /not a git repository/i.test(r.why) ? 'not a git repository' : r.why };
  return { top: await realpath(r.out.toString('utf8').trim()), env };
}

/** PATHs as given -> paths relative to the top-level (`/`), or the first that lies outside it. */
export async function repoPaths(repo: GitRepo, cwd: string, paths: readonly string[]): Promise<string[] | { readonly why: string }> {
  const out: string[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    const real = await realpath(abs).catch(() => abs);
    const rel = relative(repo.top, real);
    if (rel.startsWith('..') || isAbsolute(rel)) return { why: `${p} lies outside the git repository` };
    out.push(rel === '' ? '.' : rel.split(sep).join('/'));
  }
  return out;
}

/** R13.1: HEAD when nothing under the PATHs differs from it (modified, staged or untracked), else why not. */
export async function yamlCommit(repo: GitRepo, rel: readonly string[]): Promise<{ readonly commit: string } | { readonly why: string }> {
  const head = await git(repo, repo.top, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (!head.ok) return { why: 'the repository has no commit yet' };
  const status = await git(repo, repo.top, ['--literal-pathspecs', 'status', '--porcelain', '-z', '--untracked-files=all', '--', ...rel]);
  if (!status.ok) return { why: status.why };
  if (status.out.length > 0) return { why: 'the YAML has uncommitted changes' };
  return { commit: head.out.toString('utf8').trim().slice(0, SHORT_COMMIT) };
}

/** The full commit id a recorded prefix names in this clone, or why not (absent: a shallow clone, another repository). */
export async function resolveCommit(repo: GitRepo, prefix: string): Promise<{ readonly commit: string } | { readonly why: string }> {
  if (!/^[0-9a-f]{7,40}$/.test(prefix)) return { why: `${prefix} is not a commit id` };
  const r = await git(repo, repo.top, ['rev-parse', '--verify', '--quiet', `${prefix}^{commit}`]);
  if (!r.ok) return { why: `commit ${prefix.slice(0, 7)} is not in this clone's history (a shallow clone? fetch it with fetch-depth: 0)` };
  return { commit: r.out.toString('utf8').trim() };
}

/**
 * Writes the files under `rel` as they were at `commit` below `dest` (same relative layout as the top-level), so the
 * ordinary loader (and its containment rules, with `dest` as the root) reads them. Symlinks stay symlinks: the
 * loader refuses one that leads outside `dest`.
 */
export async function materializeAt(repo: GitRepo, commit: string, rel: readonly string[], dest: string): Promise<{ readonly files: number } | { readonly why: string }> {
  const list = await git(repo, repo.top, ['--literal-pathspecs', 'ls-tree', '-r', '-z', '--full-tree', commit, '--', ...rel]);
  if (!list.ok) return { why: list.why };
  const entries = list.out.toString('utf8').split('\0').filter((e) => e.length > 0).map((e) => {
    const tab = e.indexOf('\t');
    const [mode, type, object] = e.slice(0, tab).split(' ');
    return { mode: mode ?? '', type: type ?? '', object: object ?? '', path: e.slice(tab + 1) };
  }).filter((e) => e.type === 'blob');
  if (entries.length > MAX_FILES) return { why: `more than ${MAX_FILES} files under the PATHs at ${commit.slice(0, 7)}` };
  for (let i = 0; i < entries.length; i += 8) {
    const batch = await Promise.all(entries.slice(i, i + 8).map(async (e) => {
      const blob = await git(repo, repo.top, ['cat-file', 'blob', e.object]);
      if (!blob.ok) return blob.why;
      const target = join(dest, ...e.path.split('/'));
      await mkdir(dirname(target), { recursive: true });
      if (e.mode === '120000') await symlink(blob.out.toString('utf8'), target);
      else await writeFile(target, blob.out);
      return undefined;
    }));
    const failed = batch.find((w) => w !== undefined);
    if (failed !== undefined) return { why: failed };
  }
  return { files: entries.length };
}
