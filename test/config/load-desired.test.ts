import { mkdirSync, mkdtempSync, rmSync, writeFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDesired, loadDesiredState, loadFromMemory } from '../../src/config/index.js';
import { isGitopsError } from '../../src/model/errors.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const ROLE = 'arn:aws:iam::111122223333:role/VoiceIdBatch';
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'voiceid-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(rel: string, text: string): void {
  mkdirSync(join(dir, rel, '..'), { recursive: true });
  writeFileSync(join(dir, rel), text);
}

describe('loading desired state from disk', () => {
  it('loads the quick-start example into the documented desired state', async () => {
    const state = await loadDesiredState(['examples/quickstart'], { cwd: repo });
    expect(state).toEqual({
      version: 1,
      stack: 'quickstart',
      region: 'us-east-1',
      prune: false,
      domains: [
        {
          key: 'sales',
          name: 'sales',
          description: 'Sales line',
          kmsKeyId: 'alias/voiceid-next',
          tags: { team: 'sales' },
          optedOutSpeakers: [],
          watchlists: [],
          enrollmentJobs: [],
          fraudsterRegistrationJobs: [
            {
              jobName: 'known-fraudsters-2026',
              dataAccessRoleArn: ROLE,
              inputS3Uri: 's3://quickstart-voiceid/fraud/manifest.json',
              outputS3Uri: 's3://quickstart-voiceid/fraud/out/',
              duplicateRegistrationAction: 'SKIP',
              fraudsterSimilarityThreshold: 80,
              watchlists: ['default'],
            },
          ],
          source: { file: 'examples/quickstart/sales.yaml', line: 6, col: 3 },
        },
        {
          key: 'support',
          name: 'support-line',
          description: 'Customer support line',
          kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
          tags: { environment: 'quickstart', team: 'contact-center' },
          optedOutSpeakers: ['customer-0001', 'customer-0002', 'customer-0003', 'customer-0004'],
          watchlists: [{ name: 'high-risk', description: 'Known fraud rings' }],
          enrollmentJobs: [
            {
              jobName: 'backfill-2026-q1',
              dataAccessRoleArn: ROLE,
              inputS3Uri: 's3://quickstart-voiceid/enroll/manifest.json',
              outputS3Uri: 's3://quickstart-voiceid/enroll/out/',
              existingEnrollmentAction: 'SKIP',
              fraudDetection: { action: 'FAIL', riskThreshold: 50, watchlists: ['high-risk'] },
            },
          ],
          fraudsterRegistrationJobs: [],
          optOutSources: ['examples/quickstart/support.yaml', 'examples/quickstart/optouts/support.txt'],
          source: { file: 'examples/quickstart/support.yaml', line: 9, col: 3 },
        },
      ],
    });
  });

  it('loads the large example with its 100,000 generated ids and the two inline ones', async () => {
    const state = await loadDesiredState(['examples/large/'], { cwd: repo });
    const ivr = state.domains.find((d) => d.key === 'ivr-main')!;
    expect(ivr.optedOutSpeakers).toHaveLength(100_000);
    expect([ivr.optedOutSpeakers[0], ivr.optedOutSpeakers[99_999]]).toEqual(['cust-0000001-10xpq', 'cust-0100000-1sv4u']);
    expect(ivr.enrollmentJobs[0]!.dataAccessRoleArn).toBe(ROLE);
    expect(state.domains.find((d) => d.key === 'ivr-staging')!.optedOutSpeakers).toEqual(['test-caller-01', 'test-caller-02']);
  });

  it('defaults the stack to "default", prune to false and a domain name to its key', async () => {
    write('a.yaml', 'version: 1\ndomains:\n  billing:\n    kmsKeyId: alias/voiceid\n');
    const state = await loadDesiredState(['.'], { cwd: dir });
    expect([state.stack, state.prune, state.region, state.domains[0]!.name]).toEqual(['default', false, undefined, 'billing']);
  });

  it('reads directories recursively in sorted order, skipping dot-directories and node_modules', async () => {
    write('b/two.yml', 'version: 1\ndomains:\n  two:\n    kmsKeyId: k\n');
    write('a/one.YAML', 'version: 1\ndomains:\n  one:\n    kmsKeyId: k\n');
    write('.github/workflows/ci.yml', 'on: push\n');
    write('node_modules/pkg/x.yaml', 'nope: true\n');
    write('notes.txt', 'not yaml\n');
    const result = await loadDesired(['.'], { cwd: dir });
    expect(result.files).toEqual(['a/one.YAML', 'b/two.yml']);
    expect(result.kind).toBe('valid');
  });

  it('reads a file given twice, or through a directory and a symlink, once', async () => {
    write('x/one.yaml', 'version: 1\ndomains:\n  one:\n    kmsKeyId: k\n');
    symlinkSync(join(dir, 'x'), join(dir, 'link'));
    const result = await loadDesired(['x/one.yaml', './x/one.yaml', 'x', 'link'], { cwd: dir });
    expect(result.files).toEqual(['x/one.yaml']);
    expect(result.kind).toBe('valid');
  });

  it('reads an opt-out file relative to the YAML file that names it, and names it so in messages', async () => {
    write('estate/prod.yaml', 'version: 1\ndomains:\n  one:\n    kmsKeyId: k\n    optedOutSpeakersFile: ids/one.txt\n');
    write('estate/ids/one.txt', 'good-1\nbad id\n');
    const result = await loadDesired(['estate'], { cwd: dir });
    expect(result.kind === 'invalid' && result.diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.code}`)).toEqual(['estate/ids/one.txt:2:1 E_PATTERN']);
  });

  it('reports a path that does not exist and a directory without YAML at 1:1', async () => {
    mkdirSync(join(dir, 'empty'));
    const result = await loadDesired(['missing.yaml', 'empty'], { cwd: dir });
    expect(result.kind === 'invalid' && result.diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.code}: ${d.message}`)).toEqual([
      'empty:1:1 E_NO_FILES: no *.yaml or *.yml file in this directory',
      'missing.yaml:1:1 E_FILE_NOT_FOUND: cannot read: no such file or directory',
    ]);
  });

  it('rejects with one GitopsError carrying the summary and every formatted diagnostic', async () => {
    write('a.yaml', 'version: 1\ndomains:\n  one:\n    kmsKeyId: k\n    nmae: x\n');
    const error = await loadDesiredState(['a.yaml'], { cwd: dir }).catch((e: unknown) => e);
    expect(isGitopsError(error) && [error.code, error.source, error.message]).toEqual([
      'E_INVALID_DESIRED_STATE',
      'user',
      '1 error in 1 file\na.yaml:5:5: error E_UNKNOWN_KEY: unknown key `nmae` in domains.one (did you mean `name`?)\n 5 |     nmae: x\n   |     ^^^^',
    ]);
  });
});

