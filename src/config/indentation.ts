/**
 * Indentation mistakes, reported at the line that has them and in plain words (yaml reports some at the line above,
 * and all in parser words: "All mapping items must start at the same column (YAML BAD_INDENT)"). Messages name keys
 * and columns, never a list item's value (it may be a customer speaker id).
 */
import { isScalar, visit, type Document, type YAMLError } from 'yaml';
import type { Diagnostic } from '../model/diagnostic.js';
import { diagnosticAt, type SourceText } from './source-text.js';

interface Row {
  readonly start: number;
  readonly text: string;
  readonly indent: number;
  /** 1-based. */
  readonly line: number;
}

function rowAt(text: string, pos: number): Row {
  const start = text.lastIndexOf('\n', pos - 1) + 1;
  const end = text.indexOf('\n', start);
  const row = text.slice(start, end === -1 ? undefined : end);
  return { start, text: row, indent: /^ */.exec(row)![0].length, line: text.slice(0, start).split('\n').length };
}

const isContent = (row: string): boolean => row.trim() !== '' && !row.trimStart().startsWith('#');
/** `key:` or `- ` that starts a row, for the message. */
function label(row: Row): string {
  const t = row.text.trimStart();
  if (t.startsWith('-')) return 'the list item';
  const key = /^([^\s#:][^:]*?):(?:\s|$)/.exec(t)?.[1];
  return key === undefined ? 'the line' : `\`${key}:\``;
}

/** The rows above `row` that open an indentation level: the previous content row, then each one less indented. */
function levelsAbove(text: string, row: Row): Row[] {
  const out: Row[] = [];
  for (let at = row.start - 1; at > 0; ) {
    const r = rowAt(text, at);
    at = r.start - 1;
    if (!isContent(r.text)) continue;
    if (out.length === 0 || r.indent < out[out.length - 1]!.indent) out.push(r);
    if (r.indent === 0) break;
  }
  return out;
}

/** The columns YAML would accept for `row`: the level just deeper and the one just shallower than it. */
function choices(text: string, row: Row): string {
  const levels = levelsAbove(text, row);
  const deeper = [...levels].reverse().find((l) => l.indent > row.indent);
  const shallower = levels.find((l) => l.indent < row.indent);
  const beside = (l: Row): string => `${l.indent} (beside ${label(l)} on line ${l.line})`;
  const options = [deeper, shallower].filter((l): l is Row => l !== undefined).map(beside);
  return options.length > 0 ? `indent it ${options.join(' or ')}` : 'indent it like the lines beside it';
}

/** A yaml indentation error -> a diagnostic at its line, or undefined when it is not one of these. */
export function indentationDiagnostic(src: SourceText, e: YAMLError): Diagnostic | undefined {
  const text = src.text;
  const row = rowAt(text, e.pos[0]);
  const at: [number, number] = [row.start + row.indent, Math.max(row.start + row.indent + 1, row.start + row.text.trimEnd().length)];
  if (e.code === 'TAB_AS_INDENT') {
    const tab = row.start + row.text.indexOf('\t');
    return diagnosticAt(src, 'E_YAML_SYNTAX', 'this line is indented with a tab: YAML indents with spaces only; replace the tab with spaces', [tab, tab + 1]);
  }
  // yaml says BAD_INDENT also for an unclosed flow collection, at its end: only a row's start is an indentation.
  if (e.code === 'BAD_INDENT' && isContent(row.text) && e.pos[0] <= row.start + row.indent) {
    return diagnosticAt(src, 'E_YAML_SYNTAX', `${label(row)} is indented ${row.indent} spaces, a column no mapping above it uses (the keys of one mapping start at the same column): ${choices(text, row)}`, at);
  }
  if ((e.code === 'BLOCK_AS_IMPLICIT_KEY' || e.code === 'MULTILINE_IMPLICIT_KEY') && row.text.trimStart().startsWith('- ')) {
    const item = levelsAbove(text, row).find((l) => l.text.trimStart().startsWith('- '));
    const where = item ? `, but the item above it on line ${item.line} is at ${item.indent} (the items of one list start at the same column): indent it ${item.indent} spaces` : `: ${choices(text, row)}`;
    return diagnosticAt(src, 'E_YAML_SYNTAX', `this list item is indented ${row.indent} spaces${where}`, at);
  }
  return undefined;
}

/**
 * A list item indented deeper than the item above it is no error to YAML: it continues that item's text
 * (`- a` then `    - b` is the one item "a - b"). Said at the deeper line.
 */
export function deepListItems(src: SourceText, doc: Document): Diagnostic[] {
  const out: Diagnostic[] = [];
  visit(doc, {
    Scalar(_, node) {
      if (!isScalar(node) || node.type !== 'PLAIN' || node.range === undefined || node.range === null) return;
      const source = src.text.slice(node.range[0], node.range[1]);
      const nl = source.search(/\n[ \t]*- /);
      if (nl === -1) return;
      const row = rowAt(src.text, node.range[0] + nl + 1);
      const item = rowAt(src.text, node.range[0]);
      const indent = /^ *-/.test(item.text) ? item.indent : undefined;
      if (indent === undefined) return;
      out.push(diagnosticAt(src, 'E_YAML_SYNTAX', `this list item is indented ${row.indent} spaces, deeper than the item on line ${item.line} (${indent}), so YAML reads it as more text of that item: indent it ${indent} spaces`, [row.start + row.indent, row.start + row.text.trimEnd().length]));
    },
  });
  return out;
}

/** One diagnostic per line: an indentation mistake makes yaml report the same line several times. */
export function onePerLine(diagnostics: readonly Diagnostic[], preferred: ReadonlySet<Diagnostic>): Diagnostic[] {
  const byLine = new Map<number, Diagnostic>();
  for (const d of diagnostics) {
    const seen = byLine.get(d.line);
    if (seen === undefined || (preferred.has(d) && !preferred.has(seen))) byLine.set(d.line, d);
  }
  return [...byLine.values()];
}
