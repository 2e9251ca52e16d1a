/**
 * Issue 10 (G7): the `ignoreChanges` vocabulary is model/desired.ts's IGNORABLE_ATTRIBUTES and RESERVED_TAG_PREFIX;
 * the shipped schema's IgnoreChange pattern (generated from them) accepts exactly what they allow.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { IGNORABLE_ATTRIBUTES, RESERVED_TAG_PREFIX } from '../../src/model/desired.js';

const defs = (JSON.parse(readFileSync(new URL('../../specs/desired-state.schema.json', import.meta.url), 'utf8')) as { $defs: Record<string, { pattern: string }> }).$defs;
const pattern = new RegExp(defs['IgnoreChange']!.pattern, 'u');

test('the IgnoreChange pattern accepts every ignorable attribute and a user tag, and nothing else', () => {
  expect(IGNORABLE_ATTRIBUTES.filter((a) => !pattern.test(a))).toEqual([]);
  expect(['tags.owner', 'tags.a.b'].filter((e) => !pattern.test(e))).toEqual([]);
  expect([`tags.${RESERVED_TAG_PREFIX}key`, 'tags.', 'names', 'tag', 'kmsKeyIds', 'xname', ''].filter((e) => pattern.test(e))).toEqual([]);
  // Literal, so that a change of the list shows here too.
  expect(defs['IgnoreChange']!.pattern).toBe('^(name|description|kmsKeyId|tags|tags\\.(?!voiceid-gitops:).+)$');
});
