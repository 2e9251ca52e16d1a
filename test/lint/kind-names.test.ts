/**
 * ARCHITECTURE.md "Adding a resource kind": the engines loop over the registry and ask a kind's module instead of
 * naming kinds. Outside src/kinds, src/model and src/emulator, a kind is named only by the code of that kind's own
 * parts (its planner in src/plan, its render lines in src/render) and by src/render/trust.ts (Plan.trust is the
 * opt-out read's evidence). A new engine file that names a kind fails here: move the difference into a module part,
 * or say in ARCHITECTURE.md why it must name it and list it below.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { KIND_ORDER } from '../../src/kinds/registry.js';

const SRC = join(import.meta.dirname, '..', '..', 'src');
const names = KIND_ORDER.map((k) => k.replace(/-/g, '\\-')).join('|');
/** A kind named as a kind: compared or set as a `kind`, a ChangeOf<>, an address's kind; any quoted hyphenated kind. */
const NAMING = new RegExp(`(\\bkind\\s*(===|!==|:)\\s*|ChangeOf<|resourceAddress\\([^)]*?,\\s*)'(${names})'|'(${KIND_ORDER.filter((k) => k.includes('-')).join('|')})'`);

const PARTS_AND_TRUST = [
  'plan/applied-record.ts', 'plan/domain.ts', 'plan/erasure.ts', 'plan/jobs.ts', 'plan/members-change.ts', 'plan/opt-outs.ts', 'plan/tags.ts',
  'plan/watchlist-members.ts', 'plan/watchlists.ts',
  'render/erasure-lines.ts', 'render/member-lines.ts', 'render/risk-lines.ts', 'render/trust.ts',
];

test('no engine file names a resource kind but the kinds\' own parts (and render/trust.ts)', () => {
  const files = (readdirSync(SRC, { recursive: true }) as string[])
    .map((f) => f.split('\\').join('/'))
    .filter((f) => f.endsWith('.ts') && !/^(kinds|model|emulator)\//.test(f));
  const naming = files.filter((f) => readFileSync(join(SRC, f), 'utf8').split('\n').some((line) => !/^\s*(\*|\/\/)/.test(line) && NAMING.test(line)));
  expect(naming.sort()).toEqual(PARTS_AND_TRUST);
});

test('the check sees a kind named the ways the engines used to', () => {
  for (const line of ["c.kind !== 'applied-record'", "c.kind === 'domain'", "kind: 'tags',", "resourceAddress(key, 'opt-outs')", "ChangeOf<'watchlist'>", "x === 'erased-speakers'"]) {
    expect(NAMING.test(line), line).toBe(true);
  }
  for (const line of ["plural(n, 'domain')", "clientToken(token, 'domain', id)", "ignored.has('tags')"]) expect(NAMING.test(line), line).toBe(false);
});
