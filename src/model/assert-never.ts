/**
 * The last line of every switch over a union: the compiler refuses the call once a member is unhandled (its type is
 * then not `never`), and a value the types did not foresee (a hand-edited saved plan, say) fails loudly at run time
 * instead of being skipped. `what` names the value in the message; of an object only its `kind`/`type` is shown, as
 * the rest may hold speaker ids.
 */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${describe(value)}`);
}

function describe(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? String(value);
  const tag = (value as { kind?: unknown; type?: unknown }).kind ?? (value as { type?: unknown }).type;
  return typeof tag === 'string' ? JSON.stringify(tag) : 'an object without a kind';
}