describe('loading desired state from memory', () => {
  it('warns, without failing, when a domain opts out more speakers than the per-domain quota', () => {
    const ids = Array.from({ length: 100_001 }, (_, i) => `c${String(i).padStart(6, '0')}`).join('\n');
    const result = loadFromMemory(
      [{ file: 'a.yaml', bytes: enc('version: 1\ndomains:\n  one:\n    kmsKeyId: k\n    optedOutSpeakersFile: ids.txt\n') }],
      new Map([['ids.txt', enc(ids)]]),
    );
    expect(result.kind === 'valid' && result.warnings.map((d) => `${d.line}:${d.col} ${d.severity} ${d.code}`)).toEqual(['5:27 warning W_SPEAKER_QUOTA']);
  });

  it('warns, without failing, when a domain declares more tags than the 50 a domain takes with the 3 voiceid-gitops tags (ownership, applied record)', () => {
    const tags = (n: number) => Array.from({ length: n }, (_, i) => `      t${i}: v\n`).join('');
    const load = (n: number) => loadFromMemory([{ file: 'a.yaml', bytes: enc(`version: 1\ndomains:\n  one:\n    kmsKeyId: k\n    tags:\n${tags(n)}`) }]);
    const at47 = load(47);
    expect(at47.kind === 'valid' && at47.warnings).toEqual([]);
    const at48 = load(48);
    expect(at48.kind === 'valid' && at48.warnings.map((d) => `${d.line}:${d.col} ${d.severity} ${d.code}`)).toEqual(['5:5 warning W_TAG_QUOTA']);
  });

  it('counts columns in characters, not UTF-16 units, after astral characters', () => {
    const result = loadFromMemory([{ file: 'a.yaml', bytes: enc('version: 1\nstack: "😀😀" \nregion: bad\n# 😀\nprune: 3\n') }]);
    expect(result.kind === 'invalid' && result.diagnostics.map((d) => `${d.line}:${d.col} ${d.code}`)).toEqual(['2:8 E_PATTERN', '3:9 E_PATTERN', '5:8 E_TYPE']);
  });

  it('reports an id in both the inline list and the file once, at the inline item', () => {
    const result = loadFromMemory(
      [{ file: 'a.yaml', bytes: enc('version: 1\ndomains:\n  one:\n    kmsKeyId: k\n    optedOutSpeakers: [abc-1, abc-2]\n    optedOutSpeakersFile: ids.txt\n') }],
      new Map([['ids.txt', enc('abc-0\nabc-2\n')]]),
    );
    expect(result.kind === 'invalid' && result.diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.code}: ${d.message}`)).toEqual([
      'a.yaml:5:31 E_DUPLICATE_SPEAKER: speaker id ab…-2 (sha256:077ea909) is also listed in ids.txt on line 2',
    ]);
  });
});
