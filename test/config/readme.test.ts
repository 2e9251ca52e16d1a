import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_CODES } from '../../src/config/index.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('## Desired-state format'));

describe('the README section on the desired-state format', () => {
  it('documents every diagnostic code in its table, and no other', () => {
    const documented = [...section.matchAll(/^\| `([EW]_[A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented).toEqual(Object.keys(CONFIG_CODES));
  });
});
