/**
 * Benchmark (not a test): issue 13's scenarios. Each is `voiceid-gitops apply --auto-approve` timed as a whole
 * process (the built CLI's bundle, dist/bin/voiceid-gitops.js, as users run it), against its lower bound and against a naive sequential SDK loop
 * (list the speakers, opt out what is not yet out), on the emulator in a child process with per-operation token
 * buckets (burst: one second of quota) and 50 ms latency per call. A time-scaled scenario multiplies every quota
 * and divides the latency by the same factor. Prints a table with the ratios and writes it as JSON
 * (bench/results/latest.json, from which scripts/performance-table.ts generates docs/performance.md's table).
 *
 *   npx tsx bench/scenarios.ts [--only small,big,untold,rss] [--out FILE] [--no-build]
 *
 * Lower bound: learning every declared id's status (the cheaper of ListSpeakers pages and DescribeSpeaker calls,
 * split between domains at best, pages also bounded by one round trip each), then the opt-outs, each operation at
 * the service's quota after its one-second burst, plus three round trips (discovery, last read, last write).
 */
import { fork, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ListDomainsCommand, ListSpeakersCommand, OptOutSpeakerCommand, VoiceIDClient } from '@aws-sdk/client-voice-id';
import type { SeedState } from '../src/emulator/index.js';
import { ask, serveEmulator } from './lib/emulator-child.js';
import { scenarioTable } from './lib/scenario-table.js';
import type { Results, Row } from './lib/scenario-table.js';

const here = fileURLToPath(import.meta.url);
const root = join(dirname(here), '..');
const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    out: { type: 'string', default: join(root, 'bench/results/latest.json') },
    'no-build': { type: 'boolean', default: false },
    serve: { type: 'string' },
  },
});
const KEY_ARN = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const LATENCY_MS = 50;
/** The emulator's latency at a scale, whole milliseconds (its admin API takes integers): 50, 5, 1, 1 at 1, 10, 50, 100. */
const latencyMs = (scale: number): number => Math.max(1, Math.round(LATENCY_MS / scale));

export interface Scenario {
  readonly name: string;
  readonly title: string;
  readonly domains: number;
  readonly speakers: number;
  readonly declared: number;
  readonly toOptOut: number;
  /** Quotas x this on the service, latency / this. */
  readonly scale: number;
  /** --quota-scale given to the tool; absent: not told. */
  readonly told?: number;
  /** Run the sequential loop (or reuse the named scenario's: same service, same work). */
  readonly loop: boolean | string;
  readonly goal: string;
}

export const SCENARIOS: readonly Scenario[] = [
  { name: 'small', title: 'small change in a big domain: 20k speakers, 20 declared ids, 10 to opt out (real quotas)', domains: 1, speakers: 20_000, declared: 20, toOptOut: 10, scale: 1, told: 1, loop: true, goal: 'LB + 1.0 s and >= 10x faster than the loop' },
  { name: 'big', title: 'big list: 20k speakers, 6,000 declared, 3,500 to opt out (quotas x10, --quota-scale 10)', domains: 1, speakers: 20_000, declared: 6_000, toOptOut: 3_500, scale: 10, told: 10, loop: true, goal: '<= 1.05x LB, no slower than the loop' },
  { name: 'untold', title: 'the same, quotas x10 on the service but the tool not told', domains: 1, speakers: 20_000, declared: 6_000, toOptOut: 3_500, scale: 10, loop: 'big', goal: '<= 1.5x LB with no flag, no failed call' },
  { name: 'rss', title: '3 domains x 100,000 speakers x 20,000 opt-outs each (quotas x100, --quota-scale 100)', domains: 3, speakers: 100_000, declared: 20_000, toOptOut: 20_000, scale: 100, told: 100, loop: false, goal: 'peak RSS < 300 MB' },
];

const log = (line: string): void => void process.stdout.write(`${line}\n`);
const width = (n: number): number => String(Math.max(0, n - 1)).length;
const bulkId = (s: Scenario, i: number): string => `cust-${String(i).padStart(width(s.speakers - (s.declared - s.toOptOut)), '0')}`;

/** Declared ids of a domain: `declared - toOptOut` already OPTED_OUT (explicit), the rest spread over the bulk. */
function declaredIds(s: Scenario): { readonly out: string[]; readonly toOptOut: string[] } {
  const bulk = s.speakers - (s.declared - s.toOptOut);
  const step = Math.max(1, Math.floor(bulk / s.toOptOut));
  return {
    out: Array.from({ length: s.declared - s.toOptOut }, (_, i) => `out-${String(i).padStart(6, '0')}`),
    toOptOut: Array.from({ length: s.toOptOut }, (_, i) => bulkId(s, i * step)),
  };
}

