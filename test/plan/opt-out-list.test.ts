/**
 * PLAN.md R5.3: the opt-outs change summarises its declared list by counts, source files and a digest a reviewer
 * recomputes with the shell one-liner PLAN.md gives (run here for real, not re-implemented).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDesiredState } from '../../src/config/load-desired.js';
import { plan } from '../../src/plan/index.js';
import { liveDomainOf } from '../helpers/live-of.js';

const shell = (script: string, cwd: string): string => execFileSync('bash', ['-c', script], { cwd, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } }).split(' ')[0]!;

describe('the opt-out list summary', () => {
  it('counts declared, pending and already opted-out ids, names the files and digests the list as sort -u | sha256sum does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'voiceid-optout-list-'));
    mkdirSync(join(dir, 'optouts'));
    // Unsorted, comments and a blank line: the digest is of the ids only.
    writeFileSync(join(dir, 'optouts', 'ivr-main.txt'), 'cust-0009\ncust-0002\n# a comment\n\ncust-0010  # trailing comment\ncust-0001\n');
    writeFileSync(join(dir, 'main.yaml'), 'version: 1\nstack: prod\ndomains:\n  support:\n    kmsKeyId: alias/voiceid\n    optedOutSpeakersFile: optouts/ivr-main.txt\n');
    const desired = await loadDesiredState(['main.yaml'], { cwd: dir });
    const domain = desired.domains[0]!;
    // Live: the domain exists and two of the declared ids are already opted out.
    const live = liveDomainOf('prod', { ...domain, optedOutSpeakers: ['cust-0001', 'cust-0010'] });
    const p = plan(desired, { region: 'us-east-1', domains: [live], kmsKeys: {} });
    const change = p.changes.find((c) => c.kind === 'opt-outs');
    expect(change?.speakerIds).toEqual(['cust-0002', 'cust-0009']);
    expect(change?.optOutList).toEqual({
      declared: 4,
      alreadyOptedOut: 2,
      sources: ['optouts/ivr-main.txt'],
      sha256: shell("sed 's/#.*//; s/[[:space:]]//g' optouts/ivr-main.txt | grep . | LC_ALL=C sort -u | sha256sum", dir),
    });
  });

  it('names the YAML file of an inline list and digests it as LC_ALL=C sort -u | sha256sum does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'voiceid-optout-inline-'));
    writeFileSync(join(dir, 'main.yaml'), 'version: 1\nstack: prod\ndomains:\n  support:\n    kmsKeyId: alias/voiceid\n    optedOutSpeakers: [zed-1, alpha-2, Mid-3]\n');
    const desired = await loadDesiredState(['main.yaml'], { cwd: dir });
    const change = plan(desired, { region: 'us-east-1', domains: [], kmsKeys: {} }).changes.find((c) => c.kind === 'opt-outs');
    // Byte order: upper case before lower case (LC_ALL=C), as JavaScript's default string order.
    expect(change?.optOutList).toEqual({ declared: 3, alreadyOptedOut: 0, sources: ['main.yaml'], sha256: shell("printf 'zed-1\\nalpha-2\\nMid-3\\n' | LC_ALL=C sort -u | sha256sum", dir) });
  });
});
