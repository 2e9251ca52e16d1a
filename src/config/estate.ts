/**
 * The pure pipeline: YAML files' bytes (and, in a second step, the opt-out files they name) -> one DesiredState
 * or every diagnostic, sorted and de-duplicated. No disk: load-desired.ts reads the bytes and calls these.
 */
import { compareDiagnostics, formatDiagnostic, type Diagnostic } from '../model/diagnostic.js';
import type { DesiredState } from '../model/desired.js';
import { declaredSpeakerIds } from '../model/sensitive.js';
import { modelFile, type FileModel } from './file-model.js';
import { mergeModels, type OptOutRead } from './merge.js';
import { FRAUDSTER_IDS, parseOptOutFile, SPEAKER_IDS, type IdKind } from './opt-out-file.js';
import { parseYaml } from './parse-yaml.js';
import { refKey, type FileBytes, type FileRef, type ReadResult } from './read-files.js';

/** `speakerIds`: every well-formed customer speaker id declared, valid or not, for the output boundary to mask. */
export type LoadResult =
  | { readonly kind: 'valid'; readonly state: DesiredState; readonly files: readonly string[]; readonly warnings: readonly Diagnostic[]; readonly speakerIds: Iterable<string> }
  | { readonly kind: 'invalid'; readonly diagnostics: readonly Diagnostic[]; readonly files: readonly string[]; readonly speakerIds: Iterable<string> };

export interface ParsedEstate {
  readonly files: readonly string[];
  readonly models: readonly FileModel[];
  readonly diagnostics: readonly Diagnostic[];
  /** Files the YAML names (opt-out files, fraudster files) to read next: paths relative to cwd (or absolute), with their root. */
  readonly optOutFiles: readonly FileRef[];
  /** Those of them that are fraudstersFiles (parsed as fraudster ids). */
  readonly fraudsterFiles: readonly FileRef[];
}

export function parseEstate(sources: readonly FileBytes[], earlier: readonly Diagnostic[] = []): ParsedEstate {
  const diagnostics = [...earlier];
  const models: FileModel[] = [];
  for (const s of sources) {
    const parsed = parseYaml(s.file, s.bytes);
    diagnostics.push(...parsed.diagnostics);
    if (parsed.kind === 'ok') models.push(modelFile(parsed.parsed, s.root));
  }
  const refs = new Map<string, FileRef>();
  const fraudsterRefs = new Map<string, FileRef>();
  for (const r of models.flatMap(referencedFiles)) refs.set(refKey(r), r);
  for (const r of models.flatMap(fraudsterFiles)) {
    refs.set(refKey(r), r);
    fraudsterRefs.set(refKey(r), r);
  }
  const optOutFiles = [...refs.values()];
  return { files: sources.map((s) => s.file), models, diagnostics, optOutFiles, fraudsterFiles: [...fraudsterRefs.values()] };
}

const ref = (m: FileModel, path: string): FileRef => ({ path, ...(m.root === undefined ? {} : { root: m.root }) });

/** Every file a YAML file names, read through the same containment rules (a new `*File` key adds itself here). */
function referencedFiles(m: FileModel): FileRef[] {
  return m.domains.flatMap((d) => [d.optOutFile, d.erasureFile].filter((f) => f !== undefined).map((path) => ref(m, path)));
}

function fraudsterFiles(m: FileModel): FileRef[] {
  return m.domains.flatMap((d) => [...d.fraudsterFiles.values()].map((p) => ref(m, p)));
}

