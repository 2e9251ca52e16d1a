/**
 * One YAML file's bytes -> its document and plain value, or the diagnostics that stop it there: encoding, YAML
 * syntax (with yaml's own messages), duplicate keys, several documents, unresolved or exploding aliases, keys
 * that are not strings. Pure: no disk, no clock.
 */
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, parseDocument, visit, type Document, type Node, type YAMLError } from 'yaml';
import type { Diagnostic } from '../model/diagnostic.js';
import { LIMITS } from './codes.js';
import { decodeUtf8, diagnosticAt, sourceText, type SourceText } from './source-text.js';
import { deepListItems, indentationDiagnostic, onePerLine } from './indentation.js';
import { editDistance } from './wording.js';

export interface ParsedYaml {
  readonly src: SourceText;
  readonly doc: Document;
  readonly value: unknown;
}

export type ParseResult =
  /** `diagnostics`: problems that do not stop validation of the rest (keys that are not strings). */
  | { readonly kind: 'ok'; readonly parsed: ParsedYaml; readonly diagnostics: readonly Diagnostic[] }
  | { readonly kind: 'error'; readonly diagnostics: readonly Diagnostic[] };

const fail = (diagnostics: readonly Diagnostic[]): ParseResult => ({ kind: 'error', diagnostics });

export function parseYaml(file: string, bytes: Uint8Array): ParseResult {
  if (bytes.length > LIMITS.maxYamlBytes) {
    const mib = (bytes.length / 1024 / 1024).toFixed(1);
    return fail([{ file, line: 1, col: 1, severity: 'error', code: 'E_FILE_TOO_LARGE', message: `file is ${mib} MiB; at most 16 MiB is read (put long opt-out lists in optedOutSpeakersFile)` }]);
  }
  const decoded = decodeUtf8(file, bytes);
  if (decoded.kind === 'error') return fail([decoded.diagnostic]);
  return parseYamlText(file, decoded.text);
}

export function parseYamlText(file: string, text: string): ParseResult {
  const src = sourceText(file, text);
  const doc = parseDocument(text, { merge: true, uniqueKeys: true, prettyErrors: false, keepSourceTokens: false });
  const broken = doc.errors.length + doc.warnings.length > 0;
  // A broken document's tree may not show where the speaker lists are: mask every list-item-like token then.
  src.sensitive.push(...disjoint([...speakerRanges(doc), ...(broken ? listItemRanges(text) : [])]));
  const indentation = new Set<Diagnostic>();
  const syntax = [...doc.errors, ...doc.warnings].map((e) => {
    const d = indentationDiagnostic(src, e);
    if (d) indentation.add(d);
    return d ?? yamlErrorDiagnostic(src, e);
  });
  if (syntax.length > 0) return fail(onePerLine(syntax, indentation));
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null && doc.contents.source === '')) {
    return fail([{ file, line: 1, col: 1, severity: 'error', code: 'E_EMPTY_FILE', message: 'the file is empty: expected a mapping starting with `version: 1`' }]);
  }
  const aliases = aliasProblems(src, doc);
  const keys = [...keyTypeProblems(src, doc), ...deepListItems(src, doc).map((diagnostic) => ({ diagnostic, fatal: false }))];
  // A scalar key that is not a string (`2026:`) is read as its text, so the rest of the file is still checked and
  // every problem shows in one run; collection keys have no usable text and stop here.
  if (aliases.length > 0 || keys.some((k) => k.fatal)) return fail([...aliases, ...keys.map((k) => k.diagnostic)]);
  try {
    return { kind: 'ok', parsed: { src, doc, value: doc.toJS({ maxAliasCount: LIMITS.maxAliasCount }) }, diagnostics: keys.map((k) => k.diagnostic) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return fail([diagnosticAt(src, 'E_ALIAS', `aliases cannot be expanded: ${message}`, [0, 0])]);
  }
}

function yamlErrorDiagnostic(src: SourceText, e: YAMLError): Diagnostic {
  // "Unexpected end of input" errors sit after the final newline; show them on the last line instead.
  const start = e.pos[0] >= src.text.length && src.text.endsWith('\n') ? src.text.replace(/\r?\n$/, '').length : e.pos[0];
  const range: [number, number] = [start, Math.max(e.pos[1], start + 1)];
  if (e.code === 'DUPLICATE_KEY') {
    // yaml points at the key's first character; the key runs to the `:` that ends it on this line.
    const lineEnd = src.text.indexOf('\n', start);
    const rest = src.text.slice(start, lineEnd === -1 ? undefined : lineEnd);
    const key = /^("(?:[^"\\]|\\.)*"|'[^']*'|.*?)\s*:(?:\s|$)/.exec(rest)?.[1] ?? rest.trimEnd();
    return diagnosticAt(src, 'E_DUPLICATE_KEY', `duplicate key \`${key}\` in this mapping (YAML keys must be unique)`, [start, start + Math.max(1, key.length)]);
  }
  const indented = e.code === 'MULTILINE_IMPLICIT_KEY' || e.code === 'BLOCK_AS_IMPLICIT_KEY' ? overIndented(src, e) : undefined;
  if (indented) return indented;
  if (e.code === 'MULTIPLE_DOCS') {
    return diagnosticAt(src, 'E_MULTIPLE_DOCUMENTS', 'a second YAML document starts here: use one document per file', range);
  }
  // yaml quotes the offending token at the end of some messages; it may be a speaker id, and the excerpt shows it.
  const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').replace(/: "(?:[^"\\]|\\.)*"$/, '');
  return diagnosticAt(src, 'E_YAML_SYNTAX', `${message} (YAML ${e.code})`, range);
}

