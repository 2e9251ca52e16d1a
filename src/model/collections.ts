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
