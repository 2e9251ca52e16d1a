/** The pure half of `export`: keys, opt-out placement, and the YAML the loader reads back. */
import { describe, expect, test } from 'vitest';
import { assignKeys, buildExport, sanitizeKey } from '../../src/cli/export-yaml.js';
import type { ExportedDomain, ExportRead } from '../../src/cli/export-read.js';
import { loadFromMemory } from '../../src/config/index.js';
import { runCli } from '../helpers/cli.js';
import type { LiveDomain } from '../../src/model/live.js';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function domain(domainId: string, name: string, fields: Partial<ExportedDomain> = {}, tags: Record<string, string> = {}): ExportedDomain {
  const live: LiveDomain = { domainId, arn: `arn:aws:voiceid:us-east-1:111122223333:domain/${domainId}`, name, status: 'ACTIVE', kmsKeyId: KEY, tags };
  return { live, managed: false, watchlists: [], members: {}, optedOut: [], enrollmentJobs: [], fraudsterRegistrationJobs: [], unnamedJobs: 0, ...fields };
}
const managed = (domainId: string, name: string, key: string) =>
  domain(domainId, name, { managed: true }, { 'voiceid-gitops:stack': 's', 'voiceid-gitops:key': key });

describe('keys', () => {
  test('managed domains keep the key of their ownership tag', () => {
    expect(assignKeys([managed('A'.repeat(22), 'support-prod', 'support')]).get('A'.repeat(22))).toBe('support');
  });

  test('unmanaged domains of the same name get -2, -3 in name then id order', () => {
    const keys = assignKeys([domain('C'.repeat(22), 'sales'), domain('B'.repeat(22), 'sales'), domain('D'.repeat(22), 'sales')]);
    expect([keys.get('B'.repeat(22)), keys.get('C'.repeat(22)), keys.get('D'.repeat(22))]).toEqual(['sales', 'sales-2', 'sales-3']);
  });

  test('an unmanaged domain never takes the key a managed domain holds', () => {
    const keys = assignKeys([domain('B'.repeat(22), 'support'), managed('A'.repeat(22), 'other-name', 'support')]);
    expect([keys.get('A'.repeat(22)), keys.get('B'.repeat(22))]).toEqual(['support', 'support-2']);
  });

  test('characters a key cannot hold become dashes and leading ones are dropped', () => {
    expect(sanitizeKey('_team sales.v2')).toBe('team-sales-v2');
  });
});

describe('documents', () => {
  const read: ExportRead = { domains: [managed('A'.repeat(22), 'support', 'support')].map((d) => ({ ...d, optedOut: ['customer-0001', 'customer-0002'] })), skipped: [] };
  const input = { stack: 's', region: 'us-east-1', header: ['backup'] } as const;

  test('with files, the YAML references the opt-out file and both load back to the same ids', () => {
    const doc = buildExport(read, { ...input, optOuts: { kind: 'files', dir: 'b.optouts' } });
    const files = new Map(doc.optOutFiles.map((f) => [f.path, new TextEncoder().encode(f.text)] as const));
    const loaded = loadFromMemory([{ file: 'b.yaml', bytes: new TextEncoder().encode(doc.yaml) }], files);
    expect(loaded.kind === 'valid' ? loaded.state.domains[0]?.optedOutSpeakers : loaded.diagnostics).toEqual(['customer-0001', 'customer-0002']);
  });

  test('omitted ids leave a YAML comment with their count and no id', () => {
    const doc = buildExport(read, { ...input, optOuts: { kind: 'omit' } });
    expect(doc.yaml).toContain('2 opted-out speaker id(s) not shown');
    expect(doc.yaml).not.toContain('customer-0001');
  });

  test('the header lines open the file as comments', () => {
    expect(buildExport(read, { ...input, optOuts: { kind: 'inline' } }).yaml.startsWith('# backup\nversion: 1\n')).toBe(true);
  });
});

describe('export command line', () => {
  test('export --help says where opted-out speaker ids go', async () => {
    const r = await runCli(['export', '--help']);
    expect(r.stdout).toContain('NAME.optouts/<key>.txt');
    expect(r.stdout).toContain('--include-unmanaged');
  });

  test('an unknown export flag is a one-line error', async () => {
    const r = await runCli(['export', '--format', 'json']);
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([1, "error: unknown option '--format'"]);
  });
});

test('an invalid --stack name is a one-line usage error before any AWS call', async () => {
  const r = await runCli(['export', '--stack', 'bad name', '--endpoint-url', 'http://127.0.0.1:1'], { env: { AWS_REGION: 'us-east-1' } });
  expect([r.code, r.stderr.split('\n')[0]]).toEqual([1, 'error E_USAGE: --stack "bad name" is not a valid stack name']);
});

test('a second managed domain with the same key gets no key (plan reports the duplicate ownership)', () => {
  const keys = assignKeys([managed('B'.repeat(22), 'support', 'support'), managed('A'.repeat(22), 'support', 'support')]);
  expect([...keys.entries()]).toEqual([['A'.repeat(22), 'support']]);
});
