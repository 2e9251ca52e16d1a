/**
 * An optedOutSpeakersFile (or a fraudstersFile, with fraudster ids): one id per line, blank lines and `#` comments
 * ignored (a speaker id can hold neither `#` nor spaces, so a comment may also follow an id; a fraudster id is
 * `id#...`, so there a comment starts at the line's start or after a blank), CRLF tolerated. Built for files of a
 * million ids: one pass over the text with indexOf, a precompiled pattern, no per-line arrays beyond the ids.
 */
import { voiceIdConstraints } from '../constraints/load.js';
import { checkString, compiledPattern } from '../constraints/validate.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { maskSpeakerId } from '../model/sensitive.js';
import { LIMITS, type ConfigCode } from './codes.js';
import { caretLines, decodeUtf8 } from './source-text.js';
import { compareStrings } from '../model/collections.js';

export interface OptOutFile {
  /** Unique ids, sorted. */
  readonly ids: readonly string[];
  /** 1-based line of an id's first occurrence. */
  lineOf(id: string): number | undefined;
  readonly diagnostics: readonly Diagnostic[];
}


/** What the ids of a file are: their Voice ID shape, how they are named and shown, the code of a duplicate. */
export interface IdKind {
  readonly shape: 'CustomerSpeakerId' | 'FraudsterId';
  readonly noun: string;
  /** Speaker ids are personal data and shown masked; fraudster ids are generated and shown in clear. */
  readonly show: (id: string) => string;
  readonly duplicate: ConfigCode;
  /** The ids never hold `#`: any `#` starts a comment. */
  readonly hashAnywhere: boolean;
}

export const SPEAKER_IDS: IdKind = { shape: 'CustomerSpeakerId', noun: 'speaker id', show: maskSpeakerId, duplicate: 'E_DUPLICATE_SPEAKER', hashAnywhere: true };
export const FRAUDSTER_IDS: IdKind = { shape: 'FraudsterId', noun: 'fraudster id', show: (id) => id, duplicate: 'E_DUPLICATE_FRAUDSTER', hashAnywhere: false };

function idShape(kind: IdKind) {
  const shape = voiceIdConstraints().shapes[kind.shape];
  if (shape?.type !== 'string' || shape.pattern === undefined) throw new Error(`${kind.shape} shape missing`);
  return { shape, re: compiledPattern(shape.pattern), max: shape.length?.max ?? Infinity, min: shape.length?.min ?? 0 };
}

export function parseOptOutFile(file: string, bytes: Uint8Array, kind: IdKind = SPEAKER_IDS): OptOutFile {
  const decoded = decodeUtf8(file, bytes);
  if (decoded.kind === 'error') return { ids: [], lineOf: () => undefined, diagnostics: [decoded.diagnostic] };
  return parseOptOutText(file, decoded.text, kind);
}

export function parseOptOutText(file: string, text: string, kind: IdKind = SPEAKER_IDS): OptOutFile {
  const { shape, re, max, min } = idShape(kind);
  const problems = new Problems(file, kind);
  const ids: string[] = [];
  const lines: number[] = [];
  const seen = new SeenIds(ids);
  let lineNo = 0;
  for (let pos = 0; pos < text.length; ) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? text.length : nl;
    lineNo++;
    let line = text.slice(pos, end);
    pos = end + 1;
    if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
    let start = 0;
    if (!(line.length <= max && re.test(line))) {
      // The slow path: comments, surrounding blanks, or a bad id.
      const hash = kind.hashAnywhere ? line.indexOf('#') : commentStart(line);
      const content = hash === -1 ? line : line.slice(0, hash);
      const trimmed = content.trim();
      if (trimmed === '') continue;
      start = content.indexOf(trimmed);
      line = trimmed;
      const bad = checkString(shape, line, []);
      if (bad.length > 0) {
        const id = line;
        const tooLong = bad[0]!.kind === 'length';
        const why = tooLong ? `is ${id.length} characters long: Voice ID allows ${min === max ? `exactly ${max}` : `${min}..${max}`} characters` : `is not a valid ${kind.shape}: it must match ${shape.pattern}`;
        problems.add(tooLong ? 'E_LENGTH' : 'E_PATTERN', () => `${kind.noun} ${kind.show(id)} ${why}`, lineNo, start, id);
        continue;
      }
    }
    if (seen.has(line)) {
      const id = line;
      problems.add(kind.duplicate, () => `${kind.noun} ${kind.show(id)} is listed twice (first on line ${firstLine(ids, lines, id)})`, lineNo, start, id);
      continue;
    }
    seen.add(line);
    ids.push(line);
    lines.push(lineNo);
  }
  return finish(ids, lines, problems.done());
}

