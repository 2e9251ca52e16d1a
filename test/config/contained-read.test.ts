/** Containment and safe reading of files a pull request controls (src/config/contained-read.ts). */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readContained, rootOf } from '../../src/config/contained-read.js';
import { tempRepo, type TempRepo } from '../hostile/temp-repo.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

const text = (r: Awaited<ReturnType<typeof readContained>>): string => (r.kind === 'ok' ? Buffer.from(r.bytes).toString('utf8') : `${r.code}: ${r.message}`);

describe('rootOf', () => {
  it('is the nearest folder at or above the PATH that holds .git', async () => {
    repo = tempRepo({ 'a/b/x.yaml': '' });
    expect(await rootOf('a/b/x.yaml', repo.dir)).toBe(repo.dir);
    expect(await rootOf('a/b', repo.dir)).toBe(repo.dir);
    expect(await rootOf('.', join(repo.dir, 'a'))).toBe(repo.dir);
  });

  it('is the PATH itself, or a file\'s folder, outside any checkout', async () => {
    repo = tempRepo({ 'a/x.yaml': '' }, { git: false });
    expect(await rootOf('a', repo.dir)).toBe(join(repo.dir, 'a'));
    expect(await rootOf('a/x.yaml', repo.dir)).toBe(join(repo.dir, 'a'));
  });

  it('is the --root folder when one is given', async () => {
    repo = tempRepo({ 'a/x.yaml': '' });
    expect(await rootOf('a/x.yaml', repo.dir, 'a')).toBe(join(repo.dir, 'a'));
  });
});

describe('readContained', () => {
  it('reads a regular file inside the root, through symlinks that stay inside', async () => {
    repo = tempRepo({ 'ids.txt': 'cust-1\n' });
    symlinkSync('ids.txt', repo.path('link.txt'));
    expect(text(await readContained(repo.path('link.txt'), repo.dir, 100))).toBe('cust-1\n');
  });

  it('refuses a path that resolves outside the root, by .. or by a symlink', async () => {
    repo = tempRepo({ 'sub/x': '' });
    symlinkSync('/etc/passwd', repo.path('sub/out'));
    expect(text(await readContained(repo.path('sub/../../../../etc/passwd'), repo.path('sub'), 1 << 20))).toBe('E_PATH_OUTSIDE_ROOT: it resolves to /etc/passwd, outside the root ' + repo.path('sub'));
    expect(text(await readContained(repo.path('sub/out'), repo.dir, 1 << 20))).toMatch(/^E_PATH_OUTSIDE_ROOT: it resolves to \/etc\/passwd/);
  });

  it('refuses anything inside a .git folder, the checkout token\'s home', async () => {
    repo = tempRepo();
    symlinkSync('.git/config', repo.path('config.yaml'));
    expect(text(await readContained(repo.path('config.yaml'), repo.dir, 1 << 20))).toBe(`E_PATH_OUTSIDE_ROOT: it resolves to ${repo.path('.git/config')}, inside a .git folder, which is never read`);
  });

  it('refuses a FIFO without blocking on it, and a device or a folder', async () => {
    repo = tempRepo();
    execFileSync('mkfifo', [repo.path('pipe')]);
    mkdirSync(repo.path('dir'));
    expect(text(await readContained(repo.path('pipe'), repo.dir, 100))).toBe('E_NOT_A_FILE: it is a FIFO (named pipe), not a regular file');
    expect(text(await readContained('/dev/zero', '/', 100))).toBe('E_NOT_A_FILE: it is a character device, not a regular file');
    expect(text(await readContained(repo.path('dir'), repo.dir, 100))).toBe('E_NOT_A_FILE: it is a directory, not a regular file');
  });

  it('refuses a file larger than the cap from its size, before reading', async () => {
    repo = tempRepo();
    writeFileSync(repo.path('big'), Buffer.alloc(3 * 1024 * 1024, 0x61));
    expect(text(await readContained(repo.path('big'), repo.dir, 1024 * 1024))).toBe('E_FILE_TOO_LARGE: it is 3.0 MiB, over the limit of 1 MiB');
  });

  // /proc files report a size of 0 and hold more: only a capped read through the descriptor stops them.
  it('stops reading one byte past the cap when the file holds more than its size said', async () => {
    expect(text(await readContained('/proc/self/environ', '/', 4))).toBe('E_FILE_TOO_LARGE: it held more than its size said (a growing or /proc file); reading stopped at the limit of 4 bytes');
  });

  it('reports a missing file as not found', async () => {
    repo = tempRepo();
    expect(text(await readContained(repo.path('nope'), repo.dir, 100))).toBe('E_FILE_NOT_FOUND: no such file or directory');
  });
});
