import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/config/parse-yaml.js';
import { decodeUtf8, excerpt, positionOf, sourceText } from '../../src/config/source-text.js';

describe('positions and excerpts', () => {
  it('keeps tabs before the column in the caret line so that the caret lines up', () => {
    const src = sourceText('a.txt', 'x:\n\tkey: \tvalue\n');
    expect(excerpt(src, 10, 15)).toBe(' 2 | \tkey: \tvalue\n   | \t     \t^^^^^');
  });

  it('shows a window of a very long line around the column, marked with ellipses', () => {
    const line = `${'a'.repeat(300)}BAD${'b'.repeat(300)}`;
    const shown = excerpt(sourceText('a.txt', line), 300, 303).split('\n');
    expect(shown[0]).toBe(` 1 | …${'a'.repeat(30)}BAD${'b'.repeat(87)}…`);
    expect(shown[1]).toBe(`   | ${' '.repeat(31)}^^^`);
  });

  it('masks speaker-id ranges in the excerpt and moves the caret past the mask', () => {
    const src = sourceText('a.yaml', 'ids: [customer-0001, x]\n');
    src.sensitive.push([6, 19]);
    expect(excerpt(src, 21, 22)).toBe(' 1 | ids: [cu…01 (sha256:696e3e40), x]\n   |                                ^');
  });

  // Terminal escape injection: ESC would start a sequence, a lone CR rewrite the line, NUL hide text.
  it('shows ESC, NUL, a lone CR and bidi overrides escaped, with the caret under the escaped value', () => {
    const src = sourceText('a.yaml', 'name: "\u001b[2J\u0000x\ry\u202e" # bad\n');
    expect(excerpt(src, 6, 16)).toBe(' 1 | name: "\\e[2J\\0x\\ry\\u{202e}" # bad\n   |       ^^^^^^^^^^^^^^^^^^^^');
  });

  it('counts a column after an astral character as one character', () => {
    expect(positionOf(sourceText('a.txt', 'a😀b'), 3)).toEqual({ line: 1, col: 3 });
  });

  it('drops a byte-order mark so that columns on line 1 start at the first real character', () => {
    const decoded = decodeUtf8('a.txt', Uint8Array.from([0xef, 0xbb, 0xbf, 0x61]));
    expect(decoded).toEqual({ kind: 'text', text: 'a' });
  });

  it('refuses a YAML file over 16 MiB without decoding it', () => {
    const result = parseYaml('big.yaml', new Uint8Array(16 * 1024 * 1024 + 1));
    expect(result.kind === 'error' && result.diagnostics.map((d) => `${d.line}:${d.col} ${d.code}: ${d.message}`)).toEqual([
      '1:1 E_FILE_TOO_LARGE: file is 16.0 MiB; at most 16 MiB is read (put long opt-out lists in optedOutSpeakersFile)',
    ]);
  });
});
