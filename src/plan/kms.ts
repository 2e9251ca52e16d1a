/**
 * KMS key equivalence (R3.2): key id, key ARN, alias name and alias ARN of one key are the same key. The live
 * reader resolved each spelling through KMS DescribeKey into `live.kmsKeys`; a spelling it could not resolve is
 * compared as a string.
 */

export interface KmsComparison {
  readonly same: boolean;
  /** True when the answer came from comparing strings because a spelling could not be resolved. */
  readonly textual: boolean;
  /** The spellings KMS could not resolve (when `textual`). */
  readonly unresolved: readonly string[];
}

export function compareKmsKeys(
  desired: string,
  live: string,
  kmsKeys: Readonly<Record<string, string>>,
): KmsComparison {
  if (desired === live) return { same: true, textual: false, unresolved: [] };
  const a = resolve(desired, kmsKeys);
  const b = resolve(live, kmsKeys);
  if (a !== undefined && b !== undefined) return { same: a === b, textual: false, unresolved: [] };
  const unresolved = [...(a === undefined ? [desired] : []), ...(b === undefined ? [live] : [])];
  return { same: false, textual: true, unresolved };
}

function resolve(spelling: string, kmsKeys: Readonly<Record<string, string>>): string | undefined {
  // Own-property lookup only: a spelling such as "constructor" must not hit Object.prototype.
  return Object.prototype.hasOwnProperty.call(kmsKeys, spelling) ? kmsKeys[spelling] : undefined;
}
