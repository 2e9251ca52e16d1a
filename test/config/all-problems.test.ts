/**
 * validate reports every problem of every file in one run, key-type errors included (a `2026:` key no longer
 * hides the rest of its file), and an over-indented key is reported at its own line, in plain words.
 */
import { describe, expect, it } from 'vitest';
import { loadFromMemory } from '../../src/config/index.js';

const file = (name: string, text: string) => ({ file: name, bytes: new TextEncoder().encode(text) });
const problems = (...files: ReturnType<typeof file>[]) => {
  const r = loadFromMemory(files);
  return r.kind === 'invalid' ? r.diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.code}`) : [];
};

describe('every problem in one run', () => {
  it('a key that is not a string is reported with the other problems of its file and of the other files', () => {
    const a = file('a.yaml', 'version: 1\ndomains:\n  support:\n    kmsKeyId: alias/voiceid\n    description: "bad, 24/7"\n    tags:\n      2026: y\n    bogus: 1\n');
    const b = file('b.yaml', 'version: 1\ndomains:\n  sales:\n    kmsKey: alias/voiceid\n');
    expect(problems(a, b)).toEqual(['a.yaml:5:18 E_PATTERN', 'a.yaml:7:7 E_KEY_TYPE', 'a.yaml:8:5 E_UNKNOWN_KEY', 'b.yaml:3:3 E_MISSING_KEY', 'b.yaml:4:5 E_UNKNOWN_KEY']);
  });

  it('a `true:` key is one E_KEY_TYPE, not also an unknown key "true"', () => {
    expect(problems(file('c.yaml', 'version: 1\ntrue: 1\ndomains: {}\n'))).toEqual(['c.yaml:2:1 E_KEY_TYPE']);
  });
});

describe('an over-indented key', () => {
  it('is reported at the line that has the extra indentation, once, in plain words', () => {
    const r = loadFromMemory([file('a.yaml', 'version: 1\ndomains:\n  support:\n    kmsKeyId: alias/voiceid\n      description: x\n')]);
    expect(r.kind).toBe('invalid');
    const ds = r.kind === 'invalid' ? r.diagnostics : [];
    expect(ds.map((d) => [d.line, d.col, d.code, d.message])).toEqual([
      [5, 7, 'E_YAML_SYNTAX', '`description:` is indented 6 spaces, more than `kmsKeyId:` (4) on line 4 above it, so YAML reads it as part of that value: indent it like the keys beside it'],
    ]);
  });

  it('other implicit-key errors keep the parser\'s words', () => {
    const r = loadFromMemory([file('a.yaml', 'version: 1\ndomains: { a: b: c }\n')]);
    expect(r.kind === 'invalid' && r.diagnostics.every((d) => d.code === 'E_YAML_SYNTAX')).toBe(true);
  });
});
