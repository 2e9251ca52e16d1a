/**
 * Text from files, AWS and GitHub shown on a terminal must not drive it: ESC starts escape sequences (colours,
 * cursor moves, window titles, OSC 8 links), a lone CR overwrites the line, NUL and other controls are invisible,
 * and bidi overrides reorder what a reviewer reads. They are shown as visible escapes instead: ESC as `\e`, NUL as
 * `\0`, CR as `\r`, others as `\xNN` / `\u{NNNN}`. Tab is kept (it is whitespace, and carets align under it).
 */

const NAMED: Readonly<Record<number, string>> = { 0x1b: '\\e', 0x00: '\\0', 0x0d: '\\r', 0x0a: '\\n' };

/** C0 controls but tab (newline too with keepNewline), DEL, C1 controls, and the bidi and line-separator marks. */
export function isControlCode(c: number, keepNewline = false): boolean {
  if (c < 0x20) return c !== 0x09 && !(keepNewline && c === 0x0a);
  if (c < 0x7f) return false;
  if (c <= 0x9f) return true;
  return c === 0x061c || c === 0x200e || c === 0x200f || c === 0x2028 || c === 0x2029 || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/** The visible form of one control character (see the top of this file). */
export function escapeCode(c: number): string {
  return NAMED[c] ?? (c <= 0xff ? `\\x${c.toString(16).padStart(2, '0')}` : `\\u{${c.toString(16)}}`);
}

/** `text` with every control character escaped; newlines are kept with `keepNewlines` (multi-line messages). */
export function escapeControls(text: string, keepNewlines = false): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isControlCode(c, keepNewlines)) continue;
    out += text.slice(last, i) + escapeCode(c);
    last = i + 1;
  }
  return last === 0 ? text : out + text.slice(last);
}
