/**
 * dist/ for the tests: every source file of tsconfig.build.json through `ts.transpileModule`, TypeScript's own
 * emitter with that config's options. The project compiles with `isolatedModules` and `verbatimModuleSyntax`, so
 * a file's JavaScript depends on that file alone, and this is byte for byte what `tsc -p tsconfig.build.json`
 * emits (.ci/run checks it: scripts/check-test-build.ts). What it leaves out: the type check (`npm run typecheck`,
 * CI and integrate.sh do it) and the .d.ts files (no test reads them; `npm run build` writes them).
 * A file whose source, compiler options and TypeScript version hash as at the last build is not emitted again
 * (manifest in node_modules/.cache, never packed); a .js in dist/ whose source is gone is removed, so a deleted
 * module cannot hide behind its stale output.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from '../helpers/built-cli.js';

const MANIFEST = join(REPO_ROOT, 'node_modules', '.cache', 'voiceid-gitops-test-dist.json');

interface Manifest {
  readonly key: string;
  readonly files: Record<string, string>;
}

/** tsconfig.build.json as tsc reads it; `module` ESNext because transpileModule cannot see package.json's "type". */
function buildConfig(): ts.ParsedCommandLine {
  const host: ts.ParseConfigFileHost = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  };
  const config = ts.getParsedCommandLineOfConfigFile(join(REPO_ROOT, 'tsconfig.build.json'), {}, host);
  if (!config) throw new Error('tsconfig.build.json could not be read');
  return config;
}

function readManifest(key: string): Record<string, string> {
  try {
    const m = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
    return m.key === key ? m.files : {};
  } catch {
    return {};
  }
}

function jsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js')).map((f) => join(dir, f));
}

/** Emits dist/ (or `outDir`) for the tests; returns how many files it wrote. Throws on a syntax error. */
export function transpileDist(outDir?: string): number {
  const config = buildConfig();
  const rootDir = config.options.rootDir ?? join(REPO_ROOT, 'src');
  const out = outDir ?? config.options.outDir ?? join(REPO_ROOT, 'dist');
  const compilerOptions: ts.CompilerOptions = { ...config.options, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, declaration: false, outDir: out };
  const key = createHash('sha256').update(ts.version).update(JSON.stringify(compilerOptions)).digest('hex');
  const before = outDir === undefined ? readManifest(key) : {};
  const files: Record<string, string> = {};
  const problems: string[] = [];
  const expected = new Set<string>();
  let written = 0;
  for (const file of config.fileNames) {
    const source = readFileSync(file, 'utf8');
    const dest = join(out, relative(rootDir, file)).replace(/\.ts$/, '.js');
    const hash = createHash('sha256').update(source).digest('hex');
    expected.add(dest);
    files[file] = hash;
    if (before[file] === hash && existsSync(dest)) continue;
    const result = ts.transpileModule(source, { compilerOptions, fileName: file, reportDiagnostics: true });
    for (const d of result.diagnostics ?? []) problems.push(ts.formatDiagnostic(d, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => REPO_ROOT, getNewLine: () => '\n' }));
    // Unchanged output is not rewritten: a CLI another run spawns meanwhile never reads a half-written file.
    if (existsSync(dest) && readFileSync(dest, 'utf8') === result.outputText) continue;
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(dest, result.outputText);
    written++;
  }
  if (problems.length > 0) {
    rmSync(MANIFEST, { force: true });
    throw new Error(`building dist/ for the tests failed:\n${problems.join('')}`);
  }
  for (const stale of jsFiles(out).filter((f) => !expected.has(f))) {
    rmSync(stale);
    rmSync(stale.replace(/\.js$/, '.d.ts'), { force: true });
  }
  if (outDir === undefined) {
    mkdirSync(dirname(MANIFEST), { recursive: true });
    writeFileSync(MANIFEST, JSON.stringify({ key, files } satisfies Manifest));
  }
  return written;
}
