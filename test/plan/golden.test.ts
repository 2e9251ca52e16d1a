/**
 * Golden plans: each test/fixtures/<case>/ holds a desired state (desired.yaml, loaded by the real loader, or
 * desired.json), a LiveState (live.json), optionally plan options (options.json) and the reviewed expectations
 * plan.txt, plan.md and plan.json.
 * `UPDATE_GOLDEN=1 npx vitest run test/plan/golden.test.ts` rewrites them; review every diff before committing.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDesiredState } from '../../src/config/load-desired.js';
import type { DesiredState } from '../../src/model/desired.js';
import type { LiveState } from '../../src/model/live.js';
import { redactor } from '../../src/model/sensitive.js';
import { plan, type PlanOptions } from '../../src/plan/index.js';
import { render, serializePlan } from '../../src/render/index.js';
import { planValidator } from './plan-schema.js';

const ROOT = join(import.meta.dirname, '..', 'fixtures');
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const cases = readdirSync(ROOT, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

async function desiredOf(dir: string): Promise<DesiredState> {
  if (existsSync(join(dir, 'desired.yaml'))) return loadDesiredState(['desired.yaml'], { cwd: dir });
  return JSON.parse(readFileSync(join(dir, 'desired.json'), 'utf8')) as DesiredState;
}

/** A missing golden file fails (a new case is reviewed, not silently accepted); UPDATE_GOLDEN=1 writes it. */
function golden(dir: string, file: string, actual: string): void {
  const path = join(dir, file);
  if (UPDATE) writeFileSync(path, actual);
  if (!existsSync(path)) expect.fail(`${path} is missing: write it with UPDATE_GOLDEN=1 and review it`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('golden plans', () => {
  it('has at least 30 fixture cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  for (const name of cases) {
    it(`renders the reviewed plan for fixture ${name}`, async () => {
      const dir = join(ROOT, name);
      const live = JSON.parse(readFileSync(join(dir, 'live.json'), 'utf8')) as LiveState;
      // options.json: plan options of the case (e.g. `targets`, PLAN.md R12.4).
      const options = existsSync(join(dir, 'options.json')) ? (JSON.parse(readFileSync(join(dir, 'options.json'), 'utf8')) as PlanOptions) : {};
      const p = plan(await desiredOf(dir), live, options);
      const masked = redactor(false);
      golden(dir, 'plan.txt', render(p, { format: 'text', redactor: masked, color: false }));
      golden(dir, 'plan.md', render(p, { format: 'markdown', redactor: masked }));
      golden(dir, 'plan.json', serializePlan(p));
      const validate = planValidator();
      expect(validate(JSON.parse(serializePlan(p))), JSON.stringify(validate.errors)).toBe(true);
    });
  }
});
