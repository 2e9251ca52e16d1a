/**
 * On Node.js 20 a run that uses the AWS SDK prints one line, in our words, saying when Node.js 22 becomes
 * necessary, and never the SDK's own NodeVersionSupportWarning; on Node.js 22 and later nothing.
 */
import { readFileSync } from 'node:fs';
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

describe('runtime dependencies', () => {
  it('every one installed by the lock file accepts Node 20.10 (no EBADENGINE on install)', () => {
    const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as {
      packages: Record<string, { version?: string; dev?: boolean; engines?: { node?: string } }>;
    };
    const atLeast = (v: number[], min: number[]) => v[0]! - min[0]! || v[1]! - (min[1] ?? 0) || v[2]! - (min[2] ?? 0);
    const refused = Object.entries(lock.packages)
      .filter(([path, p]) => path !== '' && p.dev !== true && typeof p.engines?.node === 'string')
      .filter(([, p]) => {
        // Every runtime range in the tree today is a plain lower bound; another form fails here to be looked at.
        const m = p.engines!.node!.trim().match(/^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/);
        return !m || atLeast([20, 10, 0], [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)]) < 0;
      })
      .map(([path, p]) => `${path.replace(/^.*node_modules\//, '')}@${p.version} wants node ${p.engines!.node}`);
    expect(refused).toEqual([]);
  });
});
