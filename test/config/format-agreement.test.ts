/**
 * The YAML format's TypeScript types and its shipped JSON Schema come from one definition
 * (src/model/schema/desired-state.ts); this test checks that they agree on real documents: every example and every
 * YAML file of the diagnostics corpus is typed as `DesiredStateFile` by the TypeScript compiler (one in-memory
 * program for all of them) and validated by the loader against specs/desired-state.schema.json, and the two
 * verdicts must be the same.
 *
 * The schema's verdict leaves out what a TypeScript type cannot state: lengths, patterns, ranges, counts, key
 * rules (`propertyNames`, `not`), uniqueness and whole numbers. Types, required and unknown keys, constants and
 * enums are compared.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject } from 'ajv';
import { parseYamlText } from '../../src/config/parse-yaml.js';

const ROOT = join(import.meta.dirname, '..', '..');
const DIRS = ['examples', 'test/config/corpus'];

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) && !path.includes(`${join('examples', 'github')}`) ? [path] : [];
  });
}

interface Fixture {
  readonly file: string;
  readonly value: unknown;
  readonly schemaAccepts: boolean;
}

const INEXPRESSIBLE = new Set([
  'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems', 'minProperties', 'maxProperties',
  'propertyNames', 'not', 'uniqueItems',
]);
const shipped = JSON.parse(readFileSync(join(ROOT, 'specs/desired-state.schema.json'), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: true, verbose: true }).compile(shipped);
const expressible = (e: ErrorObject): boolean =>
  !INEXPRESSIBLE.has(e.keyword) && !(e.keyword === 'type' && (e.params as { type: string }).type === 'integer' && typeof e.data === 'number');

function schemaAccepts(value: unknown): boolean {
  if (validate(value)) return true;
  return !(validate.errors ?? []).some(expressible);
}

/** Corners the files above may not have: an empty watchlist, an extension key, a missing and a mistyped member. */
const SYNTHETIC: ReadonlyArray<readonly [string, unknown]> = [
  ['empty watchlist and x- key', { version: 1, 'x-shared': { a: 1 }, domains: { a: { kmsKeyId: 'alias/k', watchlists: { w: null, v: {} } } } }],
  ['every optional member', { version: 1, stack: 's', region: 'us-east-1', prune: true, domains: { a: { name: 'n', description: 'd', kmsKeyId: 'k', tags: { t: 'v' }, optedOutSpeakers: ['c-1'], optedOutSpeakersFile: 'f.txt', adopt: 'AbCdEfGhIjKlMnOpQrStUv', enrollmentJobs: { j: { dataAccessRoleArn: 'r', inputS3Uri: 'i', outputS3Uri: 'o', outputKmsKeyId: 'k', existingEnrollmentAction: 'OVERWRITE', fraudDetection: { action: 'IGNORE', riskThreshold: 1, watchlists: ['default'] } } }, fraudsterRegistrationJobs: { j: { dataAccessRoleArn: 'r', inputS3Uri: 'i', outputS3Uri: 'o', duplicateRegistrationAction: 'REGISTER_AS_NEW', fraudsterSimilarityThreshold: 2, watchlists: ['w'] } } } } }],
  ['missing kmsKeyId', { version: 1, domains: { a: { name: 'n' } } }],
  ['tag value not a string', { version: 1, domains: { a: { kmsKeyId: 'k', tags: { t: 1 } } } }],
  ['watchlist description null', { version: 1, domains: { a: { kmsKeyId: 'k', watchlists: { w: { description: null } } } } }],
  ['enum value of another enum', { version: 1, domains: { a: { kmsKeyId: 'k', fraudsterRegistrationJobs: { j: { dataAccessRoleArn: 'r', inputS3Uri: 'i', outputS3Uri: 'o', duplicateRegistrationAction: 'OVERWRITE' } } } } }],
];

const fixtures: Fixture[] = DIRS.flatMap((d) => yamlFiles(join(ROOT, d))).flatMap((path) => {
  const file = relative(ROOT, path);
  const parsed = parseYamlText(file, readFileSync(path, 'utf8'));
  if (parsed.kind !== 'ok') return [];
  return [{ file, value: parsed.parsed.value, schemaAccepts: schemaAccepts(parsed.parsed.value) }];
}).concat(SYNTHETIC.map(([file, value]) => ({ file: `synthetic: ${file}`, value, schemaAccepts: schemaAccepts(value) })));

/** A TypeScript expression of a YAML value (JSON, but numbers like 1e400 stay numbers: Infinity). */
function literal(v: unknown): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
  if (Array.isArray(v)) return `[${v.map(literal).join(', ')}]`;
  if (v !== null && typeof v === 'object') return `{ ${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${literal(x)}`).join(', ')} }`;
  return JSON.stringify(v) ?? 'undefined';
}

/** Fixture index -> whether `const fN: DesiredStateFile = <its value>;` type-checks. */
function typeVerdicts(list: readonly Fixture[]): boolean[] {
  const virtual = join(ROOT, 'test', 'config', '__format-agreement__.ts');
  const lines = [`import type { DesiredStateFile } from '../../src/model/schema/desired-state.js';`];
  const firstLine: number[] = [];
  list.forEach((f, i) => {
    firstLine.push(lines.length);
    lines.push(`export const f${i}: DesiredStateFile = ${literal(f.value)};`);
  });
  const options: ts.CompilerOptions = {
    strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, types: [],
  };
  const host = ts.createCompilerHost(options);
  const source = lines.join('\n');
  const read = host.readFile.bind(host);
  host.readFile = (name) => (name === virtual ? source : read(name));
  const getSource = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang) => (name === virtual ? ts.createSourceFile(name, source, lang) : getSource(name, lang));
  host.fileExists = ((exists) => (name: string) => name === virtual || exists(name))(host.fileExists.bind(host));
  const program = ts.createProgram([virtual], options, host);
  const file = program.getSourceFile(virtual)!;
  const bad = new Set<number>();
  for (const d of [...program.getSemanticDiagnostics(file), ...program.getSyntacticDiagnostics(file)]) {
    const line = file.getLineAndCharacterOfPosition(d.start ?? 0).line;
    if (line === 0) throw new Error(`the agreement program does not compile: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    bad.add(firstLine.indexOf(line));
  }
  return list.map((_, i) => !bad.has(i));
}

describe('the YAML types and the shipped schema', () => {
  const verdicts = typeVerdicts(fixtures);

  it('are compared on the examples and the corpus, accepted and refused documents alike', () => {
    expect(fixtures.filter((f) => f.file.startsWith('examples')).length).toBeGreaterThanOrEqual(3);
    expect(fixtures.filter((f) => f.schemaAccepts).length).toBeGreaterThanOrEqual(20);
    expect(fixtures.filter((f) => !f.schemaAccepts).length).toBeGreaterThanOrEqual(5);
    expect(fixtures.filter((f) => f.file.startsWith('synthetic')).map((f) => f.schemaAccepts)).toEqual([true, true, false, false, false, false]);
  });

  it('accept and refuse the same documents', () => {
    const disagreements = fixtures
      .map((f, i) => ({ file: f.file, schema: f.schemaAccepts, types: verdicts[i] }))
      .filter((r) => r.schema !== r.types);
    expect(disagreements).toEqual([]);
  });
});
