/**
 * Finds where a value sits in the YAML source: a path of keys and indices -> the [start, end) range of its key
 * or of its value. Aliases and `<<` merge keys are followed; when the path leaves what is written (a missing
 * key, a value that came from a merge), the deepest node found stands for it.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';

export type Path = readonly (string | number)[];
export type Range = readonly [number, number];

interface Found {
  readonly node: Node | null;
  readonly pair?: Pair;
  readonly depth: number;
}

function rangeOf(n: unknown): Range | undefined {
  const r = (n as { range?: readonly number[] } | null)?.range;
  return r ? [r[0]!, r[1]!] : undefined;
}

function deref(doc: Document, n: unknown): Node | null {
  let cur = n as Node | null;
  for (let i = 0; i < 16 && cur && isAlias(cur); i++) cur = (cur.resolve(doc) as Node | undefined) ?? null;
  return cur;
}

function keyString(k: unknown): string | undefined {
  if (isScalar(k)) return typeof k.value === 'symbol' ? '<<' : String(k.value);
  return undefined;
}

function findPair(doc: Document, map: Node, key: string, seen = 0): Pair | undefined {
  if (!isMap(map) || seen > 8) return undefined;
  for (const p of map.items) if (keyString(p.key) === key) return p as Pair;
  for (const p of map.items) {
    if (keyString(p.key) !== '<<') continue;
    const v = deref(doc, p.value);
    const sources = isSeq(v) ? v.items.map((i) => deref(doc, i)) : [v];
    for (const s of sources) {
      const hit = s ? findPair(doc, s, key, seen + 1) : undefined;
      if (hit) return hit;
    }
  }
  return undefined;
}

function walk(doc: Document, path: Path): Found {
  let found: Found = { node: doc.contents as Node | null, depth: 0 };
  for (const seg of path) {
    const node = deref(doc, found.node);
    if (isMap(node)) {
      const pair = findPair(doc, node, String(seg));
      if (!pair) return found;
      found = { node: pair.value as Node | null, pair, depth: found.depth + 1 };
    } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
      found = { node: node.items[seg] as Node | null, depth: found.depth + 1 };
    } else {
      return found;
    }
  }
  return found;
}

/**
 * Range of the value at `path` (or of its key with at='key'). A null value (`key:` with nothing after it) has no
 * range of its own: its key stands for it.
 */
export function locate(doc: Document, path: Path, at: 'key' | 'value' = 'value'): Range {
  const f = walk(doc, path);
  const complete = f.depth === path.length;
  const key = rangeOf(f.pair?.key);
  const raw = rangeOf(f.node);
  const value = raw && raw[1] > raw[0] ? raw : undefined;
  const preferKey = (at === 'key' && complete) || !complete;
  const r = (preferKey ? key : value) ?? value ?? key ?? raw ?? rangeOf(doc.contents);
  return r ?? [0, 0];
}
