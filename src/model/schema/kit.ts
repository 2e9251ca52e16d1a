/**
 * What a resource kind writes its section of the YAML format with (its `yaml.schema`, src/kinds/): TypeBox, the
 * format's helpers and its named definitions. Passed in by src/model/schema/desired-state.ts, so that the kinds,
 * which the CLI loads, import TypeBox only as types.
 */
import type Type from 'typebox';
import type { mapOf } from './definitions.js';
import type { VocabularyTypes, vocabulary } from './desired-state.js';

export interface SchemaKit {
  readonly Type: typeof Type;
  readonly mapOf: typeof mapOf;
  readonly defs: typeof vocabulary;
}

export type { VocabularyTypes };
