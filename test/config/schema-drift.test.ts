/**
 * The JSON Schema states Voice ID's constraints for editors; the loader enforces them from the constraints file.
 * These tests keep the two from drifting: every constraint the schema states sits in a $defs entry named after
 * the Voice ID shape it copies, and equals that shape's.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFromMemory } from '../../src/config/index.js';
import { voiceIdConstraints } from '../../src/constraints/load.js';

type Json = Record<string, unknown>;
const schema = JSON.parse(readFileSync(new URL('../../specs/desired-state.schema.json', import.meta.url), 'utf8')) as Json;
const defs = schema['$defs'] as Record<string, Json>;
const shapes = voiceIdConstraints().shapes;
const CONSTRAINT_KEYWORDS = ['pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'enum', 'minItems', 'maxItems', 'maxProperties'];
/** Constraints of our own, not copied from Voice ID. */
const OWN = new Set(['Region', 'ReservedTagKey', 'IgnoreChange', 'TagList', 'Domain']);

function constraintPlaces(node: unknown, path: string, out: string[]): string[] {
  if (Array.isArray(node)) node.forEach((n, i) => constraintPlaces(n, `${path}/${i}`, out));
  else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (CONSTRAINT_KEYWORDS.includes(k) && !path.endsWith('/examples')) out.push(`${path}/${k}`);
      if (k !== 'examples') constraintPlaces(v, `${path}/${k}`, out);
    }
  }
  return out;
}

describe('the desired-state JSON Schema against the Voice ID constraints file', () => {
  it('states constraints only in $defs entries named after a Voice ID shape or listed as our own', () => {
    const misplaced = constraintPlaces(schema, '#', []).filter((p) => {
      const m = /^#\/\$defs\/([^/]+)\/[^/]+$/.exec(p);
      return !m || !((m[1]! in shapes && shapes[m[1]!]!.type !== 'structure') || OWN.has(m[1]!));
    });
    expect(misplaced).toEqual([
      '#/$defs/Watchlist/properties/fraudstersFile/minLength',
      '#/$defs/DefaultWatchlist/properties/fraudstersFile/minLength',
      '#/$defs/Domain/properties/optedOutSpeakersFile/minLength',
      '#/$defs/Domain/properties/erasedSpeakersFile/minLength',
      '#/$defs/Domain/properties/watchlists/maxProperties',
    ]);
  });

  // Our structure definitions (Domain, Watchlist, ...) share names with Voice ID output structures; only leaf
  // shapes carry constraints.
  for (const [name, def] of Object.entries(defs).filter(([n]) => shapes[n] !== undefined && shapes[n]!.type !== 'structure')) {
    it(`copies the ${name} shape's constraints exactly`, () => {
      const shape = shapes[name]!;
      if (shape.type === 'string') {
        expect(def['type']).toBe('string');
        expect(def['pattern']).toBe(shape.pattern);
        expect(def['minLength']).toBe(shape.length?.min);
        expect(def['maxLength']).toBe(shape.length?.max);
        expect(def['enum']).toEqual(shape.enum);
      } else if (shape.type === 'integer') {
        expect(def['type']).toBe('integer');
        expect(def['minimum']).toBe(shape.range?.min);
        expect(def['maximum']).toBe(shape.range?.max);
      } else if (shape.type === 'list' && name !== 'TagList') {
        expect(def['type']).toBe('array');
        expect(def['minItems']).toBe(shape.length?.min);
        expect(def['maxItems']).toBe(shape.length?.max);
      } else {
        expect(name).toBe('TagList');
      }
    });
  }

  it('allows the TagList maximum less the two ownership tags', () => {
    const tagList = shapes['TagList'];
    expect(tagList?.type === 'list' ? tagList.length?.max : undefined).toBe(200);
    expect(defs['TagList']!['maxProperties']).toBe(198);
  });

  it('names tag keys and values, speaker ids and job watchlists by their Voice ID shapes', () => {
    const domain = defs['Domain']!['properties'] as Record<string, Json>;
    expect(defs['TagList']!['propertyNames']).toMatchObject({ $ref: '#/$defs/TagKey' });
    expect(defs['TagList']!['additionalProperties']).toEqual({ $ref: '#/$defs/TagValue' });
    expect(domain['optedOutSpeakers']!['items']).toEqual({ $ref: '#/$defs/CustomerSpeakerId' });
    expect(domain['kmsKeyId']!['$ref']).toBe('#/$defs/KmsKeyId');
    expect(domain['adopt']!['$ref']).toBe('#/$defs/DomainId');
  });

  it('limits watchlists to the quota of 3 per domain, the default one included (the loader counts the custom ones)', () => {
    const domain = defs['Domain']!['properties'] as Record<string, Json>;
    expect(domain['watchlists']!['maxProperties']).toBe(3);
    expect(domain['watchlists']!['properties']).toEqual({ default: { $ref: '#/$defs/DefaultWatchlist' } });
  });

  // The loader does not let ajv evaluate uniqueItems (quadratic); it finds duplicates itself. Editors still see it.
  it('states that opted-out speaker ids are unique, which the loader reports as E_DUPLICATE_SPEAKER', () => {
    const domain = defs['Domain']!['properties'] as Record<string, Json>;
    expect(domain['optedOutSpeakers']!['uniqueItems']).toBe(true);
    const yaml = 'version: 1\ndomains:\n  d:\n    kmsKeyId: alias/k\n    optedOutSpeakers: [cust-1, cust-2, cust-1]\n';
    const result = loadFromMemory([{ file: 'a.yaml', bytes: new TextEncoder().encode(yaml) }]);
    const found = result.kind === 'invalid' ? result.diagnostics.map((d) => `${d.line}:${d.col} ${d.code}`) : [];
    expect(found).toEqual(['5:40 E_DUPLICATE_SPEAKER']);
  });
});
