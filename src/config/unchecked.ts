/**
 * Reading a mapping of the YAML format before it is known to be valid: every problem is reported in one run, so
 * the checks (src/config/check-domain.ts and each resource kind's `yaml.check`) also read documents the schema
 * refused. Only the format's keys can be read, and each value is still unchecked.
 */
export type Obj = Readonly<Record<string, unknown>>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
/** A mapping's entries, none when it is not a mapping. */
export const entries = (v: unknown): Array<[string, unknown]> => (isObj(v) ? Object.entries(v) : []);

export type Unchecked<T> = { readonly [K in keyof T]-?: unknown };
export const unchecked = <T>(v: unknown): Unchecked<T> => (isObj(v) ? v : {}) as Unchecked<T>;
