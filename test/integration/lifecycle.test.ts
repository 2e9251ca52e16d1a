/**
 * PLAN.md §12 end to end, through the real SDK clients against one emulator: `protect` recorded on the domain (so a
 * domain removed from the YAML is still refused), `ignoreChanges` against console edits made with a second SDK
 * client, and `--target` on plan, apply and saved plans.
 */
import { DescribeDomainCommand, ListDomainsCommand, ListFraudstersCommand, ListTagsForResourceCommand, ListWatchlistsCommand, TagResourceCommand, UpdateDomainCommand, VoiceIDClient } from '@aws-sdk/client-voice-id';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { ENV, changeList, owner, workspace, writeCalls } from './plan-emulator.js';
import type { Workspace } from './plan-emulator.js';

const PROTECT_TAG = 'voiceid-gitops:protect';

let ws: Workspace;
let console_: VoiceIDClient;
beforeAll(async () => {
  ws = await workspace();
  // A second client, as someone working in the AWS console would use.
  console_ = new VoiceIDClient({ endpoint: ws.emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: ENV.AWS_ACCESS_KEY_ID, secretAccessKey: ENV.AWS_SECRET_ACCESS_KEY } });
});
beforeEach(() => ws.emulator.admin.reset());
afterAll(async () => {
  console_.destroy();
  await ws.close();
});

const domainYaml = (key: string, extra = '') => `  ${key}:\n    kmsKeyId: alias/voiceid\n    description: ${key} line\n    tags: { team: cc }\n${extra}`;
const stack = (domains: string, prune = true) => `version: 1\nstack: prod\nprune: ${prune}\ndomains:\n${domains}`;
const noDomains = 'version: 1\nstack: prod\nprune: true\ndomains: {}\n';

async function liveDomains() {
  const ids = ((await console_.send(new ListDomainsCommand({}))).DomainSummaries ?? []).filter((d) => d.DomainStatus !== 'SUSPENDED').map((d) => d.DomainId!);
  return Promise.all(ids.map(async (id) => (await console_.send(new DescribeDomainCommand({ DomainId: id }))).Domain!));
}

