/**
 * A checkout of this repository as a workflow sees it: action.yml, package.json, specs/, examples/, .github/ and a
 * built dist/ (so the action's install step finds `dist/cli/main.js` and skips `npm ci && npm run build`, as on a
 * job's second use of the action). dist/ is transpiled file by file with the TypeScript compiler (no type check,
 * ~1.5 s) once per test file into a temp directory, never into the shared working tree.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { scratchDir } from './scratch.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

function transpile(srcDir: string, outDir: string): void {
  const compilerOptions: ts.CompilerOptions = { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true };
  for (const file of sourceFiles(srcDir)) {
    const out = ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions, fileName: file });
    const dest = join(outDir, relative(srcDir, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(dest, out.outputText);
  }
}

let built: string | undefined;

/**
 * The package root holding the built dist/ (with package.json, specs and node_modules beside it, which the code
 * reads relative to its own module: symlinked checkouts resolve to this real path).
 */
export function builtPackage(): string {
  if (built !== undefined && existsSync(built)) return built;
  const dir = scratchDir('voiceid-dist-');
  transpile(join(REPO_ROOT, 'src'), join(dir, 'dist'));
  cpSync(join(REPO_ROOT, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(REPO_ROOT, 'specs'), join(dir, 'specs'));
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
  built = dir;
  return dir;
}

/** A new temp directory holding a checkout of this repository (the action, its workflows, the quick start). */
export function newCheckout(): string {
  const pkg = builtPackage();
  const dir = scratchDir('voiceid-checkout-');
  for (const file of ['action.yml', 'package.json']) cpSync(join(REPO_ROOT, file), join(dir, file));
  cpSync(join(REPO_ROOT, 'examples'), join(dir, 'examples'), { recursive: true, filter: (src) => !src.includes(`${join('examples', 'large')}`) });
  cpSync(join(REPO_ROOT, '.github'), join(dir, '.github'), { recursive: true });
  for (const link of ['dist', 'specs', 'node_modules']) symlinkSync(join(pkg, link), join(dir, link));
  return dir;
}
