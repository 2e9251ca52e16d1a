/** Small helpers every layer shares (pure, no I/O). */

/**
 * Code-unit order of two strings, the order of every sorted list the tool writes or compares. Unlike
 * localeCompare it does not depend on the machine's locale, so plans and exports are identical everywhere.
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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
