/** Small helpers every layer shares (pure, no I/O). */

/**
 * Code-unit order of two strings, the order of every sorted list the tool writes or compares. Unlike
 * localeCompare it does not depend on the machine's locale, so plans and exports are identical everywhere.
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A comparator by string keys in code-unit order (compareStrings): by the first key, ties by the next, and so on.
 * `list.sort(compareBy((w) => w.name, (w) => w.id))`.
 */
export function compareBy<T>(...keys: ReadonlyArray<(x: T) => string>): (a: T, b: T) => number {
  return (a, b) => {
    for (const key of keys) {
      const c = compareStrings(key(a), key(b));
      if (c !== 0) return c;
    }
    return 0;
  };
}

/** The entries of a record (or map) sorted by key: `Object.fromEntries(sortedEntries(r))` is the record with sorted keys. */
export function sortedEntries<V>(r: Readonly<Record<string, V>> | ReadonlyMap<string, V>): [string, V][] {
  const entries: [string, V][] = r instanceof Map ? [...(r as ReadonlyMap<string, V>).entries()] : Object.entries(r as Readonly<Record<string, V>>);
  return entries.sort(([a], [b]) => compareStrings(a, b));
}

/** A copy without the members that are undefined, so deep equality and JSON do not depend on how a field went missing. */
export function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Drops undefined members and empty collections (`[]`, `{}`), so that a written file stays minimal. */
export function compactPlain(obj: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const empty = (v: unknown): boolean => typeof v === 'object' && v !== null && (Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0);
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined && !empty(v)));
}
