/**
 * The validators the build precompiles (src/constraints/compiled-schema.ts, scripts/precompile-schemas.mjs): the built
 * dist/ uses them, they report exactly what the schema compiled at run time reports (the golden corpus through
 * dist/'s own loadDesired), and a schema that no longer matches the precompiled file is compiled afresh.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/built-cli.js';
import type * as CompiledSchema from '../../src/constraints/compiled-schema.js';
import type * as Config from '../../src/config/index.js';
import type * as Schema from '../../src/config/schema.js';
import type * as PlanSchema from '../../src/apply/plan-schema.js';

const dist = async <T>(path: string): Promise<T> => (await import(pathToFileURL(join(REPO_ROOT, 'dist', path)).href)) as T;
const compiled = await dist<typeof CompiledSchema>('constraints/compiled-schema.js');
const { desiredStateSchemaSpec } = await dist<typeof Schema>('config/schema.js');
const { planSchemaSpec } = await dist<typeof PlanSchema>('apply/plan-schema.js');

describe('precompiled schema validators', () => {
  it('the build wrote one for the desired-state schema and one for the plan schema, matching them', () => {
    expect(compiled.hasPrecompiled(desiredStateSchemaSpec())).toBe(true);
    expect(compiled.hasPrecompiled(planSchemaSpec())).toBe(true);
  });

  it('the built loadDesired reports every golden case exactly as reviewed', async () => {
    const { formatDiagnostics, loadDesired, summarize } = await dist<typeof Config>('config/index.js');
    const corpus = fileURLToPath(new URL('./corpus', import.meta.url));
    const cases = readdirSync(corpus).sort();
    expect(cases.length).toBeGreaterThanOrEqual(40);
    for (const name of cases) {
      const result = await loadDesired(['.'], { cwd: join(corpus, name) });
      const diagnostics = result.kind === 'valid' ? result.warnings : result.diagnostics;
      expect(`${formatDiagnostics(diagnostics)}\n${summarize(result)}\n`, name).toBe(readFileSync(join(corpus, name, 'expected.txt'), 'utf8'));
    }
  });

  it('a schema that differs from the precompiled one is not validated with the old rules', () => {
    const spec = desiredStateSchemaSpec();
    const stricter = { ...spec, schema: { ...spec.schema, required: [...(spec.schema.required as string[]), 'region'] } };
    expect(compiled.hasPrecompiled(stricter)).toBe(false);
    const doc = { version: 1, stack: 'demo', domains: {} };
    expect(compiled.validatorFor(spec)(doc)).toBe(true);
    const validate = compiled.validatorFor(stricter);
    expect(validate(doc)).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ keyword: 'required', params: { missingProperty: 'region' } });
  });
});
