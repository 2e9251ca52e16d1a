/**
 * The IAM policies of `voiceid-gitops iam-policy` must grant every call the tool really makes. Rather than trust a
 * list, run the commands against the emulator and compare the operations it served with the roles' actions:
 * plan, export and plan --scan-speakers need only the plan role; apply --wait (with a prune) the apply role.
 */
import { cp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { iamActionsFor } from '../../src/kinds/registry.js';
import { WRITE_OPERATIONS, workspace, type Workspace } from './plan-emulator.js';

/** The emulator counts calls by operation name; IAM names them `service:Operation`. */
function iamAction(operation: string): string {
  if (operation === 'GetResources') return 'tag:GetResources';
  if (operation === 'DescribeKey') return 'kms:DescribeKey';
  return `voiceid:${operation}`;
}

function served(ws: Workspace): string[] {
  const counts = ws.emulator.admin.callCounts();
  return Object.keys(counts)
    .filter((op) => /^[A-Z]/.test(op) && (counts[op] ?? 0) > 0)
    .map(iamAction)
    .sort();
}

const granted = (role: 'plan' | 'apply'): Set<string> => new Set(iamActionsFor(role).map((a) => a.action));

let ws: Workspace;
beforeAll(async () => {
  ws = await workspace({ jobStepMs: 1, kmsUpdateDelayMs: 1 });
  await cp(join(process.cwd(), 'examples/quickstart'), join(ws.dir, 'estate'), { recursive: true });
});
afterAll(async () => ws.close());

describe('IAM policies cover every call the tool makes', () => {
  test('apply --wait, then a prune with --allow-delete, call only actions of the apply role', async () => {
    const applied = await ws.cli(['apply', 'estate', '--auto-approve', '--wait']);
    expect(applied.code).toBe(0);
    // Drop the sales domain and turn pruning on: apply deletes it.
    await rm(join(ws.dir, 'estate/sales.yaml'));
    const support = await readFile(join(ws.dir, 'estate/support.yaml'), 'utf8');
    expect(support).toContain('prune: false');
    await ws.write('estate/support.yaml', support.replace('prune: false', 'prune: true'));
    const pruned = await ws.cli(['apply', 'estate', '--auto-approve', '--allow-delete', '--discovery', 'list']);
    expect(pruned.code).toBe(0);
    const calls = served(ws);
    expect(calls).toContain('voiceid:CreateDomain');
    expect(calls).toContain('voiceid:DeleteDomain');
    expect(calls.filter((a) => !granted('apply').has(a))).toEqual([]);
  });

  test('plan, plan --scan-speakers, plan --refresh and export call only actions of the plan role', async () => {
    ws.emulator.admin.resetCallCounts();
    expect((await ws.cli(['plan', 'estate'])).code).toBe(0);
    expect((await ws.cli(['plan', 'estate', '--refresh'])).code).toBe(0);
    expect((await ws.cli(['plan', 'estate', '--scan-speakers', '--discovery', 'list'])).code).toBe(0);
    expect((await ws.cli(['export', '--stack', 'quickstart', '--include-unmanaged', '--out', join(ws.dir, 'out/x.yaml')])).code).toBe(0);
    const calls = served(ws);
    expect(calls).toContain('voiceid:ListSpeakers');
    expect(calls.filter((a) => !granted('plan').has(a))).toEqual([]);
  });

  test('the write operations refusal tests count are exactly the state-changing Voice ID calls', () => {
    expect([...WRITE_OPERATIONS].sort()).toEqual([
      'AssociateFraudster', 'CreateDomain', 'CreateWatchlist', 'DeleteDomain', 'DeleteFraudster', 'DeleteSpeaker', 'DeleteWatchlist', 'DisassociateFraudster',
      'OptOutSpeaker', 'StartFraudsterRegistrationJob',
      'StartSpeakerEnrollmentJob', 'TagResource', 'UntagResource', 'UpdateDomain', 'UpdateWatchlist',
    ]);
  });
});
