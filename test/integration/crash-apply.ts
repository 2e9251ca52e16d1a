/**
 * The arrangement of crash-apply-before.test.ts and crash-apply-after.test.ts (one file ran all 21 kills in a row,
 * the suite's second longest). Crash safety (CONTRACT §4, APPLY.md A4.2): the CLI, run as a child process, is SIGKILLed at 20 seeded points of
 * an apply — before a write reaches the service, or after the service acted but before the client saw the answer
 * (CreateDomain included) — then apply is run again. Afterwards: exactly one domain per key, no duplicate
 * watchlist or job, no opt-out repeated beyond what the re-read shows is needed, and an empty re-plan.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { spawnBuiltCli } from '../helpers/built-cli.js';
import { runCli } from '../helpers/cli.js';
import { startKillProxy } from '../apply/kill-proxy.js';
import type { KillPoint } from '../apply/kill-proxy.js';

const ENV = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' };
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`);
const job = 'dataAccessRoleArn: arn:aws:iam::111122223333:role/VoiceIdBatch, inputS3Uri: "s3://voiceid-crash/in.json", outputS3Uri: "s3://voiceid-crash/out/"';
const YAML = `version: 1
stack: crash
domains:
  support:
    description: Support
    kmsKeyId: alias/voiceid-next
    tags: { team: cc, tier: gold }
    optedOutSpeakers: [${ids('sup', 12).join(', ')}]
    watchlists: { high-risk: { description: Rings }, vip: { description: VIPs } }
    enrollmentJobs: { backfill: { ${job}, fraudDetection: { watchlists: [high-risk] } } }
  sales:
    kmsKeyId: alias/voiceid
    tags: { team: sales }
    optedOutSpeakers: [${ids('sal', 8).join(', ')}]
    watchlists: { rings: { description: Rings } }
    fraudsterRegistrationJobs: { known: { ${job}, watchlists: [rings] } }
`;
/** Write calls of a clean run: 1 UpdateDomain, 1 TagResource, 1 UntagResource (support, seeded), 1 CreateDomain
 * (sales), 3 CreateWatchlist, 20 OptOutSpeaker, 2 jobs = 29. */
const CLEAN_WRITES = 29;

/** mulberry32: the kill points are seeded, so a failure reproduces. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = seeded(20261121);
/** Calls of each write operation in a clean run. */
const WRITES_PER_OP: Readonly<Record<string, number>> = {
  CreateDomain: 1, UpdateDomain: 1, TagResource: 1, UntagResource: 1, CreateWatchlist: 3, OptOutSpeaker: 20,
  StartSpeakerEnrollmentJob: 1, StartFraudsterRegistrationJob: 1,
};
// Every write operation before and after the service acted (16 points, the n-th call of each chosen by the seed),
// plus 4 seeded points anywhere among all 29 writes.
export const POINTS: KillPoint[] = [
  ...Object.entries(WRITES_PER_OP).flatMap(([op, n]) =>
    (['before', 'after'] as const).map((phase) => ({ op, k: 1 + Math.floor(random() * n), phase })),
  ),
  ...Array.from({ length: 4 }, (_, i) => ({ k: 1 + Math.floor(random() * CLEAN_WRITES), phase: i % 2 === 0 ? ('after' as const) : ('before' as const) })),
];

async function seedSupport(emu: RunningEmulator): Promise<void> {
  await emu.admin.seed({
    domains: [{ name: 'support', description: 'Old', tags: { 'voiceid-gitops:stack': 'crash', 'voiceid-gitops:key': 'support', team: 'old', stale: 'x' }, speakers: [{ customerSpeakerId: 'sup-000', status: 'ENROLLED' }] }],
  });
}

function runChild(dir: string, endpoint: string): { child: ReturnType<typeof spawnBuiltCli>; exited: Promise<number | null> } {
  const child = spawnBuiltCli(['apply', dir, '--endpoint-url', endpoint, '--auto-approve', '--quota-scale', '0'], {
    env: { ...process.env, ...ENV },
    stdio: 'ignore',
  });
  return { child, exited: new Promise((res) => child.on('exit', (code) => res(code))) };
}

interface Counted {
  readonly domainsPerKey: Record<string, number>;
  readonly watchlists: string[];
  readonly jobs: string[];
}

function count(emu: RunningEmulator): Counted {
  const snap = emu.admin.snapshot() as unknown as { domains: { status: string; tags: Record<string, string>; watchlists: { name: string }[]; jobs: { jobName?: string }[] }[] };
  const perKey: Record<string, number> = {};
  const watchlists: string[] = [];
  const jobs: string[] = [];
  for (const d of snap.domains) {
    if (d.status === 'SUSPENDED') continue;
    const key = d.tags['voiceid-gitops:key'] ?? '?';
    perKey[key] = (perKey[key] ?? 0) + 1;
    for (const w of d.watchlists) watchlists.push(`${key}/${w.name}`);
    for (const j of d.jobs) jobs.push(`${key}/${j.jobName ?? '?'}`);
  }
  return { domainsPerKey: perKey, watchlists: watchlists.sort(), jobs: jobs.sort() };
}

export async function crashAndRerun(point: KillPoint): Promise<{ killedAt: string | undefined; counted: Counted; rerun: { code: number; stdout: string }; replanCode: number; optOutsNeeded: number; optOutsSent: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'voiceid-crash-'));
  const emu = await startEmulator({ port: 0, host: '127.0.0.1' });
  try {
    await writeFile(join(dir, 'main.yaml'), YAML);
    await seedSupport(emu);
    let kill = (): void => undefined;
    const proxy = await startKillProxy(emu.endpoint, point, () => kill());
    const { child, exited } = runChild(dir, proxy.endpoint);
    kill = () => child.kill('SIGKILL');
    await exited;
    await proxy.close();
    const cli = (argv: string[]) => runCli([...argv, '--endpoint-url', emu.endpoint], { env: ENV, cwd: dir, sleep: async () => undefined });
    const before = JSON.parse((await cli(['plan', '.', '--format', 'json', '--show-sensitive'])).stdout) as { summary: { optOut: number } };
    emu.admin.resetCallCounts();
    const rerun = await cli(['apply', '.', '--auto-approve']);
    const optOutsSent = emu.admin.callCounts().OptOutSpeaker ?? 0;
    const replan = await cli(['plan', '.', '--detailed-exitcode']);
    return { killedAt: proxy.killedAt(), counted: count(emu), rerun, replanCode: replan.code, optOutsNeeded: before.summary.optOut, optOutsSent };
  } finally {
    await emu.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export const label = (p: KillPoint): string => `${p.phase} the service acted on ${p.op ?? 'write'} call #${p.k}`;

/** After a kill and a re-run: the re-run converged, with exactly one of each resource and no opt-out repeated. */
export function expectConverged(r: Awaited<ReturnType<typeof crashAndRerun>>): void {
  expect(r.killedAt).toBeDefined();
  expect(r.rerun.code, r.rerun.stdout).toBe(0);
  // Either the re-run had work left and verified it, or the kill landed after the last write: nothing to do.
  expect(r.rerun.stdout).toMatch(/Verified: live state matches the desired state\.|No changes\./);
  expect(r.replanCode).toBe(0);
  expect(r.counted.domainsPerKey).toEqual({ sales: 1, support: 1 });
  expect(r.counted.watchlists).toEqual(['sales/Default', 'sales/rings', 'support/Default', 'support/high-risk', 'support/vip']);
  expect(r.counted.jobs).toEqual(['sales/known', 'support/backfill']);
  expect(r.optOutsSent).toBe(r.optOutsNeeded);
}
