/**
 * User text as the loader sees it: decoded bytes, line starts, and positioned diagnostics with a caret excerpt
 * (in the spirit of `yaml`'s prettifyError). Ranges that hold customer speaker ids are masked in excerpts, since
 * excerpts are human-facing output (CONTRACT §6), and control characters are escaped (model/printable.ts).
 */
import type { Diagnostic, Severity } from '../model/diagnostic.js';
import { escapeCode, escapeControls, isControlCode } from '../model/printable.js';
import { maskSpeakerId } from '../model/sensitive.js';
import { LIMITS, type ConfigCode } from './codes.js';

export interface SourceText {
  readonly file: string;
  readonly text: string;
  readonly lineStarts: readonly number[];
  /** Sorted, non-overlapping [start, end) offsets whose text is a speaker id. */
  readonly sensitive: Array<readonly [number, number]>;
}

export type Decoded = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'error'; readonly diagnostic: Diagnostic };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes UTF-8 strictly (a BOM is dropped); a bad byte is reported at its line and column. */
export function decodeUtf8(file: string, bytes: Uint8Array): Decoded {
  try {
    const text = decoder.decode(bytes);
    return { kind: 'text', text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const valid = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
    const src = sourceText(file, valid.charCodeAt(0) === 0xfeff ? valid.slice(1) : valid);
    const byte = (bytes[bad] ?? 0).toString(16).padStart(2, '0');
    return { kind: 'error', diagnostic: { ...positionOf(src, src.text.length), file, severity: 'error', code: 'E_ENCODING', message: `invalid UTF-8 byte 0x${byte}: save the file as UTF-8` } };
  }
}

function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    // Overlong forms and surrogates are rejected by the decoder; point at their lead byte too.
    if (n === 2 && ((c === 0xe0 && b[i + 1]! < 0xa0) || (c === 0xed && b[i + 1]! > 0x9f))) return i;
    if (n === 3 && ((c === 0xf0 && b[i + 1]! < 0x90) || (c === 0xf4 && b[i + 1]! > 0x8f))) return i;
    i += n + 1;
  }
  return b.length;
}

export function sourceText(file: string, text: string): SourceText {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return { file, text, lineStarts, sensitive: [] };
}

function lineIndexOf(src: SourceText, offset: number): number {
  let lo = 0;
  let hi = src.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (src.lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** 1-based line and column; the column counts characters (code points), not UTF-16 units. */
export function positionOf(src: SourceText, offset: number): { line: number; col: number } {
  const o = Math.max(0, Math.min(offset, src.text.length));
  const li = lineIndexOf(src, o);
  return { line: li + 1, col: [...src.text.slice(src.lineStarts[li]!, o)].length + 1 };
}

export function diagnosticAt(
  src: SourceText,
  code: ConfigCode,
  message: string,
  range: readonly [number, number],
  severity: Severity = 'error',
): Diagnostic {
  const { line, col } = positionOf(src, range[0]);
  return { file: src.file, line, col, severity, code, message: escapeControls(message), excerpt: excerpt(src, range[0], range[1]) };
}

/** The source line and carets under [start, end) (at least one), gutter with the line number. */
export function excerpt(src: SourceText, start: number, end: number): string {
  const li = lineIndexOf(src, Math.min(start, src.text.length));
  const lineStart = src.lineStarts[li]!;
  let lineEnd = src.lineStarts[li + 1] ?? src.text.length;
  while (lineEnd > lineStart && (src.text[lineEnd - 1] === '\n' || src.text[lineEnd - 1] === '\r')) lineEnd--;
  const shown = maskedLine(src, lineStart, lineEnd);
  const from = shown.map(Math.min(start, lineEnd));
  const to = Math.max(from + 1, shown.map(Math.min(Math.max(end, start), lineEnd)));
  return caretLines(li + 1, shown.text, from, to);
}

interface ShownLine {
  readonly text: string;
  map(offset: number): number;
}

function maskedLine(src: SourceText, lineStart: number, lineEnd: number): ShownLine {
  const parts: string[] = [];
  const marks: Array<[number, number]> = []; // [source offset, shown offset] wherever the two stop moving together
  let shown = 0;
  // Source text as shown: control characters escaped (a terminal must not run them), a mark around each.
  const plain = (from: number, to: number): void => {
    let last = from;
    for (let i = from; i < to; i++) {
      const c = src.text.charCodeAt(i);
      if (!isControlCode(c)) continue;
      parts.push(src.text.slice(last, i));
      shown += i - last;
      marks.push([i, shown]);
      const visible = escapeCode(c);
      parts.push(visible);
      shown += visible.length;
      marks.push([i + 1, shown]);
      last = i + 1;
    }
    parts.push(src.text.slice(last, to));
    shown += to - last;
  };
  let pos = lineStart;
  for (const [s, e] of src.sensitive) {
    if (e <= lineStart || s >= lineEnd) continue;
    const a = Math.max(s, pos);
    const b = Math.min(e, lineEnd);
    plain(pos, a);
    const mask = maskSpeakerId(src.text.slice(a, b));
    marks.push([a, shown]);
    parts.push(mask);
    shown += mask.length;
    marks.push([b, shown]);
    pos = b;
  }
  plain(pos, lineEnd);
  const map = (offset: number): number => {
    let base: [number, number] = [lineStart, 0];
    for (const m of marks) if (m[0] <= offset) base = m;
    return base[1] + offset - base[0];
  };
  return { text: parts.join(''), map };
}

/** Renders one line (already masked) with carets under [from, to); long lines are windowed. */
export function caretLines(lineNo: number, text: string, from: number, to: number): string {
  let a = from;
  let b = Math.min(to, Math.max(text.length, from + 1));
  let shown = text;
  const w = LIMITS.excerptWidth;
  if (text.length > w) {
    // Long lines (minified JSON, huge ids) show a window around the column so the excerpt stays readable.
    const start = Math.max(0, Math.min(a - w / 4, text.length - w));
    shown = (start > 0 ? '…' : '') + text.slice(start, start + w) + (start + w < text.length ? '…' : '');
    const shift = start > 0 ? start - 1 : 0;
    a -= shift;
    b = Math.min(b - shift, shown.length + 1);
  }
  const gutter = String(lineNo);
  const pad = ' '.repeat(gutter.length);
  const lead = shown.slice(0, a).replace(/[^\t]/g, ' ');
  return ` ${gutter} | ${shown}\n ${pad} | ${lead}${'^'.repeat(Math.max(1, b - a))}`;
}
