/**
 * `--scan-speakers`: opt-out is one-way (CONTRACT §4), so an id removed from the YAML is a warning, never a change;
 * the reader only sees such ids when it lists the whole domain. CLI in-process, real SDK clients, the emulator.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { owner, workspace, type Workspace } from './plan-emulator.js';
import { KEY_ARN } from './plan-emulator.js';

const YAML = `version: 1
stack: cc
region: us-east-1
domains:
  support:
    kmsKeyId: ${KEY_ARN}
    tags: { team: cc }
    optedOutSpeakers: [customer-0001]
`;

/** Live: the declared id opted out, one id the YAML no longer declares still opted out, one enrolled speaker. */
const LIVE = {
  name: 'support',
  tags: { ...owner('cc', 'support'), team: 'cc' },
  speakers: [
    { customerSpeakerId: 'customer-0001', status: 'OPTED_OUT' as const },
    { customerSpeakerId: 'customer-0009', status: 'OPTED_OUT' as const },
    { customerSpeakerId: 'customer-0100', status: 'ENROLLED' as const },
  ],
};

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
  await ws.emulator.admin.seed({ domains: [LIVE] });
  await ws.write('estate/support.yaml', YAML);
});
afterEach(async () => ws.close());

const warningCodes = (json: string): string[] => (JSON.parse(json) as { warnings: { code: string }[] }).warnings.map((w) => w.code);

describe('plan --scan-speakers', () => {
  test('without the flag, only declared ids are read and no one-way warning can appear', async () => {
    const r = await ws.cli(['plan', 'estate', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(warningCodes(r.stdout)).toEqual([]);
    expect(ws.emulator.admin.callCounts()['ListSpeakers'] ?? 0).toBe(0);
  });

  test('with the flag, an opted-out id no longer declared is a masked warning and not a change', async () => {
    const r = await ws.cli(['plan', 'estate', '--scan-speakers', '--detailed-exitcode']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 opted-out speaker(s) are no longer declared; opt-out is one-way, so they stay opted out');
    expect(r.stdout).not.toContain('customer-0009');
    expect(r.stdout).toContain('No changes.');
    const json = await ws.cli(['plan', 'estate', '--scan-speakers', '--format', 'json']);
    expect(warningCodes(json.stdout)).toEqual(['W_OPT_OUT_ONE_WAY']);
  });

  test('a plan saved with the flag is not stale to apply, which re-reads without it', async () => {
    await ws.write('estate/support.yaml', YAML.replace('team: cc', 'team: contact-center'));
    const out = join(ws.dir, 'plan.json');
    const planned = await ws.cli(['plan', 'estate', '--scan-speakers', '--out', out]);
    expect(planned.code).toBe(0);
    const applied = await ws.cli(['apply', 'estate', '--plan', out, '--auto-approve']);
    expect(applied.stderr).not.toContain('PLAN_STALE');
    expect(applied.code).toBe(0);
    expect((await ws.cli(['plan', 'estate', '--detailed-exitcode'])).code).toBe(0);
  });
});
