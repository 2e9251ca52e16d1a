/**
 * Benchmark (not a test): issue 15's pull request. The estate: 3 domains x 100,000 live speakers x 20,000 declared
 * opt-out ids, all applied (the last-applied record carries the evidence apply writes: commit, times, digest); the
 * pull request adds 10 ids to the shared list (10 per domain, ENROLLED speakers to opt out). Two runs of the built
 * CLI, one after the other in this process's run:
 *
 *   trusted: `plan` in a git clone, at the REAL quotas (10 TPS DescribeSpeaker, 5 ListSpeakers, burst 1 s) with 50 ms
 *            latency per call: reads only the 30 new ids. Goal: within 10 s.
 *   naive:   `plan --refresh`, the full read every plan made before, on the same estate. At the real quotas it takes
 *            about 9 minutes (bench/plan-reads.ts measured 548.5 s against 547.3 s), so it runs here with quotas x50
 *            (the tool not told: plan has no --quota-scale, its adaptive rate learns them), and its real-quota
 *            figure is the measured one x 50, beside the lower bound of its calls at the real quotas.
 *
 *   npx tsx bench/trusted-plan.ts [--no-build] [--naive-scale 50] [--trusted-only]
 *
 * The estate is seeded through the emulator's admin API (no apply of 60,000 opt-outs): the record value is the one
 * apply would write, computed with the plan engine's own record functions.
 */
import { execFileSync, fork, spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { SeedState } from '../src/emulator/index.js';
import { ask, serveEmulator } from './lib/emulator-child.js';
import { formatRecord, optOutSet, recordDigest, recordedTags } from '../src/plan/applied-record.js';

const here = fileURLToPath(import.meta.url);
const root = join(dirname(here), '..');
const { values: args } = parseArgs({ options: { 'no-build': { type: 'boolean', default: false }, 'naive-scale': { type: 'string', default: '50' }, 'trusted-only': { type: 'boolean', default: false }, serve: { type: 'string' } } });
const KEY_ARN = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const LATENCY_MS = 50;
const DOMAINS = 3;
const SPEAKERS = 100_000;
const DECLARED = 20_000;
const ADDED = 10;

const log = (line: string): void => void process.stdout.write(`${line}\n`);
const declared = Array.from({ length: DECLARED }, (_, i) => `out-${String(i).padStart(6, '0')}`);
/** The pull request's ids: enrolled customers who asked to opt out (spread over the bulk). */
const added = Array.from({ length: ADDED }, (_, i) => `cust-${String(i * 7919).padStart(5, '0')}`);

function seedOf(commit: string, at: number): SeedState {
  const record = formatRecord(
    { name: recordDigest('bench'), description: recordDigest('bench'), kmsKeyId: recordDigest(KEY_ARN), tags: recordDigest(recordedTags({})), optedOutSpeakers: recordDigest(optOutSet(declared)) },
    { commit, appliedAt: at, fullCheckAt: at },
  );
  return {
    domains: Array.from({ length: DOMAINS }, (_, d) => ({
      name: `bench-${d}`, description: 'bench', kmsKeyId: KEY_ARN,
      tags: { 'voiceid-gitops:stack': 'bench', 'voiceid-gitops:key': `bench-${d}`, 'voiceid-gitops:applied': record },
      speakers: declared.map((id) => ({ customerSpeakerId: id, status: 'OPTED_OUT' as const })),
      bulkSpeakers: { count: SPEAKERS - DECLARED, prefix: 'cust-', status: 'ENROLLED' as const },
    })),
  };
}

function git(dir: string, ...argv: string[]): string {
  return execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', ...argv], { cwd: dir, encoding: 'utf8' }).trim();
}

/** The clone: the applied list committed, then the pull request's commit adding 10 ids. */
function makeRepo(dir: string): string {
  mkdirSync(join(dir, 'estate'), { recursive: true });
  const domains = Array.from({ length: DOMAINS }, (_, d) => `  bench-${d}:\n    name: bench-${d}\n    description: bench\n    kmsKeyId: ${KEY_ARN}\n    optedOutSpeakersFile: ids.txt\n`).join('');
  writeFileSync(join(dir, 'estate/estate.yaml'), `version: 1\nstack: bench\ndomains:\n${domains}`);
  writeFileSync(join(dir, 'estate/ids.txt'), `${declared.join('\n')}\n`);
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'applied');
  const applied = git(dir, 'rev-parse', 'HEAD').slice(0, 12);
  writeFileSync(join(dir, 'estate/ids.txt'), `${[...declared, ...added].sort().join('\n')}\n`);
  git(dir, 'commit', '-q', '-am', 'pull request: 10 more ids');
  return applied;
}

