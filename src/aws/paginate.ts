/** NextToken pagination, written once: every paginated Voice ID list keeps its other arguments unchanged. */

export async function* pages<P extends { readonly NextToken?: string }>(fetch: (nextToken: string | undefined) => Promise<P>): AsyncGenerator<P> {
  let token: string | undefined;
  do {
    const page = await fetch(token);
    yield page;
    token = page.NextToken || undefined;
  } while (token !== undefined);
}

export async function collect<P extends { readonly NextToken?: string }, T>(
  fetch: (nextToken: string | undefined) => Promise<P>,
  items: (page: P) => readonly T[] | undefined,
): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages(fetch)) out.push(...(items(page) ?? []));
  return out;
}

/** `{ NextToken }` only when there is one (the SDK serialises an explicit undefined away, fakes may not). */
export const tokenArg = (t: string | undefined): { NextToken?: string } => (t === undefined ? {} : { NextToken: t });