async function tagsOf(arn: string): Promise<Record<string, string>> {
  const tags = (await console_.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags ?? [];
  return Object.fromEntries(tags.map((t) => [t.Key!, t.Value!]));
}

async function applied(yaml: string, extra: readonly string[] = []): Promise<void> {
  await ws.write('stack/main.yaml', yaml);
  const r = await ws.cli(['apply', 'stack', '--auto-approve', ...extra]);
  expect(r.code, r.stdout + r.stderr).toBe(0);
}

describe('protect', () => {
  test('a protected domain removed from the YAML is refused with E_PROTECTED, even with prune and --allow-delete; protect: false then removal deletes it', async () => {
    await applied(stack(domainYaml('support', '    protect: true\n')));
    const [domain] = await liveDomains();
    expect((await tagsOf(domain!.Arn!))[PROTECT_TAG]).toBe('true');
    // The export of a protected domain declares it protected, so planning the backup changes nothing.
    expect((await ws.cli(['export', '--stack', 'prod', '--out', 'backup/prod.yaml'])).code).toBe(0);
    const exported = await ws.cli(['plan', 'backup/prod.yaml', '--detailed-exitcode']);
    expect(exported.code, exported.stdout).toBe(0);

    await ws.write('stack/main.yaml', noDomains);
    const plan = await ws.cli(['plan', 'stack']);
    expect(plan.code).toBe(1);
    expect(plan.stdout).toContain(`error E_PROTECTED domain.support: domain ${domain!.DomainId!} ("support") is protected`);
    ws.emulator.admin.resetCallCounts();
    const apply = await ws.cli(['apply', 'stack', '--auto-approve', '--allow-delete']);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain('error PLAN_HAS_ERRORS: the plan has 1 error(s) and cannot be applied; first: E_PROTECTED');
    // Targeting the domain itself does not get round it either.
    expect((await ws.cli(['apply', 'stack', '--auto-approve', '--allow-delete', '--target', 'domain.support'])).code).toBe(1);
    expect(writeCalls(ws.emulator)).toBe(0);
    expect(await liveDomains()).toHaveLength(1);

    await applied(stack(domainYaml('support', '    protect: false\n')));
    expect((await tagsOf(domain!.Arn!))[PROTECT_TAG]).toBeUndefined();
    await applied(noDomains, ['--allow-delete']);
    expect(await liveDomains()).toEqual([]);
  });

  test('a saved plan that deletes a domain protected since it was saved fails with E_PROTECTED and deletes nothing', async () => {
    await applied(stack(domainYaml('support')));
    await ws.write('stack/main.yaml', noDomains);
    expect((await ws.cli(['plan', 'stack', '--out', 'plan.json'])).code).toBe(0);
    const [domain] = await liveDomains();
    await console_.send(new TagResourceCommand({ ResourceArn: domain!.Arn!, Tags: [{ Key: PROTECT_TAG, Value: 'true' }] }));
    ws.emulator.admin.resetCallCounts();
    const r = await ws.cli(['apply', '--plan', 'plan.json', '--auto-approve', '--allow-delete']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error E_PROTECTED: domain ${domain!.DomainId!} ("support") is protected`);
    expect(writeCalls(ws.emulator)).toBe(0);
    expect(await liveDomains()).toHaveLength(1);
  });
});

describe('ignoreChanges', () => {
  test('console edits of ignored attributes plan nothing, and the next UpdateDomain sends the live value of the ignored description', async () => {
    const ignoring = (name: string) => stack(`  support:\n    name: ${name}\n    kmsKeyId: alias/voiceid\n    description: from the YAML\n    ignoreChanges: [description, "tags.owner"]\n    tags: { team: cc, owner: alice }\n`);
    await applied(ignoring('support'));
    const [domain] = await liveDomains();
    expect(domain!.Description).toBe('from the YAML');
    await console_.send(new UpdateDomainCommand({ DomainId: domain!.DomainId!, Name: 'support', Description: 'edited in the console', ServerSideEncryptionConfiguration: { KmsKeyId: domain!.ServerSideEncryptionConfiguration!.KmsKeyId! } }));
    await console_.send(new TagResourceCommand({ ResourceArn: domain!.Arn!, Tags: [{ Key: 'owner', Value: 'bob' }] }));

    const plan = await ws.cli(['plan', 'stack', '--format', 'json', '--detailed-exitcode']);
    expect(plan.code).toBe(0);
    expect(changeList(plan.stdout)).toEqual([]);

    await ws.write('stack/main.yaml', ignoring('support-main'));
    const renamed = await ws.cli(['plan', 'stack', '--format', 'json']);
    expect(changeList(renamed.stdout)).toEqual(['domain.support update', 'domain.support.applied-record update']);
    const update = (JSON.parse(renamed.stdout) as { changes: { operations: { input: Record<string, unknown> }[]; changedOutside?: string[] }[] }).changes[0]!;
    expect(update.operations[0]!.input['Description']).toBe('edited in the console');
    expect(update.changedOutside).toBeUndefined();
    ws.emulator.admin.resetCallCounts();
    await applied(ignoring('support-main'));
    expect(ws.emulator.admin.callCounts()['UpdateDomain']).toBe(1);
    const [after] = await liveDomains();
    expect([after!.Name, after!.Description]).toEqual(['support-main', 'edited in the console']);
    expect((await tagsOf(after!.Arn!))['owner']).toBe('bob');
  });
});

describe('--target', () => {
  const two = (team: string) => stack(`${domainYaml('a').replace('team: cc', `team: ${team}`)}${domainYaml('b').replace('team: cc', `team: ${team}`)}`);

  test('plan and apply --target change only the target; a saved targeted plan is applied only with its own targets', async () => {
    await applied(two('cc'));
    await ws.write('stack/main.yaml', two('new'));
    const plan = await ws.cli(['plan', 'stack', '--target', 'domain.a.tags', '--format', 'json']);
    expect(changeList(plan.stdout)).toEqual(['domain.a.tags update', 'domain.a.applied-record update']);
    expect((JSON.parse(plan.stdout) as { targets: string[] }).targets).toEqual(['domain.a.tags']);
    expect((await ws.cli(['plan', 'stack', '--target', 'domain.a.tags'])).stdout).toContain('warning W_TARGETED: resource targeting is in effect (--target domain.a.tags)');

    expect((await ws.cli(['plan', 'stack', '--target', 'domain.a.tags', '--out', 'plan.json'])).code).toBe(0);
    ws.emulator.admin.resetCallCounts();
    const other = await ws.cli(['apply', '--plan', 'plan.json', '--target', 'domain.b', '--auto-approve']);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('error PLAN_OTHER_TARGETS: plan.json was made with --target domain.a.tags, not with --target domain.b; nothing was changed');
    expect(writeCalls(ws.emulator)).toBe(0);
    const ok = await ws.cli(['apply', '--plan', 'plan.json', '--auto-approve']);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toContain('Verified: live state matches the desired state.');
    const teams = await Promise.all((await liveDomains()).map(async (d) => [d.Name, (await tagsOf(d.Arn!))['team']]));
    expect(teams.sort()).toEqual([['a', 'new'], ['b', 'cc']]);
    // The untargeted domain is still to do: a whole plan shows it, and nothing else.
    expect(changeList((await ws.cli(['plan', 'stack', '--format', 'json'])).stdout)).toEqual(['domain.b.tags update', 'domain.b.applied-record update']);
  });

  test('a targeted watchlist delete brings the members change that empties it: apply succeeds and the re-plan is empty (R12.4, R16.4)', async () => {
    const seeded = await ws.emulator.admin.seed({ domains: [{ name: 'support', description: 'support line', tags: { ...owner('prod', 'support'), team: 'cc' }, watchlists: [{ name: 'high-risk' }, { name: 'old-ring' }], fraudsters: [{ watchlists: ['old-ring'] }] }] });
    const fraudster = seeded.fraudsterIds[0]![0]!;
    const watchlists = (oldRing: boolean) => `    watchlists:\n      high-risk: { fraudsters: ${oldRing ? '[]' : `["${fraudster}"]`} }\n${oldRing ? `      old-ring: { fraudsters: ["${fraudster}"] }\n` : ''}`;
    await applied(stack(domainYaml('support', watchlists(true))));
    await ws.write('stack/main.yaml', stack(domainYaml('support', watchlists(false))));
    const p = await ws.cli(['plan', 'stack', '--target', 'domain.support.watchlist.old-ring', '--format', 'json', '--out', 'plan.json']);
    expect(p.code, p.stderr).toBe(0);
    expect(changeList(p.stdout)).toEqual(['domain.support.watchlist.old-ring delete', 'domain.support.watchlist-members update']);
    const ok = await ws.cli(['apply', '--plan', 'plan.json', '--auto-approve']);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    const domainId = seeded.domainIds[0]!;
    const names = ((await console_.send(new ListWatchlistsCommand({ DomainId: domainId }))).WatchlistSummaries ?? []).map((w) => w.Name).sort();
    expect(names).toEqual(['Default', 'high-risk']);
    const [f] = (await console_.send(new ListFraudstersCommand({ DomainId: domainId }))).FraudsterSummaries ?? [];
    expect(f?.WatchlistIds).toEqual([seeded.watchlistIds[0]!['high-risk']]);
    expect(changeList((await ws.cli(['plan', 'stack', '--format', 'json'])).stdout)).toEqual([]);
  });

  test('a target that names nothing lists the valid addresses; a malformed one is refused before anything is read', async () => {
    await ws.write('stack/main.yaml', two('cc'));
    const unknown = await ws.cli(['plan', 'stack', '--target', 'domain.c']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('error E_TARGET_UNKNOWN: --target domain.c names no resource of stack "prod"; valid addresses: domain.a, domain.a.opt-outs, domain.a.tags, domain.a.watchlist-members, domain.b, domain.b.opt-outs, domain.b.tags, domain.b.watchlist-members; nothing was changed');
    expect(unknown.stderr).toMatch(/hint: for example `voiceid-gitops plan stack --endpoint-url http:\/\/127\.0\.0\.1:\d+ --target domain\.a`/);
    const bad = await ws.cli(['plan', 'stack', '--target', 'support.tags']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('error E_TARGET_INVALID: --target "support.tags" is not a resource address: use domain.KEY, domain.KEY.tags,');
    expect(bad.stderr).not.toContain('Reading live state');
  });
});