function seedOf(s: Scenario): SeedState {
  const { out } = declaredIds(s);
  return {
    domains: Array.from({ length: s.domains }, (_, d) => ({
      name: `bench-${d}`, description: 'bench', kmsKeyId: KEY_ARN,
      tags: { 'voiceid-gitops:stack': 'bench', 'voiceid-gitops:key': `bench-${d}` },
      speakers: out.map((id) => ({ customerSpeakerId: id, status: 'OPTED_OUT' as const })),
      bulkSpeakers: { count: s.speakers - out.length, prefix: 'cust-', status: 'ENROLLED' as const },
    })),
  };
}

export function lowerBound(s: Scenario): number {
  const q = (tps: number): number => tps * s.scale;
  const latency = latencyMs(s.scale) / 1000;
  const afterBurst = (calls: number, tps: number): number => Math.max(0, calls - q(tps)) / q(tps);
  const pages = Math.ceil(s.speakers / 100);
  let read = Infinity;
  for (let listed = 0; listed <= s.domains; listed++) {
    const list = listed === 0 ? 0 : Math.max(afterBurst(listed * pages, 5), pages * latency);
    const describe = afterBurst((s.domains - listed) * s.declared, 10);
    read = Math.min(read, Math.max(list, describe));
  }
  return 3 * latency + read + afterBurst(s.domains * s.toOptOut, 10);
}

// ---------------------------------------------------------------------------------------------- emulator child

// ---------------------------------------------------------------------------------------------- the runs

interface ToolRun { readonly seconds: number; readonly verified: boolean; readonly rssMb: number; readonly output: string }

