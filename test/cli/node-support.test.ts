/**
 * On Node.js 20 a run that uses the AWS SDK prints one line, in our words, saying when Node.js 22 becomes
 * necessary, and never the SDK's own NodeVersionSupportWarning; on Node.js 22 and later nothing.
 */
import { readFileSync } from 'node:fs';
import { satisfies } from 'semver';
import { describe, expect, it } from 'vitest';
import { nodeSupportNote } from '../../src/cli/node-support.js';
import { runBuiltCli } from '../helpers/built-cli.js';

describe('the Node.js version note', () => {
  it('is one line on Node 20 for the commands that use the SDK, naming the first week of January 2027', () => {
    const note = nodeSupportNote('20.20.2', ['plan', 'x', '--local']);
    expect(note).toBe('note: Node.js 20 works with this voiceid-gitops; AWS SDK releases after the first week of January 2027 require Node.js 22, so move to Node.js 22 or 24 before updating past them\n');
    for (const argv of [['apply'], ['export', '--local'], ['demo']]) expect(nodeSupportNote('v20.10.0', argv)).toBe(note);
  });

  it('is absent on Node 22 and 24, for --help, and for commands that never load the SDK', () => {
    expect(nodeSupportNote('22.23.5', ['plan'])).toBeUndefined();
    expect(nodeSupportNote('24.22.3', ['apply'])).toBeUndefined();
    for (const argv of [['validate'], ['iam-policy'], ['emulator'], ['plan', '--help'], []]) expect(nodeSupportNote('20.20.2', argv)).toBeUndefined();
  });

  it('the engines field says the same Node versions as the note (>= 20.10)', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { engines: { node: string } };
    expect(pkg.engines.node).toBe('>=20.10');
  });

  it('the built CLI prints the note at most once and never the SDK warning', async () => {
    const r = await runBuiltCli(['demo'], { env: { PATH: process.env.PATH ?? '' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('NodeVersionSupportWarning');
    const major = Number(process.versions.node.split('.')[0]);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('note: Node.js')).length).toBe(major < 22 ? 1 : 0);
  });
});

describe('the installed packages', () => {
  const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as {
    packages: Record<string, { version?: string; dev?: boolean; engines?: { node?: string } | string[] }>;
  };
  /** The packages of the lock (dev or runtime) whose engines.node range refuses `node`, as npm checks it (semver). */
  const refusing = (node: string, dev: boolean): string[] =>
    Object.entries(lock.packages)
      .filter(([path, p]) => path !== '' && (p.dev === true) === dev)
      .flatMap(([path, p]) => {
        const range = Array.isArray(p.engines) ? undefined : p.engines?.node;
        return range !== undefined && !satisfies(node, range, { includePrerelease: true }) ? [`${path.replace(/^.*node_modules\//, '')}@${p.version} wants node ${range}`] : [];
      });

  it('every runtime one accepts Node 20.10, the oldest the engines field allows (no EBADENGINE for users)', () => {
    expect(refusing('20.10.0', false)).toEqual([]);
  });

  it('every development one accepts the Node running the tests (no EBADENGINE on npm ci for contributors and CI)', () => {
    // nock 15's @mswjs/interceptors 0.44 wanted Node 22, and warned on every npm ci on Node 20.
    expect(refusing(process.versions.node, true)).toEqual([]);
  });

  it('the check refuses what npm refuses', () => {
    expect(satisfies('20.19.0', '>=22')).toBe(false);
    expect(satisfies('20.20.2', '>=18.20.0 <20 || >=20.12.1')).toBe(true);
    expect(satisfies('20.10.0', '^20.19.0 || ^22.13.0 || >=24')).toBe(false);
  });
});
