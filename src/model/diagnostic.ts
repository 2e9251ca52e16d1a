/** A problem found in user input, always tied to a place in a file (CONTRACT §3: `FILE:LINE:COL: error CODE: message`). */
import { compareStrings } from './collections.js';
import { escapeControls } from './printable.js';

export interface SourceLocation {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in characters. */
  readonly col: number;
}

export type Severity = 'error' | 'warning';

export interface Diagnostic extends SourceLocation {
  readonly severity: Severity;
  /** Stable machine code, e.g. `E_UNKNOWN_KEY`, `E_PATTERN`, `E_DUPLICATE_DOMAIN`. */
  readonly code: string;
  /** One line; sensitive values already masked. */
  readonly message: string;
  /** The offending source line and a caret under the column, when the text is available. */
  readonly excerpt?: string;
}

/** Stable order: file, line, column, code, message. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    compareStrings(a.file, b.file) || a.line - b.line || a.col - b.col || compareStrings(a.code, b.code) || compareStrings(a.message, b.message)
  );
}


/** One line per diagnostic (plus its excerpt); file names and messages come from user files: controls escaped. */
export function formatDiagnostic(d: Diagnostic): string {
  const head = `${escapeControls(d.file)}:${d.line}:${d.col}: ${d.severity} ${d.code}: ${escapeControls(d.message)}`;
  return d.excerpt ? `${head}\n${d.excerpt}` : head;
}
