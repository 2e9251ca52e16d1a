/** How values and places are named in messages: dotted paths, short quoted values, masked speaker ids. */
import { maskSpeakerId } from '../model/sensitive.js';
import type { Path } from './locate.js';

const MAX_SHOWN = 60;

/** `domains.support.tags.team`; the top level is "the top level". */
export function pathLabel(path: Path): string {
  if (path.length === 0) return 'the top level';
  return path
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : !/^[A-Za-z0-9_-]+$/.test(s) ? `[${JSON.stringify(s)}]` : i === 0 ? s : `.${s}`))
    .join('');
}

const isSpeakerPath = (path: Path): boolean => path.includes('optedOutSpeakers') || path.includes('erasedSpeakers');

/** A value as shown in a message: strings quoted and cut, speaker ids masked. */
export function showString(value: string, speaker = false): string {
  if (speaker) return maskSpeakerId(value);
  const cut = [...value];
  return JSON.stringify(cut.length > MAX_SHOWN ? `${cut.slice(0, MAX_SHOWN).join('')}…` : value);
}

export function describeValue(path: Path, value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${showString(value, isSpeakerPath(path))}`;
  if (typeof value === 'number') return isSpeakerPath(path) ? 'a number' : `the number ${String(value)}`;
  return String(value);
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** The closest candidate within a third of the word's length (at least 2 edits), ignoring case. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}
