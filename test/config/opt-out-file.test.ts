import { describe, expect, it } from 'vitest';
import { parseOptOutText, parseOptOutFile } from '../../src/config/opt-out-file.js';

describe('an opted-out speakers file', () => {
  it('ignores blank lines, whole-line and trailing comments, surrounding blanks and CRLF', () => {
    const f = parseOptOutText('ids.txt', '# header\r\n\r\ncustomer-b\r\n  customer-a  # by phone\r\n\t\r\ncustomer-c');
    expect(f.ids).toEqual(['customer-a', 'customer-b', 'customer-c']);
    expect(f.diagnostics).toEqual([]);
  });

  it('sorts the ids of an unsorted file and still knows the line of each', () => {
    const f = parseOptOutText('ids.txt', 'zed\nalpha\nmike\n');
    expect(f.ids).toEqual(['alpha', 'mike', 'zed']);
    expect([f.lineOf('zed'), f.lineOf('alpha'), f.lineOf('mike'), f.lineOf('nobody')]).toEqual([1, 2, 3, undefined]);
  });

  it('finds the line of an id in a sorted file', () => {
    const f = parseOptOutText('ids.txt', '# c\na1\nb2\nc3\n');
    expect([f.lineOf('a1'), f.lineOf('b2'), f.lineOf('c3'), f.lineOf('b3')]).toEqual([2, 3, 4, undefined]);
  });

  it('reports a duplicate in a sorted file at its second line, naming the first', () => {
    const f = parseOptOutText('ids.txt', 'a1\nb2\nb2\n');
    expect(f.diagnostics.map((d) => [d.line, d.col, d.code, d.message])).toEqual([
      [3, 1, 'E_DUPLICATE_SPEAKER', 'speaker id (sha256:4814d920) is listed twice (first on line 2)'],
    ]);
  });

  it('reports a duplicate in an unsorted file at its second line, naming the first', () => {
    const f = parseOptOutText('ids.txt', 'zz-1\naa-1\nzz-1\n');
    expect(f.diagnostics.map((d) => [d.line, d.code, d.message])).toEqual([
      [3, 'E_DUPLICATE_SPEAKER', 'speaker id (sha256:1481a658) is listed twice (first on line 1)'],
    ]);
  });

  it('points at the id itself when it is indented, and masks it in the excerpt', () => {
    const f = parseOptOutText('ids.txt', 'ok-1\n   bad.id-42\n');
    expect(f.diagnostics).toHaveLength(1);
    const d = f.diagnostics[0]!;
    expect([d.line, d.col, d.code]).toEqual([2, 4, 'E_PATTERN']);
    expect(d.excerpt).toBe(' 2 |    ba…42 (sha256:cb2ba6e6)\n   |    ^^^^^^^^^^^^^^^^^^^^^^^');
    expect(`${d.message}\n${d.excerpt}`).not.toContain('bad.id-42');
  });

  it('shows the first 100 problems and counts the rest in one last diagnostic', () => {
    const text = Array.from({ length: 130 }, (_, i) => `bad id ${i}`).join('\n');
    const f = parseOptOutText('ids.txt', text);
    expect(f.diagnostics).toHaveLength(101);
    expect(f.diagnostics.slice(0, 100).every((d) => d.code === 'E_PATTERN')).toBe(true);
    const last = f.diagnostics[100]!;
    expect([last.line, last.col, last.code, last.message]).toEqual([101, 1, 'E_TOO_MANY_PROBLEMS', '30 more problems in this file are not shown (the first 100 are)']);
  });

  it('reports bytes that are not UTF-8 at their line and column', () => {
    const f = parseOptOutFile('ids.txt', Uint8Array.from([...Buffer.from('a1\nb2-'), 0xc3, 0x28, 0x0a]));
    expect(f.diagnostics.map((d) => [d.line, d.col, d.code])).toEqual([[2, 4, 'E_ENCODING']]);
    expect(f.ids).toEqual([]);
  });

  it('reads an empty file as no ids', () => {
    expect(parseOptOutText('ids.txt', '').ids).toEqual([]);
  });
});
