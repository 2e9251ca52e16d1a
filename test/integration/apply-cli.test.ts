/**
 * `apply` through the CLI (in-process, real SDK clients against an in-process emulator via --endpoint-url):
 * approval, saved plans and every refusal, each refusal proven to change nothing.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Plan } from '../../src/model/plan.js';
import { DescribeDomainCommand, ListDomainsCommand, UpdateDomainCommand, VoiceIDClient } from '@aws-sdk/client-voice-id';
import { ENV, expectRefused, owner, supportStack, workspacePerTest, writeCalls } from './plan-emulator.js';
import { applySaved, resealPlan, savePlan } from './saved-plan.js';
import { planValidator } from '../plan/plan-schema.js';

const YAML = supportStack(['customer-0001', 'customer-0002'], '    watchlists:\n      high-risk: { description: Rings }\n');

const ws = workspacePerTest({ 'stack/main.yaml': YAML });

const writes = (): number => writeCalls(ws.emulator);
/** A stack that prunes: the live domain `old` of stack prod is not in the YAML any more. */
async function pruningOld(): Promise<void> {
  await ws.emulator.admin.seed({ domains: [{ name: 'old', tags: owner('prod', 'old') }] });
  await ws.write('stack/main.yaml', YAML.replace('stack: prod', 'stack: prod\nprune: true'));
}

