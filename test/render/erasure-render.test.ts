/**
 * PLAN.md R15.4, R15.7 at the renderers, without the CLI's output mask: the erasure goldens' plans rendered as text,
 * markdown and JSON hold no erased speaker id unmasked (the changes', the DeleteSpeaker operations' and the
 * messages'), fraudster ids are shown in clear, and --show-sensitive shows the speaker ids.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadDesiredState } from '../../src/config/load-desired.js';
import type { LiveState } from '../../src/model/live.js';
import { redactor } from '../../src/model/sensitive.js';
import { plan } from '../../src/plan/index.js';
import { render } from '../../src/render/index.js';

const ROOT = join(import.meta.dirname, '..', 'fixtures');

async function planOf(name: string) {
  const dir = join(ROOT, name);
  const live = JSON.parse(readFileSync(join(dir, 'live.json'), 'utf8')) as LiveState;
  return plan(await loadDesiredState(['desired.yaml'], { cwd: dir }), live);
}

const FORMATS = ['text', 'markdown', 'json'] as const;
const shown = (id: string, out: string): boolean => new RegExp(`(?<![A-Za-z0-9_-])${id}(?![A-Za-z0-9_-])`).test(out);

/**
 * The masks the text shows, written out (`printf %s customer-0001 | sha256sum`: the first 8 hex digits), so a change
 * to the masking rule fails here; none for the long list, which shows counts and a digest instead.
 */
const MASKS: Readonly<Record<string, readonly string[]>> = {
  'erase-speakers': ['cu…01 (sha256:696e3e40)', 'cu…03 (sha256:7e8768b1)', 'cu…04 (sha256:9ef9c5e5)'],
  'erase-speakers-long-list': [],
  'erased-speaker-back': ['cu…42 (sha256:10c6201e)'],
};

describe('erasures as rendered', () => {
  for (const name of Object.keys(MASKS)) {
    test(`${name}: no erased speaker id unmasked in text, markdown or JSON; every one with --show-sensitive`, async () => {
      const p = await planOf(name);
      const ids = p.changes.flatMap((c) => c.speakerIds ?? []);
      expect(ids.length).toBeGreaterThan(0);
      for (const format of FORMATS) {
        const masked = render(p, { format, redactor: redactor(false), color: false });
        for (const id of ids) expect(shown(id, masked), `${format}: ${id}`).toBe(false);
        const clear = render(p, { format, redactor: redactor(true), color: false });
        for (const id of ids) expect(shown(id, clear), `${format} --show-sensitive: ${id}`).toBe(true);
      }
      // At most 10 ids are listed, masked; a longer list is counts and the digest.
      const text = render(p, { format: 'text', redactor: redactor(false), color: false });
      if (ids.length <= 10) expect([ids.length, MASKS[name]!.filter((m) => text.includes(m))]).toEqual([MASKS[name]!.length, MASKS[name]]);
      else expect(text).toMatch(/ids from erasure\.txt: \d+ to erase, \d+ already absent\n +- list sha256:[0-9a-f]{12} \(= LC_ALL=C sort -u <ids> \| sha256sum\)/);
    });
  }

  test('fraudster ids are shown in clear in every format', async () => {
    const p = await planOf('delete-fraudsters');
    for (const format of FORMATS) {
      const out = render(p, { format, redactor: redactor(false), color: false });
      expect(out).toContain('id#AAAAAAAAAAAAAAAAAAAAA1');
      expect(out).toContain('id#AAAAAAAAAAAAAAAAAAAAA3');
    }
  });
});
