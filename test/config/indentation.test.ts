/**
 * Indentation mistakes are reported at the line that has them, in plain words, once (issue 14): an under-indented
 * key, a tab, a list item at the wrong level (shallower, outside its list, or deeper), a mapping whose keys do not
 * line up. The over-indented key is in all-problems.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { loadFromMemory } from '../../src/config/index.js';

const file = (text: string) => ({ file: 'a.yaml', bytes: new TextEncoder().encode(text) });
const HEAD = 'version: 1\ndomains:\n  support:\n';

function problems(text: string): [number, number, string, string][] {
  const r = loadFromMemory([file(text)]);
  return r.kind === 'invalid' ? r.diagnostics.map((d) => [d.line, d.col, d.code, d.message]) : [];
}

describe('indentation mistakes', () => {
  it('an under-indented key: at its line, with the two columns YAML would take', () => {
    expect(problems(`${HEAD}    kmsKeyId: alias/voiceid\n   description: x\n`)).toEqual([
      [5, 4, 'E_YAML_SYNTAX', '`description:` is indented 3 spaces, a column no mapping above it uses (the keys of one mapping start at the same column): indent it 4 (beside `kmsKeyId:` on line 4) or 2 (beside `support:` on line 3)'],
    ]);
  });

  it('a tab used as indentation: at the tab', () => {
    expect(problems(`${HEAD}    kmsKeyId: alias/voiceid\n\tdescription: x\n`)).toEqual([
      [5, 1, 'E_YAML_SYNTAX', 'this line is indented with a tab: YAML indents with spaces only; replace the tab with spaces'],
    ]);
  });

  it('a list item less indented than the item above it: once, at its line, never quoting the item', () => {
    const ds = problems(`${HEAD}    kmsKeyId: k\n    optedOutSpeakers:\n      - customer-0001\n     - customer-0002\n`);
    expect(ds).toEqual([[7, 6, 'E_YAML_SYNTAX', 'this list item is indented 5 spaces, but the item above it on line 6 is at 6 (the items of one list start at the same column): indent it 6 spaces']]);
    expect(JSON.stringify(ds)).not.toContain('customer-0002');
  });

  it('a list item out at the level of the mapping around its list', () => {
    expect(problems(`${HEAD}    kmsKeyId: k\n    optedOutSpeakers:\n      - customer-0001\n  - customer-0002\n`)).toEqual([
      [7, 3, 'E_YAML_SYNTAX', 'this list item is indented 2 spaces, but the item above it on line 6 is at 6 (the items of one list start at the same column): indent it 6 spaces'],
    ]);
  });

  it('a list item deeper than the item above it (YAML reads it as more text of that item): at the deeper line', () => {
    const ds = problems(`${HEAD}    kmsKeyId: k\n    optedOutSpeakers:\n      - customer-0001\n        - customer-0002\n`);
    // Also the merged text's own problem at line 6 (not a valid speaker id), masked.
    expect(ds).toContainEqual([7, 9, 'E_YAML_SYNTAX', 'this list item is indented 8 spaces, deeper than the item on line 6 (6), so YAML reads it as more text of that item: indent it 6 spaces']);
    expect(JSON.stringify(ds)).not.toContain('customer-0002');
  });

  it('a mapping whose keys do not line up: at the key out of line', () => {
    expect(problems(`${HEAD}    kmsKeyId: k\n    tags:\n        team: support\n      env: prod\n`)).toEqual([
      [7, 7, 'E_YAML_SYNTAX', '`env:` is indented 6 spaces, a column no mapping above it uses (the keys of one mapping start at the same column): indent it 8 (beside `team:` on line 6) or 4 (beside `tags:` on line 5)'],
    ]);
  });
});