export function completeEstate(estate: ParsedEstate, optOutBytes: ReadonlyMap<string, ReadResult>): LoadResult {
  const diagnostics = [...estate.diagnostics];
  const parseAll = (refs: readonly FileRef[], kind: IdKind): Map<string, OptOutRead> => {
    const out = new Map<string, OptOutRead>();
    for (const ref of refs) {
      const read = optOutBytes.get(refKey(ref)) ?? { kind: 'error', code: 'E_FILE_NOT_FOUND', message: 'not read' };
      if (read.kind === 'error') out.set(refKey(ref), read);
      else {
        const parsed = parseOptOutFile(ref.path, read.bytes, kind);
        diagnostics.push(...parsed.diagnostics);
        out.set(refKey(ref), { kind: 'ok', parsed });
      }
    }
    return out;
  };
  const fraudsterKeys = new Set(estate.fraudsterFiles.map(refKey));
  const optOuts = parseAll(estate.optOutFiles.filter((r) => !fraudsterKeys.has(refKey(r)) || isOptOutFile(estate, r)), SPEAKER_IDS);
  const fraudsters = parseAll(estate.fraudsterFiles, FRAUDSTER_IDS);
  const state = mergeModels(estate.models, optOuts, fraudsters);
  for (const m of estate.models) diagnostics.push(...m.diagnostics);
  const sorted = dedupe(withoutEchoesOfKeyTypes(diagnostics).sort(compareDiagnostics));
  const errors = sorted.filter((d) => d.severity === 'error');
  const speakerIds = declaredSpeakerIds(state);
  if (errors.length > 0) return { kind: 'invalid', diagnostics: sorted, files: estate.files, speakerIds };
  return { kind: 'valid', state, files: estate.files, warnings: sorted, speakerIds };
}

/** A file named both as an optedOutSpeakersFile and as a fraudstersFile is parsed as both (each reports its own problems). */
function isOptOutFile(estate: ParsedEstate, r: FileRef): boolean {
  return estate.models.some((m) => m.domains.some((d) => d.optOutFile !== undefined && refKey(ref(m, d.optOutFile)) === refKey(r)));
}

/** A `true:` key also reads as an unknown key "true" at the same place: the E_KEY_TYPE says it already. */
function withoutEchoesOfKeyTypes(all: readonly Diagnostic[]): Diagnostic[] {
  const at = (d: Diagnostic): string => `${d.file}\u0000${d.line}\u0000${d.col}`;
  const keyTypes = new Set(all.filter((d) => d.code === 'E_KEY_TYPE').map(at));
  return all.filter((d) => d.code === 'E_KEY_TYPE' || !keyTypes.has(at(d)));
}

/** One anchor used by several aliases yields the same problem several times; say it once. */
function dedupe(sorted: readonly Diagnostic[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of sorted) {
    const last = out[out.length - 1];
    if (last && compareDiagnostics(last, d) === 0 && last.severity === d.severity) continue;
    out.push(d);
  }
  return out;
}

/** Loads in-memory files (tests, `export` round trips): opt-out files come from the same map. */
export function loadFromMemory(files: readonly FileBytes[], others: ReadonlyMap<string, Uint8Array> = new Map()): LoadResult {
  const estate = parseEstate(files);
  const reads = new Map<string, ReadResult>();
  for (const f of estate.optOutFiles) {
    const bytes = others.get(f.path);
    reads.set(refKey(f), bytes ? { kind: 'ok', bytes } : { kind: 'error', code: 'E_FILE_NOT_FOUND', message: 'no such file or directory' });
  }
  return completeEstate(estate, reads);
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** The one-line outcome `validate` prints. */
export function summarize(result: LoadResult): string {
  if (result.kind === 'invalid') {
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    const files = new Set(errors.map((d) => d.file)).size;
    return `${plural(errors.length, 'error')} in ${plural(files, 'file')}`;
  }
  const { domains } = result.state;
  const speakers = domains.reduce((n, d) => n + d.optedOutSpeakers.length, 0);
  const watchlists = domains.reduce((n, d) => n + d.watchlists.length, 0);
  const jobs = domains.reduce((n, d) => n + d.enrollmentJobs.length + d.fraudsterRegistrationJobs.length, 0);
  const warn = result.warnings.length > 0 ? ` (${plural(result.warnings.length, 'warning')})` : '';
  return `valid: ${plural(result.files.length, 'file')}, ${plural(domains.length, 'domain')}, ${plural(speakers, 'speaker')} to keep opted out, ${plural(watchlists, 'watchlist')}, ${plural(jobs, 'job')}${warn}`;
}

export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map(formatDiagnostic).join('\n');
}