async function runTool(s: Scenario, endpoint: string, dir: string, progress: () => Promise<string>): Promise<ToolRun> {
  const rssFile = join(dir, 'rss');
  const argv = ['--import', join(root, 'bench/lib/report-rss.mjs'), join(root, 'dist/bin/voiceid-gitops.js'), 'apply', 'estate', '--auto-approve', '--no-color', '--endpoint-url', endpoint, ...(s.told === undefined ? [] : ['--quota-scale', String(s.told)])];
  const env = { ...process.env, AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench', AWS_REGION: 'us-east-1', BENCH_RSS_FILE: rssFile };
  const started = performance.now();
  const child = spawn(process.execPath, argv, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => void (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => void (output += c.toString()));
  const ticker = setInterval(() => void progress().then((p) => log(`  ${s.name}: tool running ${((performance.now() - started) / 1000).toFixed(0)} s, ${p}`)), 5000);
  const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(ticker);
  const rssMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
  return { seconds, verified: code === 0 && output.includes('Verified: live state matches the desired state.'), rssMb, output };
}

/** What users write today: list the speakers, opt out what is not yet out, one call at a time, SDK defaults. */
async function runLoop(s: Scenario, endpoint: string, ids: readonly string[]): Promise<{ seconds: number; failed: number }> {
  const client = new VoiceIDClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  const started = performance.now();
  let failed = 0;
  let done = 0;
  const ticker = setInterval(() => log(`  ${s.name}: loop running ${((performance.now() - started) / 1000).toFixed(0)} s, ${done} calls`), 5000);
  const { DomainSummaries = [] } = await client.send(new ListDomainsCommand({ MaxResults: 10 }));
  for (const d of DomainSummaries) {
    const status = new Map<string, string>();
    let token: string | undefined;
    do {
      const page = await client.send(new ListSpeakersCommand({ DomainId: d.DomainId!, MaxResults: 100, NextToken: token }));
      done++;
      for (const sp of page.SpeakerSummaries ?? []) status.set(sp.CustomerSpeakerId ?? '', sp.Status ?? '');
      token = page.NextToken;
    } while (token);
    for (const id of ids) {
      if (status.get(id) === 'OPTED_OUT') continue;
      await client.send(new OptOutSpeakerCommand({ DomainId: d.DomainId!, SpeakerId: id })).catch(() => void failed++);
      done++;
    }
  }
  clearInterval(ticker);
  client.destroy();
  return { seconds: (performance.now() - started) / 1000, failed };
}

function writeEstate(dir: string, s: Scenario, ids: readonly string[]): void {
  mkdirSync(join(dir, 'estate'), { recursive: true });
  writeFileSync(join(dir, 'estate/ids.txt'), `${ids.join('\n')}\n`);
  const domains = Array.from({ length: s.domains }, (_, d) => `  bench-${d}:\n    description: bench\n    kmsKeyId: ${KEY_ARN}\n    optedOutSpeakersFile: ids.txt\n`).join('');
  writeFileSync(join(dir, 'estate/estate.yaml'), `version: 1\nstack: bench\ndomains:\n${domains}`);
}

async function runScenario(s: Scenario, loops: Map<string, { seconds: number; failed: number }>): Promise<Row> {
  log(`\n--- ${s.name}: ${s.title}`);
  const child = fork(here, ['--serve', String(s.scale)], { execArgv: ['--import', 'tsx'] });
  const { endpoint } = await new Promise<{ endpoint: string }>((resolve) => child.once('message', (m) => resolve(m as { endpoint: string })));
  const dir = mkdtempSync(join(tmpdir(), `voiceid-bench-${s.name}-`));
  try {
    const { out, toOptOut } = declaredIds(s);
    const ids = [...out, ...toOptOut].sort();
    writeEstate(dir, s, ids);
    const counts = async (): Promise<Record<string, number>> => (await ask<{ counts: Record<string, number> }>(child, { counts: true })).counts;
    const progress = async (): Promise<string> => {
      const c = await counts();
      return `emulator served ${c.OptOutSpeaker ?? 0} OptOutSpeaker, ${c.ListSpeakers ?? 0} ListSpeakers, ${c.DescribeSpeaker ?? 0} DescribeSpeaker, ${c.throttled ?? 0} throttled`;
    };
    await ask(child, { seed: seedOf(s) });
    const tool = await runTool(s, endpoint, dir, progress);
    const throttled = (await counts()).throttled ?? 0;
    log(`  tool: ${tool.seconds.toFixed(2)} s, ${tool.verified ? 'applied and verified' : 'NOT VERIFIED'}, ${throttled} throttled answers, peak RSS ${tool.rssMb.toFixed(0)} MB`);
    // The CLI's own account of its reads (calls, throttles, strategy) and its summary lines.
    for (const line of tool.output.split('\n')) if (/^(Read|Apply|Verified|Not verified)|calls|throttled/.test(line)) log(`    | ${line.slice(0, 150)}`);
    if (!tool.verified) log(tool.output.split('\n').slice(-15).join('\n'));
    let loop = typeof s.loop === 'string' ? loops.get(s.loop) : undefined;
    if (s.loop === true) {
      await ask(child, { seed: seedOf(s) });
      loop = await runLoop(s, endpoint, ids);
      loops.set(s.name, loop);
      log(`  loop: ${loop.seconds.toFixed(2)} s, ${loop.failed} failed calls`);
    }
    const lb = lowerBound(s);
    return {
      name: s.name, title: s.title, goal: s.goal, lowerBoundS: round(lb), toolS: round(tool.seconds), toolVerified: tool.verified, throttled,
      peakRssMb: Math.round(tool.rssMb), ...(loop ? { loopS: round(loop.seconds), loopFailedCalls: loop.failed } : {}),
      met: tool.verified && goalMet(s.name, lb, tool.seconds, tool.rssMb, loop?.seconds),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.disconnect();
    });
  }
}

function goalMet(name: string, lb: number, tool: number, rssMb: number, loop: number | undefined): boolean {
  if (name === 'small') return tool <= lb + 1 && loop !== undefined && loop >= 10 * tool;
  if (name === 'big') return tool <= 1.05 * lb && loop !== undefined && tool <= loop;
  if (name === 'untold') return tool <= 1.5 * lb;
  return rssMb < 300;
}

const round = (x: number): number => Math.round(x * 100) / 100;

async function main(): Promise<void> {
  if (!args['no-build']) {
    log('building dist/ (npm run build: tsc, the precompiled validators, the CLI bundle)...');
    for (const step of [[join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], [join(root, 'scripts/precompile-schemas.mjs')], [join(root, 'scripts/bundle-cli.mjs')]]) {
      if (spawnSync(process.execPath, step, { stdio: 'inherit' }).status !== 0) throw new Error('the build failed');
    }
  }
  const only = args.only?.split(',');
  const loops = new Map<string, { seconds: number; failed: number }>();
  const rows: Row[] = [];
  const loads: number[] = [loadavg()[0]!];
  for (const s of SCENARIOS) {
    if (only && !only.includes(s.name)) continue;
    if (typeof s.loop === 'string' && !loops.has(s.loop)) continue;
    rows.push(await runScenario(s, loops));
    loads.push(loadavg()[0]!);
  }
  const load = `load average ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)}`;
  log(`(${load} between the scenarios)`);
  log(`\n${scenarioTable(rows)}`);
  if (!only) {
    mkdirSync(dirname(args.out), { recursive: true });
    const results: Results = { measured: new Date().toISOString().slice(0, 10), machine: `shared 2-core machine, Node ${process.versions.node}, ${load}`, latencyMs: LATENCY_MS, rows };
    writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
    log(`written ${args.out}`);
  }
  process.exitCode = rows.every((r) => r.toolVerified) ? 0 : 1;
}

if (args.serve !== undefined) await serveEmulator(Number(args.serve), latencyMs(Number(args.serve)));
else await main();
