/**
 * Files a pull request controls (CONTRACT §8 "Files"), through the real CLI in a child process with a 256 MiB
 * heap: paths and symlinks out of the root, the checkout's .git/config, devices, FIFOs. Each case is one
 * `validate` run over a repository holding several hostile files, so the suite stays cheap.
 */
import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CaseResult } from './harness.js';
import { domainYaml, FAKE_TOKEN_LINE, tempRepo, type TempRepo } from './temp-repo.js';

const optOutFile = (key: string, file: string): string =>
  `  ${key}:\n    kmsKeyId: alias/voiceid\n    optedOutSpeakersFile: ${file}\n`;

/** Nothing of a refused file may reach the output: the passwd line, the environment, the checkout token. */
function expectNoLeak(r: CaseResult): void {
  const out = r.stdout + r.stderr;
  expect(out).not.toMatch(/root:x?:0:0|extraheader|AUTHORIZATION|ghs_|eC1hY2Nlc3M|PATH=|HOME=/);
}

describe('files outside the root', () => {
  let repo: TempRepo;
  let r: CaseResult;
  beforeAll(async () => {
    repo = tempRepo({
      'voiceid/a.yaml': `version: 1\ndomains:\n${optOutFile('passwd', '../../../../../../etc/passwd')}${optOutFile('environ', '/proc/self/environ')}${optOutFile('zero', '/dev/zero')}`,
    });
    symlinkSync('/etc/passwd', repo.path('voiceid/passwd.yaml'));
    symlinkSync('/dev/urandom', repo.path('voiceid/random.yaml'));
    symlinkSync('../.git/config', repo.path('voiceid/config.yaml'));
    symlinkSync('/etc', repo.path('voiceid/etc'));
    r = await runCli(['validate', 'voiceid'], { cwd: repo.dir });
  });
  afterAll(() => repo.cleanup());

  it('ends by itself, small', () => {
    expect({ timedOut: r.timedOut, overMemory: r.overMemory, code: r.code }).toEqual({ timedOut: false, overMemory: false, code: 1 });
  });

  it('refuses a file named in YAML by .. or an absolute path, at its place in the YAML', () => {
    expect(r.stderr).toContain(`voiceid/a.yaml:5:27: error E_PATH_OUTSIDE_ROOT: cannot read optedOutSpeakersFile ../../../../../etc/passwd: it resolves to /etc/passwd, outside the root ${repo.dir}`);
    expect(r.stderr).toMatch(/voiceid\/a\.yaml:8:27: error E_PATH_OUTSIDE_ROOT: cannot read optedOutSpeakersFile \/proc\/self\/environ: it resolves to \/proc\/\d+\/environ, outside the root/);
    expect(r.stderr).toContain('voiceid/a.yaml:11:27: error E_PATH_OUTSIDE_ROOT: cannot read optedOutSpeakersFile /dev/zero: it resolves to /dev/zero, outside the root');
  });

  it('refuses *.yaml symlinks and symlinked folders leading out, at the symlink\'s path', () => {
    expect(r.stderr).toContain(`voiceid/passwd.yaml:1:1: error E_PATH_OUTSIDE_ROOT: not read: it resolves to /etc/passwd, outside the root ${repo.dir}`);
    expect(r.stderr).toContain('voiceid/random.yaml:1:1: error E_PATH_OUTSIDE_ROOT: not read: it resolves to /dev/urandom, outside the root');
    expect(r.stderr).toContain('voiceid/etc:1:1: error E_PATH_OUTSIDE_ROOT: not read: it resolves to /etc, outside the root');
  });

  it('refuses a symlink into .git, and prints nothing of the checkout token', () => {
    expect(FAKE_TOKEN_LINE).toContain('extraheader');
    expect(r.stderr).toContain(`voiceid/config.yaml:1:1: error E_PATH_OUTSIDE_ROOT: not read: it resolves to ${repo.path('.git/config')}, inside a .git folder, which is never read`);
    expectNoLeak(r);
  });
});

describe('files that are not regular files, inside the root', () => {
  let repo: TempRepo;
  let r: CaseResult;
  beforeAll(async () => {
    repo = tempRepo({ 'voiceid/a.yaml': domainYaml('    optedOutSpeakersFile: ids.fifo\n') });
    execFileSync('mkfifo', [repo.path('voiceid/ids.fifo'), repo.path('voiceid/b.yaml')]);
    r = await runCli(['validate', 'voiceid'], { cwd: repo.dir });
  });
  afterAll(() => repo.cleanup());

  it('refuses a FIFO named in YAML or found as *.yaml without waiting for a writer', () => {
    expect({ timedOut: r.timedOut, code: r.code }).toEqual({ timedOut: false, code: 1 });
    expect(r.stderr).toContain('voiceid/a.yaml:7:27: error E_NOT_A_FILE: cannot read optedOutSpeakersFile voiceid/ids.fifo: it is a FIFO (named pipe), not a regular file');
    expect(r.stderr).toContain('voiceid/b.yaml:1:1: error E_NOT_A_FILE: not read: it is a FIFO (named pipe), not a regular file');
  });

  it('refuses /dev/zero as a device, without reading it, when --root lets it in', async () => {
    const dev = tempRepo({ 'a.yaml': domainYaml('    optedOutSpeakersFile: /dev/zero\n') });
    try {
      const z = await runCli(['validate', 'a.yaml', '--root', '/'], { cwd: dev.dir, maxRssMb: 300 });
      expect({ timedOut: z.timedOut, overMemory: z.overMemory, code: z.code }).toEqual({ timedOut: false, overMemory: false, code: 1 });
      expect(z.stderr).toContain('a.yaml:7:27: error E_NOT_A_FILE: cannot read optedOutSpeakersFile /dev/zero: it is a character device, not a regular file');
    } finally {
      dev.cleanup();
    }
  });
});