interface Run { readonly seconds: number; readonly cpuS: number; readonly code: number; readonly output: string; readonly err: string; readonly counts: Record<string, number> }

async function runPlan(child: ChildProcess, endpoint: string, dir: string, extra: readonly string[]): Promise<Run> {
  const cpuFile = join(dir, 'cpu');
  const argv = ['--import', join(root, 'bench/lib/report-cpu.mjs'), join(root, 'dist/bin/voiceid-gitops.js'), 'plan', 'estate', '--format', 'json', '--show-sensitive', '--no-color', '--endpoint-url', endpoint, ...extra];
  const env = { ...process.env, AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench', AWS_REGION: 'us-east-1', BENCH_CPU_FILE: cpuFile };
  const started = performance.now();
  const proc = spawn(process.execPath, argv, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let err = '';
  proc.stdout.on('data', (c: Buffer) => void (output += c.toString()));
  proc.stderr.on('data', (c: Buffer) => void (err += c.toString()));
  const ticker = setInterval(() => log(`  still reading, ${((performance.now() - started) / 1000).toFixed(0)} s`), 10_000);
  const code = await new Promise<number>((resolve) => proc.on('exit', (c) => resolve(c ?? 1)));
  clearInterval(ticker);
  const seconds = (performance.now() - started) / 1000;
  const { counts } = await ask<{ counts: Record<string, number> }>(child, { counts: true });
  if (code !== 0 && code !== 2) log(err.split('\n').slice(-10).join('\n'));
  const cpuS = Number(readFileSync(cpuFile, 'utf8')) / 1000;
  return { seconds, cpuS, code, output, err, counts };
}

interface PlanJson { changes: { action: string; speakerIds?: string[] }[]; trust?: { domainKey: string; trusted: number; read: number; reason?: string }[] }

/** The same as bench/scenarios.ts' bound: the speaker reads at their quota after the one-second burst, 3 round trips. */
function lowerBound(describes: number, pages: number, scale: number): number {
  const after = (calls: number, tps: number): number => Math.max(0, calls - tps * scale) / (tps * scale);
  return (3 * LATENCY_MS) / scale / 1000 + Math.max(after(describes, 10), after(pages, 5));
}

async function withEmulator<T>(scale: number, commit: string, at: number, fn: (child: ChildProcess, endpoint: string) => Promise<T>): Promise<T> {
  const child = fork(here, ['--serve', String(scale)], { execArgv: ['--import', 'tsx'] });
  try {
    const { endpoint } = await new Promise<{ endpoint: string }>((resolve) => child.once('message', (m) => resolve(m as { endpoint: string })));
    await ask(child, { seed: seedOf(commit, at) });
    return await fn(child, endpoint);
  } finally {
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.disconnect();
    });
  }
}

/** Speaker ids to opt out across every domain (one opt-out change per domain). */
const optedOut = (plan: PlanJson | undefined): number => (plan?.changes ?? []).filter((c) => c.action === 'opt-out').reduce((n, c) => n + (c.speakerIds?.length ?? 0), 0);

