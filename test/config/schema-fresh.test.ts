/**
 * The shipped JSON Schemas are generated from their TypeBox definitions (scripts/gen-schemas.ts): the committed
 * files must be exactly what the definitions give, and the check that CI runs (`npm run gen:schemas -- --check`)
 * must notice a file that is not.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generatedSchemas, staleSchemas, writeSchemas } from '../../scripts/gen-schemas.js';

const dir = mkdtempSync(join(tmpdir(), 'gen-schemas-'));
mkdirSync(join(dir, 'specs'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the generated JSON Schemas', () => {
  it('are committed exactly as their definitions give them', () => {
    expect([...generatedSchemas().keys()]).toContain('specs/desired-state.schema.json');
    expect(staleSchemas()).toEqual([]);
  });

  it('are reported stale when missing, and fresh once written', () => {
    expect(staleSchemas(dir)).toEqual([...generatedSchemas().keys()]);
    writeSchemas(dir);
    expect(staleSchemas(dir)).toEqual([]);
  });

  it('are reported stale when a committed file was edited by hand', () => {
    writeSchemas(dir);
    const file = join(dir, 'specs/desired-state.schema.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"maxProperties": 198', '"maxProperties": 199'));
    expect(staleSchemas(dir)).toEqual(['specs/desired-state.schema.json']);
  });

  it('are plain JSON Schema documents (no TypeBox markers survive serialisation)', () => {
    for (const text of generatedSchemas().values()) {
      const doc = JSON.parse(text) as Record<string, unknown>;
      expect(doc['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(text).not.toMatch(/"~|\[Kind\]/);
    }
  });
});
