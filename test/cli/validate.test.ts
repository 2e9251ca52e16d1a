import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'voiceid-validate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('voiceid-gitops validate', () => {
  it('accepts the quick-start example with exit 0 and a one-line summary', async () => {
    const r = await runCli(['validate', 'examples/quickstart'], { cwd: repo });
    expect(r).toEqual({ code: 0, stdout: 'valid: 2 files, 2 domains, 4 speakers to keep opted out, 1 watchlist, 2 jobs\n', stderr: '' });
  });

  it('validates the current directory when no path is given', async () => {
    writeFileSync(join(dir, 'estate.yaml'), 'version: 1\ndomains:\n  one:\n    kmsKeyId: alias/voiceid\n');
    const r = await runCli(['validate'], { cwd: dir });
    expect(r).toEqual({ code: 0, stdout: 'valid: 1 file, 1 domain, 0 speakers to keep opted out, 0 watchlists, 0 jobs\n', stderr: '' });
  });

  it('prints every problem with its position and excerpt, then the error count, and exits 1', async () => {
    writeFileSync(join(dir, 'a.yaml'), 'version: 1\ndomains:\n  one:\n    kmsKeyId: alias/voiceid\n    prnue: true\n');
    writeFileSync(join(dir, 'b.yaml'), 'version: 3\n');
    const r = await runCli(['validate', 'a.yaml', 'b.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'a.yaml:5:5: error E_UNKNOWN_KEY: unknown key `prnue` in domains.one (expected one of: name, description, kmsKeyId, tags, optedOutSpeakers, optedOutSpeakersFile, erasedSpeakers, erasedSpeakersFile, deletedFraudsters, adopt, protect, ignoreChanges, watchlists, enrollmentJobs, fraudsterRegistrationJobs)',
        ' 5 |     prnue: true',
        '   |     ^^^^^',
        'b.yaml:1:10: error E_VERSION: unsupported format version 3: this tool reads `version: 1`',
        ' 1 | version: 3',
        '   |          ^',
        '',
        '2 errors in 2 files',
        '',
      ].join('\n'),
    );
  });

  it('never shows a customer speaker id from a bad opt-out file, and no stack trace', async () => {
    writeFileSync(join(dir, 'a.yaml'), 'version: 1\ndomains:\n  one:\n    kmsKeyId: k\n    optedOutSpeakers: [jane.doe-1971]\n    optedOutSpeakersFile: ids.txt\n');
    writeFileSync(join(dir, 'ids.txt'), 'john.smith@example.com\n');
    const r = await runCli(['validate'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/jane\.doe|john\.smith|\bat .*\.ts:\d+/);
    expect(r.stderr).toContain('ids.txt:1:1: error E_PATTERN: speaker id jo…om (sha256:');
  });

  it('prints warnings but still exits 0 when there is no error', async () => {
    const ids = Array.from({ length: 100_001 }, (_, i) => `c${i}`).join('\n');
    writeFileSync(join(dir, 'a.yaml'), 'version: 1\ndomains:\n  one:\n    kmsKeyId: k\n    optedOutSpeakersFile: ids.txt\n');
    writeFileSync(join(dir, 'ids.txt'), ids);
    const r = await runCli(['validate', 'a.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^a\.yaml:5:27: warning W_SPEAKER_QUOTA: 100001 speakers to opt out/);
    expect(r.stdout).toBe('valid: 1 file, 1 domain, 100001 speakers to keep opted out, 0 watchlists, 0 jobs (1 warning)\n');
  });
});
