/**
 * Helpers to write a format once as TypeBox types: each is a plain JSON Schema (draft 2020-12) object that also
 * carries its TypeScript type (`Static<typeof X>`). scripts/gen-schemas.ts writes the shipped specs/*.schema.json
 * files from them; the CLI validates against those files and never loads TypeBox itself (start-up cost).
 *
 * Named definitions end up in the document's `$defs` and are referred to as `{ "$ref": "#/$defs/NAME" }`, so
 * editors and the schema-drift test see the Voice ID shape names.
 */
import Type, { type Static, type TSchema, type TUnsafe } from 'typebox';

/** Annotations editors show; they never change what is valid. */
export interface Docs {
  readonly description?: string;
  readonly examples?: readonly unknown[];
  readonly default?: unknown;
}

/** A reference to a named definition: call it to refer, with annotations of the place that refers. */
export type Ref<T> = ((docs?: Docs) => TUnsafe<T>) & { readonly definition: string };

/** The TypeScript type a reference stands for. */
export type Referred<R> = R extends Ref<infer T> ? T : never;

export class Definitions {
  readonly $defs: Record<string, TSchema> = {};

  define<S extends TSchema>(name: string, schema: S): Ref<Static<S>> {
    if (name in this.$defs) throw new Error(`definition ${name} twice`);
    this.$defs[name] = schema;
    const ref = (docs: Docs = {}): TUnsafe<Static<S>> => Type.Unsafe<Static<S>>({ $ref: `#/$defs/${name}`, ...docs });
    return Object.assign(ref, { definition: name });
  }
}

/**
 * A mapping whose keys are names (`propertyNames`) and whose values all have one schema. Written as JSON Schema's
 * `propertyNames` + `additionalProperties` (TypeBox's Record would use `patternProperties`, which editors show
 * worse and which does not say what a key must be).
 */
export function mapOf<V extends TSchema>(keys: TSchema, values: V, docs: Docs & Record<string, unknown> = {}): TUnsafe<Record<string, Static<V>>> {
  return Type.Unsafe<Record<string, Static<V>>>({ ...docs, type: 'object', propertyNames: keys, additionalProperties: values });
}

/** A value that must be exactly `value` (`const`, no `type`: a wrong type is then reported as the wrong value). */
export function exactly<const V extends string | number | boolean>(value: V, docs: Docs = {}): TUnsafe<V> {
  return Type.Unsafe<V>({ ...docs, const: value });
}

/** Deeply readonly: the model's values are never mutated once loaded. */
export type Immutable<T> = T extends readonly (infer I)[]
  ? readonly Immutable<I>[]
  : T extends object
    ? { readonly [K in keyof T]: Immutable<T[K]> }
    : T;
