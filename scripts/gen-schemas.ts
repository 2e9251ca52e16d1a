/**
 * Writes the shipped JSON Schemas from their one definition (src/model/schema/*.ts, TypeBox):
 * specs/desired-state.schema.json (the YAML format, for editors and the loader) and specs/plan.schema.json (saved
 * plans, checked by `apply --plan`).
 *
 * Usage: tsx scripts/gen-schemas.ts           (write the files)
 *        tsx scripts/gen-schemas.ts --check   (exit 1, naming them, if a committed file differs from its definition)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { desiredStateSchemaDocument } from '../src/model/schema/desired-state.js';
import { planSchemaDocument } from '../src/model/schema/plan.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Repository-relative path -> the exact text the file must have. */
export function generatedSchemas(): ReadonlyMap<string, string> {
  return new Map([
    ['specs/desired-state.schema.json', asJson(desiredStateSchemaDocument)],
    ['specs/plan.schema.json', asJson(planSchemaDocument)],
  ]);
}

/** JSON.stringify drops TypeBox's symbol-keyed markers, so the text is plain JSON Schema. */
function asJson(doc: unknown): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** The generated files under `root` whose text is not what their definition gives (missing ones included). */
export function staleSchemas(root: string = REPO_ROOT): string[] {
  const stale: string[] = [];
  for (const [file, text] of generatedSchemas()) {
    let current: string | undefined;
    try {
      current = readFileSync(path.join(root, file), 'utf8');
    } catch {
      current = undefined;
    }
    if (current !== text) stale.push(file);
  }
  return stale;
}

export function writeSchemas(root: string = REPO_ROOT): void {
  for (const [file, text] of generatedSchemas()) writeFileSync(path.join(root, file), text);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    const stale = staleSchemas();
    if (stale.length > 0) {
      console.error(`out of date: ${stale.join(', ')}: run \`npm run gen:schemas\` and commit the result`);
      process.exit(1);
    }
    console.log('generated schemas are up to date');
  } else {
    writeSchemas();
    console.log(`wrote ${[...generatedSchemas().keys()].join(', ')}`);
  }
}