describe('apply approval', () => {
  test('refuses without a TTY and without --auto-approve, changing nothing', async () => {
    expectRefused(ws, await ws.cli(['apply', 'stack']), { error: 'APPROVAL_REQUIRED' });
  });

  test('applies after "yes" typed on a TTY and verifies the result', async () => {
    const questions: string[] = [];
    const r = await ws.cli(['apply', 'stack'], { stdinIsTTY: true, prompt: async (q) => (questions.push(q), 'yes') });
    expect(questions).toHaveLength(1);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Apply complete: 4 applied, 0 failed, 0 skipped, 0 interrupted.');
    expect(r.stdout).toContain('Verified: live state matches the desired state.');
  });

  test('any other answer cancels with exit 1 and no change', async () => {
    const r = await ws.cli(['apply', 'stack'], { stdinIsTTY: true, prompt: async () => 'y' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Apply cancelled');
    expect(writes()).toBe(0);
  });

  test('Ctrl-C at the prompt (no answer) prints "Apply cancelled" on a line of its own, not after the question', async () => {
    let terminal = '';
    const r = await ws.cli(['apply', 'stack'], {
      stdinIsTTY: true,
      stderr: (t) => void (terminal += t),
      // main.ts's prompt writes the question to stderr and resolves undefined on Ctrl-C / closed input.
      prompt: async (q) => void (terminal += q),
    });
    expect(r.code).toBe(1);
    expect(terminal).toContain('Only "yes" will be accepted: \nApply cancelled: nothing was changed.\n');
    expect(writes()).toBe(0);
  });

  test('never prints a customer speaker id unmasked', async () => {
    const r = await ws.cli(['apply', 'stack', '--auto-approve']);
    expect(r.code).toBe(0);
    expect(`${r.stdout}${r.stderr}`).not.toContain('customer-0001');
  });

  test('a second apply finds nothing to do and makes no write call', async () => {
    await ws.cli(['apply', 'stack', '--auto-approve']);
    ws.emulator.admin.resetCallCounts();
    const r = await ws.cli(['apply', 'stack', '--auto-approve']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No changes.');
    expect(writes()).toBe(0);
  });
});

describe('apply --plan FILE', () => {
  test('plan --out saves a plan sealed with its integrity digest that still matches the plan schema', async () => {
    const p = await savePlan(ws);
    // The digest as APPLY.md A1.3 states it, computed here: sha256 of the plan without `integrity`, keys sorted,
    // no spaces (`jq -S -c 'del(.integrity)' plan.json | tr -d '\n' | sha256sum`).
    const canonical = (v: unknown): string =>
      Array.isArray(v) ? `[${v.map(canonical).join(',')}]`
      : v !== null && typeof v === 'object' ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`
      : JSON.stringify(v);
    const { integrity, ...content } = p;
    expect(integrity).toBe(createHash('sha256').update(canonical(content)).digest('hex'));
    const validate = planValidator();
    expect(validate(p), JSON.stringify(validate.errors)).toBe(true);
  });

  test('applies exactly the saved plan when nothing changed since', async () => {
    await savePlan(ws);
    const r = await applySaved(ws);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Verified: live state matches the desired state.');
  });

  test('refuses a plan whose live state changed since (PLAN_STALE naming what differs), changing nothing', async () => {
    await savePlan(ws);
    await ws.emulator.admin.seed({ domains: [{ name: 'support', tags: owner('prod', 'support') }] });
    ws.emulator.admin.resetCallCounts();
    // The seeded domain is now this stack's: a fresh plan updates it where the saved one created it.
    expectRefused(ws, await applySaved(ws), {
      error: 'PLAN_STALE: the saved plan is not what the same YAML and live Voice ID state plan now',
      says: ['changes[domain.support].action'],
    });
  });

  test('refuses a plan whose domain was changed out of band with the SDK since (PLAN_STALE naming the change), changing nothing', async () => {
    expect((await ws.cli(['apply', 'stack', '--auto-approve'])).code).toBe(0);
    await ws.write('stack/main.yaml', YAML.replace('team: cc', 'team: ops'));
    await savePlan(ws);
    const client = new VoiceIDClient({ endpoint: ws.emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: ENV.AWS_ACCESS_KEY_ID, secretAccessKey: ENV.AWS_SECRET_ACCESS_KEY } });
    const id = (await client.send(new ListDomainsCommand({}))).DomainSummaries![0]!.DomainId!;
    const d = (await client.send(new DescribeDomainCommand({ DomainId: id }))).Domain!;
    await client.send(new UpdateDomainCommand({ DomainId: id, Name: d.Name!, Description: 'edited in the console', ServerSideEncryptionConfiguration: { KmsKeyId: d.ServerSideEncryptionConfiguration!.KmsKeyId! } }));
    client.destroy();
    ws.emulator.admin.resetCallCounts();
    expectRefused(ws, await applySaved(ws), { error: 'PLAN_STALE', says: ['it differs at changes[domain.support] (only in a fresh plan)'], hides: ['edited in the console'] });
  });

  test('refuses a plan made from YAML edited since (PLAN_STALE naming the attribute)', async () => {
    await savePlan(ws);
    await ws.write('stack/main.yaml', YAML.replace('Support line', 'Another line'));
    expectRefused(ws, await applySaved(ws), { error: 'PLAN_STALE', says: ['changes[domain.support].after.description'], hides: ['Another line'] });
  });

  test('refuses a resealed plan that does not match the plan schema (PLAN_INVALID with the first bad path), changing nothing', async () => {
    await resealPlan(ws, (p) => ({ ...p, changes: p.changes.map((c, i) => (i === 0 ? { ...c, kind: 'speaker-group' } : c)) }) as unknown as Plan);
    const r = await applySaved(ws);
    expectRefused(ws, r, { error: 'PLAN_INVALID: plan.json is not a valid saved plan: /changes/0/kind must be equal to one of the allowed values (specs/plan.schema.json)' });
    expect(r.stderr.trim().split('\n').filter((l) => l.includes('error'))).toHaveLength(1);
  });

  test('refuses an altered plan (PLAN_TAMPERED)', async () => {
    const p = await savePlan(ws);
    const altered = { ...p, changes: p.changes.slice(1) };
    await writeFile(join(ws.dir, 'plan.json'), JSON.stringify(altered));
    expectRefused(ws, await applySaved(ws), { error: 'PLAN_TAMPERED' });
  });

  test('refuses a redacted rendering of a plan (PLAN_REDACTED)', async () => {
    const r1 = await ws.cli(['plan', 'stack', '--format', 'json']);
    await writeFile(join(ws.dir, 'shown.json'), r1.stdout);
    expectRefused(ws, await applySaved(ws, 'shown.json'), { error: 'PLAN_REDACTED' });
  });

  test('refuses a plan of another format version (PLAN_VERSION)', async () => {
    await resealPlan(ws, (p) => ({ ...p, formatVersion: 2 }) as unknown as Plan);
    expectRefused(ws, await applySaved(ws), { error: 'PLAN_VERSION' });
  });

  test('refuses a plan of another stack than --stack (PLAN_OTHER_STACK)', async () => {
    await savePlan(ws);
    expectRefused(ws, await applySaved(ws, 'plan.json', '--stack', 'staging'), { error: 'PLAN_OTHER_STACK' });
  });

  test('refuses a saved plan with PATHs of another stack: they are not the recorded ones (PLAN_OTHER_PATHS)', async () => {
    await savePlan(ws);
    await ws.write('other/main.yaml', YAML.replace('stack: prod', 'stack: staging'));
    expectRefused(ws, await ws.cli(['apply', 'other', '--plan', 'plan.json', '--auto-approve']), { error: 'PLAN_OTHER_PATHS' });
  });
});

describe('apply refusals and failures', () => {
  test('refuses a domain deletion without --allow-delete before the first call', async () => {
    await pruningOld();
    ws.emulator.admin.resetCallCounts();
    expectRefused(ws, await ws.cli(['apply', 'stack', '--auto-approve']), { error: 'DELETE_NOT_ALLOWED' });
  });

  test('deletes a pruned domain with --allow-delete and verifies', async () => {
    await pruningOld();
    const r = await ws.cli(['apply', 'stack', '--auto-approve', '--allow-delete']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ domain.old: applied');
    expect(r.stdout).toContain('Verified');
  });

  test('deleting domains on a terminal asks for the stack name: "yes" cancels, changing nothing', async () => {
    await pruningOld();
    ws.emulator.admin.resetCallCounts();
    const questions: string[] = [];
    const r = await ws.cli(['apply', 'stack', '--allow-delete'], { stdinIsTTY: true, prompt: async (q) => (questions.push(q), 'yes') });
    expect(questions).toEqual(['\nThis plan DELETES 1 domain (domain.old) with all their voiceprints: this cannot be undone.\nType the stack name "prod" to perform these actions: ']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Apply cancelled (the stack name "prod" was not typed): nothing was changed.');
    expect(writes()).toBe(0);
  });

  test('deleting domains on a terminal proceeds once the stack name is typed', async () => {
    await pruningOld();
    const r = await ws.cli(['apply', 'stack', '--allow-delete'], { stdinIsTTY: true, prompt: async () => 'prod\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ domain.old: applied');
  });

  test('the stack name does not stand in for --allow-delete', async () => {
    await pruningOld();
    ws.emulator.admin.resetCallCounts();
    const questions: string[] = [];
    const r = await ws.cli(['apply', 'stack'], { stdinIsTTY: true, prompt: async (q) => (questions.push(q), 'prod') });
    expectRefused(ws, r, { error: 'DELETE_NOT_ALLOWED' });
    expect(questions).toEqual([]);
  });

  test('a failed change exits 1 with its reason and the summary, and the rest still runs', async () => {
    ws.emulator.admin.setFaults({ operations: ['CreateWatchlist'], errorRate: 1 });
    const r = await ws.cli(['apply', 'stack', '--auto-approve']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ domain\.support\.watchlist\.high-risk: failed: AWS_SERVICE_ERROR: Voice ID CreateWatchlist failed with HTTP 500 after 10 attempts/);
    expect(r.stdout).toContain('✓ domain.support.opt-outs: applied (2/2 calls)');
    expect(r.stdout).toContain('Apply failed: 3 applied, 1 failed, 0 skipped, 0 interrupted.');
  });
});

describe('apply interrupted (Ctrl-C)', () => {
  test('stops starting calls, reports what was done with exit 1, and a re-run converges', async () => {
    const ids = Array.from({ length: 80 }, (_, i) => `customer-${String(i).padStart(4, '0')}`);
    await ws.write('stack/main.yaml', YAML.replace('[customer-0001, customer-0002]', `[${ids.join(', ')}]`));
    ws.emulator.admin.setFaults({ operations: ['OptOutSpeaker'], latencyMs: 5 });
    const controller = new AbortController();
    const watch = setInterval(() => {
      if ((ws.emulator.admin.callCounts().OptOutSpeaker ?? 0) >= 10) controller.abort(new Error('SIGINT'));
    }, 1);
    const r = await ws.cli(['apply', 'stack', '--auto-approve'], { signal: controller.signal }).finally(() => clearInterval(watch));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/! domain\.support\.opt-outs: interrupted \(\d+\/80 calls\)/);
    expect(r.stdout).toContain('Re-run apply to converge.');
    expect(ws.emulator.admin.callCounts().OptOutSpeaker).toBeLessThan(80);
    ws.emulator.admin.setFaults({});
    const again = await ws.cli(['apply', 'stack', '--auto-approve']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Verified: live state matches the desired state.');
  });

  test('refuses a file that is not a plan (PLAN_INVALID)', async () => {
    await ws.write('plan.json', 'not json');
    expectRefused(ws, await applySaved(ws), { error: 'PLAN_INVALID: plan.json is not a saved plan' });
  });
});