function report(name: string, run: Run): PlanJson | undefined {
  const describes = run.counts.DescribeSpeaker ?? 0;
  const pages = run.counts.ListSpeakers ?? 0;
  log(`  ${name}: ${run.seconds.toFixed(2)} s wall, ${run.cpuS.toFixed(2)} s CPU, load average ${loadavg()[0]!.toFixed(1)} (exit ${run.code}), ${describes} DescribeSpeaker, ${pages} ListSpeakers, ${run.counts.throttled ?? 0} throttled`);
  // The CLI's own account of its read (wall time, calls, strategies).
  for (const line of run.err.split('\n')) if (/^Read|calls|throttled/.test(line)) log(`    | ${line.slice(0, 160)}`);
  try {
    return JSON.parse(run.output) as PlanJson;
  } catch {
    log(`  ${name}: no JSON plan on stdout`);
    return undefined;
  }
}

async function main(): Promise<void> {
  if (!args['no-build']) {
    log('building dist/ (tsc -p tsconfig.build.json)...');
    const r = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('the build failed');
  }
  const naiveScale = Number(args['naive-scale']);
  const dir = mkdtempSync(join(tmpdir(), 'voiceid-bench-trusted-'));
  try {
    const commit = makeRepo(dir);
    const at = Math.floor(Date.now() / 1000) - 3600;
    log(`estate: ${DOMAINS} domains x ${SPEAKERS.toLocaleString('en-US')} speakers x ${DECLARED.toLocaleString('en-US')} declared ids, applied at ${commit.slice(0, 7)}; the pull request adds ${ADDED} ids`);

    log('\n--- trusted: plan of the pull request, real quotas, 50 ms latency');
    const trusted = await withEmulator(1, commit, at, (child, endpoint) => runPlan(child, endpoint, dir, []));
    const tPlan = report('plan', trusted);
    const tBound = lowerBound(DOMAINS * ADDED, 0, 1);
    const opted = optedOut(tPlan);
    log(`  lower bound ${tBound.toFixed(2)} s (${DOMAINS * ADDED} DescribeSpeaker at 10 TPS after the burst, 3 round trips); ratio ${(trusted.seconds / tBound).toFixed(2)}`);
    log(`  plan: ${opted} ids to opt out; ${(tPlan?.trust ?? []).map((t) => `${t.domainKey}: ${t.trusted} trusted, ${t.read} read`).join('; ')}`);

    if (args['trusted-only']) return;
    log(`\n--- naive: plan --refresh (full read) of the same estate, quotas x${naiveScale} (the tool not told: its adaptive rate learns them)`);
    const naive = await withEmulator(naiveScale, commit, at, (child, endpoint) => runPlan(child, endpoint, dir, ['--refresh']));
    const nPlan = report('plan --refresh', naive);
    const nOpted = optedOut(nPlan);
    const nBoundReal = lowerBound(naive.counts.DescribeSpeaker ?? 0, naive.counts.ListSpeakers ?? 0, 1);
    log(`  at the real quotas: about ${(naive.seconds * naiveScale).toFixed(0)} s (measured x ${naiveScale}); its calls' lower bound at the real quotas ${nBoundReal.toFixed(0)} s`);
    log(`  plan: ${nOpted} ids to opt out (the same ${opted === nOpted ? 'as' : 'NOT as'} the trusted plan)`);

    const goal = trusted.seconds <= 10 && opted === DOMAINS * ADDED && nOpted === opted;
    log(`\ntrusted plan ${trusted.seconds.toFixed(2)} s vs full read ~${(naive.seconds * naiveScale).toFixed(0)} s at the real quotas; goal (<= 10 s, same changes): ${goal ? 'met' : 'NOT met'}`);
    process.exitCode = goal ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (args.serve !== undefined) await serveEmulator(Number(args.serve), Math.max(1, Math.round(LATENCY_MS / Number(args.serve))));
else await main();