/**
 * A key indented deeper than its siblings continues the value above it, which yaml reports at that value, in
 * parser words. Point at the line that has the extra indentation instead, and say so plainly.
 */
function overIndented(src: SourceText, e: YAMLError): Diagnostic | undefined {
  const text = src.text;
  const lineStart = (pos: number): number => text.lastIndexOf('\n', pos - 1) + 1;
  const first = lineStart(e.pos[0]);
  const parent = /^( *)([^\s#][^:\n]*?):[ \t]/.exec(text.slice(first));
  if (!parent) return undefined;
  const parentIndent = parent[1]!.length;
  // The continuation lines after the value: more indented than the parent key (blank lines do not end it).
  for (let at = text.indexOf('\n', e.pos[0]) + 1; at > 0 && at < text.length; at = text.indexOf('\n', at) + 1) {
    const end = text.indexOf('\n', at);
    const row = text.slice(at, end === -1 ? undefined : end);
    const indent = /^ */.exec(row)![0].length;
    if (row.trim() === '') continue;
    if (indent <= parentIndent) return undefined;
    const m = /^( *)([^\s#:][^:]*?):(?:[ \t]|$)/.exec(row);
    if (!m) continue;
    const key = at + indent;
    const line = text.slice(0, first).split('\n').length;
    return diagnosticAt(
      src,
      'E_YAML_SYNTAX',
      `\`${m[2]}:\` is indented ${indent} spaces, more than \`${parent[2]}:\` (${parentIndent}) on line ${line} above it, so YAML reads it as part of that value: indent it like the keys beside it`,
      [key, key + m[2]!.length],
    );
  }
  return undefined;
}

function aliasProblems(src: SourceText, doc: Document): Diagnostic[] {
  const out: Diagnostic[] = [];
  visit(doc, {
    Alias(_, alias) {
      if (alias.resolve(doc) === undefined && alias.range) {
        out.push(diagnosticAt(src, 'E_ALIAS', `alias *${alias.source} refers to no anchor defined before it`, [alias.range[0], alias.range[1]]));
      }
    },
  });
  return out;
}

function keyTypeProblems(src: SourceText, doc: Document): { diagnostic: Diagnostic; fatal: boolean }[] {
  const out: { diagnostic: Diagnostic; fatal: boolean }[] = [];
  visit(doc, {
    Pair(_, pair) {
      const k = pair.key as Node | null;
      if (isScalar(k) && (typeof k.value === 'string' || typeof k.value === 'symbol')) return;
      const r = (k as { range?: number[] } | null)?.range ?? [0, 0];
      const message = isScalar(k) && k.value !== null
        ? `key ${String(k.value)} is read as a ${typeof k.value}, not a string: quote it ("${src.text.slice(r[0], r[1])}")`
        : isCollection(k) || isAlias(k) ? 'this key is a collection, not a string' : 'this key is empty';
      out.push({ diagnostic: diagnosticAt(src, 'E_KEY_TYPE', message, [r[0]!, r[1]!]), fatal: !isScalar(k) });
    },
  });
  return out;
}

/** `optedOutSpeakers` and its misspellings (reported as unknown keys, with their line as excerpt). */
function looksLikeSpeakerKey(key: unknown): boolean {
  if (typeof key !== 'string') return false;
  const k = key.toLowerCase();
  return !k.endsWith('file') && (k.includes('speaker') || editDistance(k, 'optedoutspeakers') <= 4);
}

/** Tokens after `- ` or inside `[...]`: where speaker ids sit in block and flow lists. */
function listItemRanges(text: string): Array<readonly [number, number]> {
  const out: Array<readonly [number, number]> = [];
  const re = /(-[ \t]+|[[,][ \t]*)["']?([A-Za-z0-9][^\s,\]"'#]*)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length - m[2]!.length;
    out.push([start, start + m[2]!.length]);
  }
  return out;
}

function disjoint(ranges: Array<readonly [number, number]>): Array<readonly [number, number]> {
  const out: Array<readonly [number, number]> = [];
  for (const r of ranges.sort((a, b) => a[0] - b[0])) {
    const last = out[out.length - 1];
    if (last && r[0] < last[1]) out[out.length - 1] = [last[0], Math.max(last[1], r[1])];
    else out.push(r);
  }
  return out;
}

/** A quoted scalar's range includes its quotes; the id is what lies between them. */
function unquoted(type: string | undefined, r: readonly number[]): readonly [number, number] {
  const quoted = type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE';
  return quoted ? [r[0]! + 1, Math.max(r[0]! + 1, r[1]! - 1)] : [r[0]!, r[1]!];
}

/** Ranges of every scalar under an `optedOutSpeakers` key, so that excerpts never show those ids. */
function speakerRanges(doc: Document): Array<readonly [number, number]> {
  const out: Array<readonly [number, number]> = [];
  visit(doc, {
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.key) || !looksLikeSpeakerKey(pair.key.value)) return;
      const v = pair.value as Node | null;
      const items = isSeq(v) ? v.items : isScalar(v) ? [v] : isMap(v) ? [] : [];
      for (const i of items) if (isScalar(i) && i.range) out.push(unquoted(i.type, i.range));
    },
  });
  return out;
}
