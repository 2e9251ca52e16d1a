/**
 * One parsed YAML file -> what it declares (header values and domains, each with its place) and every problem
 * found in it alone: schema (structure) and Voice ID constraints. Cross-file rules are merge.ts's.
 */
import { dirname, isAbsolute, join } from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';
import { compiledPattern } from '../constraints/validate.js';
import type { DesiredStateFile } from '../model/desired.js';
import { checkDomain, isObj, unchecked, type FileDomain } from './check-domain.js';
import { checkConstraint, type Reporter } from './constraint-check.js';
import { locate, type Path, type Range } from './locate.js';
import type { ParsedYaml } from './parse-yaml.js';
import { desiredStateSchema, schemaDiagnostics } from './schema.js';
import { diagnosticAt, positionOf } from './source-text.js';

export interface Located<T> {
  readonly value: T;
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly path: Path;
}

export interface DeclaredDomain {
  readonly key: string;
  readonly at: Located<string>;
  readonly declared: FileDomain;
  /** The opt-out file's path relative to cwd (or absolute), resolved against this YAML file's directory. */
  readonly optOutFile?: string;
  /** Each watchlist's fraudstersFile (by watchlist name), resolved like optOutFile. */
  readonly fraudsterFiles: ReadonlyMap<string, string>;
  /** The erasedSpeakersFile's path, resolved the same way. */
  readonly erasureFile?: string;
}

export interface FileModel {
  readonly file: string;
  /** The root this file was found under (real path): the files it names must resolve inside it. */
  readonly root?: string;
  readonly report: Reporter;
  readonly diagnostics: Diagnostic[];
  readonly stack?: Located<string>;
  readonly region?: Located<string>;
  readonly prune?: Located<boolean>;
  readonly domains: readonly DeclaredDomain[];
}

export function reporterFor(parsed: ParsedYaml, sink: Diagnostic[]): Reporter {
  const rangeOf = (path: Path, at: 'key' | 'value' = 'value'): Range => locate(parsed.doc, path, at);
  return {
    rangeOf,
    report: (code, message, path, at = 'value', severity = 'error') => sink.push(diagnosticAt(parsed.src, code, message, rangeOf(path, at), severity)),
  };
}

function located<T>(parsed: ParsedYaml, value: T, path: Path, at: 'key' | 'value' = 'value'): Located<T> {
  const { line, col } = positionOf(parsed.src, locate(parsed.doc, path, at)[0]);
  return { value, file: parsed.src.file, line, col, path };
}

let regionPattern: RegExp | undefined;
function regionRe(): RegExp {
  const defs = desiredStateSchema()['$defs'] as Record<string, { pattern: string }>;
  regionPattern ??= compiledPattern(defs['Region']!.pattern);
  return regionPattern;
}

/** The YAML's `region:` rule (an AWS Region name), also used for the `--region` flags. */
export const isRegionName = (value: string): boolean => regionRe().test(value);

export function modelFile(parsed: ParsedYaml, rootDir?: string): FileModel {
  const diagnostics: Diagnostic[] = schemaDiagnostics(parsed);
  const report = reporterFor(parsed, diagnostics);
  const root = unchecked<DesiredStateFile>(parsed.value);
  const { stack, region, prune } = root;
  checkConstraint(report, 'DomainName', stack, ['stack'], { label: 'stack' });
  if (typeof region === 'string' && !regionRe().test(region)) {
    report.report('E_PATTERN', `region ${JSON.stringify(region)} is not an AWS Region name such as us-east-1: it must match ${regionRe().source}`, ['region']);
  }
  const domains: DeclaredDomain[] = [];
  for (const [key, raw] of Object.entries(isObj(root['domains']) ? root['domains'] : {})) {
    const path = ['domains', key];
    const declared = checkDomain(report, key, raw, path);
    if (!declared) continue;
    const optOutFile = declared.optOutFile === undefined ? undefined : resolveBeside(parsed.src.file, declared.optOutFile);
    const fraudsterFiles = new Map(declared.members.flatMap((m) => (m.file === undefined ? [] : [[m.watchlist, resolveBeside(parsed.src.file, m.file)] as const])));
    const erasureFile = declared.erasureFile === undefined ? undefined : resolveBeside(parsed.src.file, declared.erasureFile);
    domains.push({
      key, at: located(parsed, key, path, 'key'), declared,
      ...(optOutFile === undefined ? {} : { optOutFile }),
      ...(erasureFile === undefined ? {} : { erasureFile }),
      fraudsterFiles,
    });
  }
  return {
    file: parsed.src.file,
    ...(rootDir === undefined ? {} : { root: rootDir }),
    report,
    diagnostics,
    domains,
    ...(typeof stack === 'string' ? { stack: located(parsed, stack, ['stack']) } : {}),
    ...(typeof region === 'string' ? { region: located(parsed, region, ['region']) } : {}),
    ...(typeof prune === 'boolean' ? { prune: located(parsed, prune, ['prune']) } : {}),
  };
}

/** A path written in a YAML file is relative to that file, not to the working directory. */
function resolveBeside(yamlFile: string, written: string): string {
  return isAbsolute(written) ? written : join(dirname(yamlFile), written);
}
