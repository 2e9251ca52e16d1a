/** Declared watchlist members (PLAN.md §16): `fraudsters`, `fraudstersFile`, the default watchlist, the 500 limit. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDesired, loadFromMemory, type LoadResult } from '../../src/config/index.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const A = 'id#AAAAAAAAAAAAAAAAAAAAAA';
const B = 'id#BBBBBBBBBBBBBBBBBBBBBB';
const C = 'id#CCCCCCCCCCCCCCCCCCCCCC';
const fid = (i: number): string => `id#${String(i).padStart(22, '0')}`;

function load(yaml: string, files: Record<string, string> = {}): LoadResult {
  const others = new Map(Object.entries(files).map(([k, v]) => [k, enc(v)] as const));
  return loadFromMemory([{ file: 'a.yaml', bytes: enc(`version: 1\ndomains:\n  one:\n    kmsKeyId: k\n    watchlists:\n${yaml}`) }], others);
}

const problems = (r: LoadResult): string[] => (r.kind === 'invalid' ? r.diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.code} ${d.message}`) : []);

describe('watchlist members in YAML', () => {
  it('merges fraudsters and fraudstersFile, unique and sorted; the default watchlist declares only members', () => {
    const r = load(`      high-risk:\n        description: Known fraud rings\n        fraudsters: ["${C}"]\n        fraudstersFile: fraud/high.txt\n      keep: {}\n      default:\n        fraudsters: []\n`, {
      'fraud/high.txt': `# ring 7\n${B}\n${A}   # first seen 2026-01\n\n`,
    });
    expect(problems(r)).toEqual([]);
    if (r.kind !== 'valid') return;
    const d = r.state.domains[0]!;
    expect(d.watchlists).toEqual([
      { name: 'high-risk', description: 'Known fraud rings', fraudsters: [A, B, C] },
      { name: 'keep' },
    ]);
    expect(d.defaultWatchlist).toEqual({ fraudsters: [] });
  });

  it('without either key a watchlist has no declared members, and the default watchlist is not declared', () => {
    const r = load('      keep:\n        description: x\n');
    expect(r.kind === 'valid' && r.state.domains[0]).toMatchObject({ watchlists: [{ name: 'keep', description: 'x' }] });
    expect(r.kind === 'valid' && 'defaultWatchlist' in r.state.domains[0]!).toBe(false);
  });

  it('reports bad, duplicate and doubly listed ids at their line, in the list and in the file', () => {
    const r = load(`      w:\n        fraudsters: ["${A}", "${A}", "id#short"]\n        fraudstersFile: w.txt\n`, { 'w.txt': `${B}\n${A}\n${B}\nnot-an-id\n` });
    expect(problems(r)).toEqual([
      `a.yaml:7:22 E_DUPLICATE_FRAUDSTER fraudster id ${A} is also listed in w.txt on line 2`,
      `a.yaml:7:51 E_DUPLICATE_FRAUDSTER fraudster id ${A} is listed twice (first as item 1)`,
      'a.yaml:7:80 E_LENGTH fraudster id is 8 characters long: Voice ID allows 25..25 characters (FraudsterId)',
      'a.yaml:7:80 E_PATTERN fraudster id "id#short" is not a valid FraudsterId: it must match ^id#[a-zA-Z0-9]{22}$',
      `w.txt:3:1 E_DUPLICATE_FRAUDSTER fraudster id ${B} is listed twice (first on line 1)`,
      'w.txt:4:1 E_LENGTH fraudster id not-an-id is 9 characters long: Voice ID allows exactly 25 characters',
    ]);
  });

  it('refuses a description under default, with its place', () => {
    const r = load('      default:\n        description: mine\n        fraudsters: []\n');
    expect(problems(r)).toEqual([
      'a.yaml:7:9 E_UNKNOWN_KEY unknown key `description` in domains.one.watchlists.default (expected one of: fraudsters, fraudstersFile)',
    ]);
  });

  it('counts custom watchlists without the default one', () => {
    expect(problems(load('      a: {}\n      b: {}\n      default:\n        fraudsters: []\n'))).toEqual([]);
    expect(problems(load('      a: {}\n      b: {}\n      c: {}\n'))).toEqual([
      'a.yaml:8:7 E_WATCHLIST_QUOTA more than 2 custom watchlists: Voice ID allows 3 per domain including the default one',
    ]);
  });

  it('allows 500 fraudsters per watchlist, list and file together, and refuses 501 before any call', () => {
    const file = (from: number, to: number): string => Array.from({ length: to - from }, (_, i) => fid(from + i)).join('\n');
    expect(problems(load('      w:\n        fraudsters: ["' + fid(0) + '"]\n        fraudstersFile: w.txt\n', { 'w.txt': file(1, 500) }))).toEqual([]);
    expect(problems(load('      w:\n        fraudsters: ["' + fid(0) + '"]\n        fraudstersFile: w.txt\n', { 'w.txt': file(1, 501) }))).toEqual([
      'a.yaml:8:9 E_FRAUDSTER_QUOTA watchlist "w" declares 501 fraudsters: Voice ID takes at most 500 per watchlist',
    ]);
    const inline = JSON.stringify(Array.from({ length: 501 }, (_, i) => fid(i)));
    expect(problems(load(`      default:\n        fraudsters: ${inline}\n`))).toEqual([
      'a.yaml:7:9 E_FRAUDSTER_QUOTA watchlist "default" declares 501 fraudsters: Voice ID takes at most 500 per watchlist',
    ]);
  });
});

describe('fraudstersFile on disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'voiceid-members-'));
    mkdirSync(join(dir, '.git'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the file beside the YAML, and never one outside the repository', async () => {
    mkdirSync(join(dir, 'estate', 'fraud'), { recursive: true });
    writeFileSync(join(dir, 'estate', 'fraud', 'w.txt'), `${A}\n`);
    writeFileSync(join(dir, 'estate', 'a.yaml'), 'version: 1\ndomains:\n  one:\n    kmsKeyId: k\n    watchlists:\n      w:\n        fraudstersFile: fraud/w.txt\n');
    const ok = await loadDesired(['estate'], { cwd: dir });
    expect(ok.kind === 'valid' && ok.state.domains[0]!.watchlists).toEqual([{ name: 'w', fraudsters: [A] }]);

    const outside = mkdtempSync(join(tmpdir(), 'voiceid-outside-'));
    try {
      writeFileSync(join(outside, 'w.txt'), `${A}\n`);
      symlinkSync(join(outside, 'w.txt'), join(dir, 'estate', 'fraud', 'link.txt'));
      writeFileSync(join(dir, 'estate', 'a.yaml'), 'version: 1\ndomains:\n  one:\n    kmsKeyId: k\n    watchlists:\n      w:\n        fraudstersFile: fraud/link.txt\n');
      const refused = await loadDesired(['estate'], { cwd: dir });
      expect(problems(refused).map((p) => p.split(' ').slice(0, 2).join(' '))).toEqual([`${join('estate', 'a.yaml')}:7:25 E_PATH_OUTSIDE_ROOT`]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