/** Where a comment starts in a line of fraudster ids (`id#...` holds a `#`): a `#` at the line's start or after a blank. */
function commentStart(line: string): number {
  for (let i = line.indexOf('#'); i !== -1; i = line.indexOf('#', i + 1)) {
    if (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t') return i;
  }
  return -1;
}

/**
 * Duplicate detection without a hash set while the file is sorted (as generated and exported files are): in a
 * sorted run a duplicate can only equal the previous id. The first id out of order switches to a Set.
 */
class SeenIds {
  private set: Set<string> | undefined;
  constructor(private readonly ids: readonly string[]) {}

  has(id: string): boolean {
    if (this.set) return this.set.has(id);
    const last = this.ids[this.ids.length - 1];
    if (last === undefined || last < id) return false;
    if (last === id) return true;
    this.set = new Set(this.ids);
    return this.set.has(id);
  }

  add(id: string): void {
    this.set?.add(id);
  }
}

function firstLine(ids: readonly string[], lines: readonly number[], id: string): number {
  return lines[ids.indexOf(id)] ?? 0;
}

function finish(ids: string[], lines: number[], diagnostics: readonly Diagnostic[]): OptOutFile {
  let sorted = true;
  for (let i = 1; i < ids.length && sorted; i++) sorted = ids[i - 1]! < ids[i]!;
  const byLine = sorted ? undefined : new Map(ids.map((id, i) => [id, lines[i]!]));
  const out = sorted ? ids : [...ids].sort(compareStrings);
  const lineOf = (id: string): number | undefined => {
    if (byLine) return byLine.get(id);
    // Sorted and unique: binary search, so a million ids need no extra map.
    let lo = 0;
    let hi = out.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = compareStrings(out[mid]!, id);
      if (c === 0) return lines[mid];
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  };
  return { ids: out, lineOf, diagnostics };
}

/** Collects at most LIMITS.maxProblemsPerOptOutFile diagnostics, then counts the rest. */
class Problems {
  private readonly list: Diagnostic[] = [];
  private more = 0;
  private firstMoreLine = 0;
  constructor(private readonly file: string, private readonly kind: IdKind) {}

  /** The message is built only when shown: finding a duplicate's first line scans the ids. */
  add(code: ConfigCode, message: () => string, line: number, start: number, id: string): void {
    if (this.list.length >= LIMITS.maxProblemsPerOptOutFile) {
      if (this.more++ === 0) this.firstMoreLine = line;
      return;
    }
    const mask = this.kind.show(id);
    const shown = `${' '.repeat(start)}${mask}`;
    const excerpt = caretLines(line, shown, start, start + mask.length);
    this.list.push({ file: this.file, line, col: start + 1, severity: 'error', code, message: message(), excerpt });
  }

  done(): readonly Diagnostic[] {
    if (this.more === 0) return this.list;
    const message = `${this.more} more problems in this file are not shown (the first ${LIMITS.maxProblemsPerOptOutFile} are)`;
    return [...this.list, { file: this.file, line: this.firstMoreLine, col: 1, severity: 'error', code: 'E_TOO_MANY_PROBLEMS', message }];
  }
}
