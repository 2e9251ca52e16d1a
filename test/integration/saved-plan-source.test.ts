/**
 * A saved plan records the YAML PATHs it was made from, relative to the repository root (Plan.source):
 * `apply --plan FILE` without PATHs uses them from any folder of the repository, PATHs naming other files are
 * refused before any call, and every refusal's hint is a complete command to copy.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Plan } from '../../src/model/plan.js';
import { sealPlan } from '../../src/plan/index.js';
import { planValidator } from '../plan/plan-schema.js';
import { owner, workspace, writeCalls, type Workspace } from './plan-emulator.js';

const YAML = `version: 1
stack: prod
domains:
  support:
    kmsKeyId: alias/voiceid
`;

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
  await mkdir(join(ws.dir, '.git'));
  await ws.write('voiceid/prod/main.yaml', YAML);
  await ws.write('voiceid/staging/main.yaml', YAML.replace('prod', 'staging'));
  await mkdir(join(ws.dir, 'ci'));
});
afterEach(async () => ws.close());

const inDir = (dir: string) => ({ cwd: join(ws.dir, dir) });
const readPlan = async (file: string): Promise<Plan> => JSON.parse(await readFile(join(ws.dir, file), 'utf8')) as Plan;

describe('the saved plan records what it was made from', () => {
  test('its PATHs relative to the repository root (sorted, once each) and its stack, valid against the plan schema', async () => {
    const r = await ws.cli(['plan', 'prod', './prod/main.yaml', 'prod/', '--out', '../plan.json'], inDir('voiceid'));
    expect(r.code, r.stderr).toBe(0);
    const p = await readPlan('plan.json');
    expect(p.source).toEqual({ paths: ['voiceid/prod', 'voiceid/prod/main.yaml'] });
    expect(p.stack).toBe('prod');
    const validate = planValidator();
    expect(validate(p), JSON.stringify(validate.errors)).toBe(true);
    expect(r.stderr).toContain('apply it with `voiceid-gitops apply --plan ../plan.json --endpoint-url ');
  });

  test('apply --plan FILE without PATHs, run from another folder of the repository, applies the recorded files', async () => {
    expect((await ws.cli(['plan', 'voiceid/prod', '--out', 'plan.json'])).code).toBe(0);
    const r = await ws.cli(['apply', '--plan', '../plan.json', '--auto-approve'], inDir('ci'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Verified: live state matches the desired state.');
    expect(ws.emulator.admin.snapshot().domains).toHaveLength(1);
  });

  test('the same files spelled otherwise are accepted', async () => {
    expect((await ws.cli(['plan', 'voiceid/prod', '--out', 'plan.json'])).code).toBe(0);
    const r = await ws.cli(['apply', './prod/', '--plan', '../plan.json', '--auto-approve'], inDir('voiceid'));
    expect(r.code, r.stderr).toBe(0);
  });

  test('PATHs naming other files are refused before any call, with both commands to copy (PLAN_OTHER_PATHS)', async () => {
    expect((await ws.cli(['plan', 'voiceid/prod', '--out', 'plan.json'])).code).toBe(0);
    const r = await ws.cli(['apply', 'voiceid/staging', '--plan', 'plan.json', '--auto-approve']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error PLAN_OTHER_PATHS: plan.json was made from voiceid/prod, not from voiceid/staging; nothing was changed');
    expect(r.stderr).toContain('`voiceid-gitops apply --plan plan.json --endpoint-url ');
    expect(r.stderr).toContain('`voiceid-gitops plan voiceid/staging --endpoint-url ');
    expect(writeCalls(ws.emulator)).toBe(0);
  });

  test('a stale plan\'s hint is the complete plan command of the recorded PATHs (PLAN_STALE)', async () => {
    expect((await ws.cli(['plan', 'voiceid/prod', '--out', 'plan.json'])).code).toBe(0);
    await ws.emulator.admin.seed({ domains: [{ name: 'support', tags: owner('prod', 'support') }] });
    const r = await ws.cli(['apply', '--plan', '../plan.json', '--auto-approve'], inDir('ci'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error PLAN_STALE');
    expect(r.stderr).toMatch(/hint: plan again with `voiceid-gitops plan \.\.\/voiceid\/prod --endpoint-url http:\/\/127\.0\.0\.1:\d+ --out \.\.\/plan\.json`, review it, then run `voiceid-gitops apply --plan \.\.\/plan\.json --endpoint-url /);
  });

  test('a plan that records no PATHs (an older version\'s) needs them on the command line (PLAN_NO_PATHS)', async () => {
    expect((await ws.cli(['plan', 'voiceid/prod', '--out', 'plan.json'])).code).toBe(0);
    const { integrity: _i, source: _s, ...rest } = await readPlan('plan.json');
    await writeFile(join(ws.dir, 'plan.json'), JSON.stringify(sealPlan(rest)));
    const refused = await ws.cli(['apply', '--plan', 'plan.json', '--auto-approve']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error PLAN_NO_PATHS');
    expect(refused.stderr).toMatch(/hint: plan again with `voiceid-gitops plan --endpoint-url \S+ --out plan\.json`, review it, then run `voiceid-gitops apply --plan plan\.json --endpoint-url \S+`/);
    expect(writeCalls(ws.emulator)).toBe(0);
  });

  test('a missing plan file\'s hint is the command that saves it (PLAN_NOT_FOUND)', async () => {
    const r = await ws.cli(['apply', 'voiceid/prod', '--plan', 'nope.json', '--auto-approve']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/hint: save one with `voiceid-gitops plan voiceid\/prod --endpoint-url \S+ --out nope\.json`/);
  });
});
