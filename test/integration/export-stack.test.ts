/**
 * Which stack `export` exports when --stack is not given, and an export that finds nothing: real SDK clients
 * against the emulator. Several stacks: an error naming them, with a command for each, and nothing written; one
 * stack: that one, said on stderr; PATH: the stack of its YAML; --stack nosuch: says so, writes nothing.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { owner, workspace, type Workspace } from './plan-emulator.js';

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => ws.close());

const seedStacks = (...stacks: string[]) => ws.emulator.admin.seed({ domains: stacks.map((s, i) => ({ name: `d${i}`, tags: owner(s, `k${i}`) })) });

describe('export without --stack', () => {
  test('several stacks: names them and asks for one, a complete command each, nothing written', async () => {
    await seedStacks('billing', 'support', 'support');
    const r = await ws.cli(['export', '--out', 'backup.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error E_EXPORT_STACK_REQUIRED: export needs a stack: found stacks "billing" (1 domain), "support" (2 domains) in us-east-1; nothing was written');
    expect(r.stderr).toMatch(/hint: pick one: `voiceid-gitops export --stack billing --endpoint-url http:\/\/127\.0\.0\.1:\d+ --out backup\.yaml`, `voiceid-gitops export --stack support /);
    expect(existsSync(join(ws.dir, 'backup.yaml'))).toBe(false);
  });

  test('one stack: exports it and says which', async () => {
    await seedStacks('support');
    const r = await ws.cli(['export']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Exporting stack "support", the only one found in us-east-1');
    expect(r.stdout).toContain('stack: support');
  });

  test('no managed domain at all: says so and points at --include-unmanaged for the unmanaged ones', async () => {
    await ws.emulator.admin.seed({ domains: [{ name: 'by-hand' }] });
    const r = await ws.cli(['export']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error E_EXPORT_EMPTY: found no domain managed by voiceid-gitops in us-east-1; nothing was written');
    expect(r.stderr).toContain('1 domain no stack manages: `voiceid-gitops export --include-unmanaged --endpoint-url ');
  });

  test('PATH: takes the stack of its YAML', async () => {
    await seedStacks('billing', 'support');
    await ws.write('voiceid/support.yaml', 'version: 1\nstack: support\ndomains: {}\n');
    const r = await ws.cli(['export', 'voiceid']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('stack: support');
    expect(r.stdout).not.toContain('billing');
  });

  test('PATH and a --stack that disagrees: refused before any call', async () => {
    await ws.write('voiceid/support.yaml', 'version: 1\nstack: support\ndomains: {}\n');
    ws.emulator.admin.resetCallCounts();
    const r = await ws.cli(['export', 'voiceid', '--stack', 'billing']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error E_OTHER_STACK');
    expect(Object.keys(ws.emulator.admin.callCounts())).toEqual([]);
  });
});

test('--stack nosuch: says the stack has no domain, names the stacks found, writes nothing', async () => {
  await seedStacks('billing', 'support');
  const r = await ws.cli(['export', '--stack', 'nosuch', '--out', 'backup.yaml']);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('error E_EXPORT_EMPTY: stack "nosuch" has no ACTIVE domain in us-east-1; nothing was written');
  expect(r.stderr).toMatch(/hint: stacks found: `voiceid-gitops export --stack billing [^`]*--out backup\.yaml`, `voiceid-gitops export --stack support /);
  expect(existsSync(join(ws.dir, 'backup.yaml'))).toBe(false);
});
