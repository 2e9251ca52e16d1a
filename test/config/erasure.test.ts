/**
 * PLAN.md §15 in the loader: erasedSpeakers + erasedSpeakersFile (the opt-out file's parser and containment),
 * deletedFraudsters (FraudsterId, listed once), and the conflict of an id both erased and opted out, each reported
 * at its file:line with speaker ids masked.
 */
import { describe, expect, it } from 'vitest';
import { formatDiagnostics, loadFromMemory } from '../../src/config/index.js';

const enc = (t: string) => new TextEncoder().encode(t);
const HEAD = 'version: 1\ndomains:\n  support:\n    kmsKeyId: alias/voiceid\n';
const load = (yaml: string, files: Record<string, string> = {}) =>
  loadFromMemory([{ file: 'a.yaml', bytes: enc(HEAD + yaml) }], new Map(Object.entries(files).map(([k, v]) => [k, enc(v)])));
const lines = (yaml: string, files: Record<string, string> = {}): string[] => {
  const r = load(yaml, files);
  return r.kind === 'invalid' ? formatDiagnostics(r.diagnostics.filter((d) => d.severity === 'error')).split('\n').filter((l) => /^\S+:\d+:\d+: /.test(l)) : [];
};

describe('erasedSpeakers and erasedSpeakersFile', () => {
  it('merges the list and the file, sorted and unique, and records both sources', () => {
    const r = load('    erasedSpeakers: [cust-9, cust-1]\n    erasedSpeakersFile: erase.txt\n', { 'erase.txt': '# requests\ncust-5\ncust-2 # ticket 12\n' });
    expect(r.kind).toBe('valid');
    if (r.kind !== 'valid') return;
    const d = r.state.domains[0]!;
    expect(d.erasedSpeakers).toEqual(['cust-1', 'cust-2', 'cust-5', 'cust-9']);
    expect(d.erasureSources).toEqual(['a.yaml', 'erase.txt']);
    expect(d.optedOutSpeakers).toEqual([]);
    expect([...r.speakerIds]).toEqual(expect.arrayContaining(['cust-1', 'cust-2', 'cust-5', 'cust-9']));
  });

  it('leaves the members out when nothing is declared', () => {
    const r = load('');
    expect(r.kind === 'valid' && 'erasedSpeakers' in r.state.domains[0]! ? 'present' : 'absent').toBe('absent');
    expect(r.kind === 'valid' && 'deletedFraudsters' in r.state.domains[0]! ? 'present' : 'absent').toBe('absent');
  });

  it('refuses an id both erased and opted out, at the erased id, masked (inline and from the file)', () => {
    const out = lines('    optedOutSpeakers: [cust-1, cust-2]\n    erasedSpeakers: [cust-1]\n    erasedSpeakersFile: erase.txt\n', { 'erase.txt': 'cust-3\ncust-2\n' });
    expect(out).toEqual([
      `a.yaml:6:22: error E_ERASED_AND_OPTED_OUT: speaker id cu…-1 (sha256:21d12090) is both erased and opted out in domain "support": erasing deletes the speaker, opting out keeps it OPTED_OUT; declare it in one of the two lists`,
      `erase.txt:2:1: error E_ERASED_AND_OPTED_OUT: speaker id cu…-2 (sha256:5dfdbdf1) is both erased and opted out in domain "support": erasing deletes the speaker, opting out keeps it OPTED_OUT; declare it in one of the two lists`,
    ]);
  });

  it('refuses an erased id that the optedOutSpeakersFile opts out', () => {
    const out = lines('    optedOutSpeakersFile: optouts.txt\n    erasedSpeakers: [cust-7]\n', { 'optouts.txt': 'cust-7\n' });
    expect(out.map((l) => l.split(': error ')[0] + ' ' + l.split(' ')[2])).toEqual(['a.yaml:6:22 E_ERASED_AND_OPTED_OUT:']);
  });

  it('reports an id listed in the YAML and the file, and a bad id in the file, masked at their lines', () => {
    const out = lines('    erasedSpeakers: [cust-1]\n    erasedSpeakersFile: erase.txt\n', { 'erase.txt': 'cust-1\nbad id!\n' });
    expect(out).toEqual([
      `a.yaml:5:22: error E_DUPLICATE_SPEAKER: speaker id cu…-1 (sha256:21d12090) is also listed in erase.txt on line 1`,
      expect.stringMatching(/^erase\.txt:2:1: error E_PATTERN: speaker id .*\(sha256:[0-9a-f]{8}\) is not a valid CustomerSpeakerId/),
    ]);
    expect(out.join('\n')).not.toContain('bad id!');
  });

  it('masks a bad inline erased id in the message and the excerpt', () => {
    const r = load('    erasedSpeakers: ["secret person"]\n');
    expect(r.kind).toBe('invalid');
    if (r.kind !== 'invalid') return;
    expect(r.diagnostics.map((d) => d.code)).toEqual(['E_PATTERN']);
    expect(formatDiagnostics(r.diagnostics)).not.toContain('secret person');
  });

  it('reports an erasedSpeakersFile that cannot be read at its key', () => {
    expect(lines('    erasedSpeakersFile: missing.txt\n')).toEqual([
      'a.yaml:5:25: error E_FILE_NOT_FOUND: cannot read erasedSpeakersFile missing.txt: no such file or directory',
    ]);
  });
});

describe('deletedFraudsters', () => {
  const A = 'id#AbCdEfGhIjKlMnOpQrStUv';
  const B = 'id#ZyXwVuTsRqPoNmLkJiHgFe';

  it('loads the ids sorted', () => {
    const r = load(`    deletedFraudsters: ["${B}", "${A}"]\n`);
    expect(r.kind === 'valid' ? r.state.domains[0]!.deletedFraudsters : r.diagnostics).toEqual([A, B]);
  });

  it('refuses an id listed twice and an id that is not a FraudsterId, showing fraudster ids in clear', () => {
    const out = lines(`    deletedFraudsters: ["${A}", "${A}", "cust-1"]\n`);
    expect(out[0]).toBe(`a.yaml:5:54: error E_DUPLICATE_FRAUDSTER: fraudster id ${A} is listed twice (first as item 1)`);
    expect(out.slice(1).map((l) => l.split(' ')[2])).toEqual(['E_LENGTH:', 'E_PATTERN:']);
  });

  it('refuses a fraudster both deleted and declared a member of a watchlist (the default one included), at the deleted id', () => {
    const out = lines(`    watchlists:\n      high-risk:\n        fraudsters: ["${A}"]\n      default:\n        fraudstersFile: default.txt\n    deletedFraudsters: ["${A}", "${B}"]\n`, { 'default.txt': `${A}\n${B}\n` });
    expect(out).toEqual([
      `a.yaml:10:25: error E_DELETED_AND_MEMBER: fraudster id ${A} is deleted (deletedFraudsters) and declared a member of watchlist "high-risk", "default": a deleted fraudster leaves every watchlist; remove it from one of the two`,
      `a.yaml:10:54: error E_DELETED_AND_MEMBER: fraudster id ${B} is deleted (deletedFraudsters) and declared a member of watchlist "default": a deleted fraudster leaves every watchlist; remove it from one of the two`,
    ]);
  });
});
