/**
 * Benchmark (not a test): apply 3 domains x 20,000 opt-outs plus an UpdateDomain, a TagResource and an
 * UntagResource per domain, against the emulator with its quotas ON (server-side token buckets) and apply paced
 * client-side at the same scale; then the same work done by a naive sequential script of SDK calls.
 *
 *   npx tsx bench/apply.ts [--quota-scale 20] [--domains 3] [--ids 20000] [--latency-ms 50] [--naive-ids 1000]
 *
 * Scale factor: every quota is multiplied by --quota-scale and the emulator's per-call latency (--latency-ms, a
 * realistic network round trip at scale 1) divided by it, so the run is the scale-1 run with time compressed S
 * times; every bound printed is at the same scale. At scale 1 the opt-outs alone need 60,000 / 10 TPS = 100 min.
 * The naive script runs a sample (--naive-ids per domain, default 2,000, after draining the service's one-second
 * burst allowance) extrapolated linearly to the full size. Caveat: its SDK retries back off in real time, which
 * the time compression makes S times more costly than at scale 1, so its throttle losses are overstated.
 *
 * The emulator runs in a child process, so the peak memory printed is apply's alone. Lower bound: max over
 * operations of calls / allowed TPS (operations have separate buckets and run concurrently, so no schedule of
 * the same calls can finish sooner). Targets: OptOutSpeaker >= 90 % of its quota, wall <= 1.15 x bound.
 *
 * Measured 2026-11-21 (2 shared cores, Node 20, emulator in a child process):
 *   default (scale 20, 3 x 20,000 ids, 50 ms): 300.00 s vs bound 300.00 s (ratio 1.000, = 100 min at scale 1);
 *     OptOutSpeaker 200.0/s of 200/s (100.0 %), 60,009 calls, 0 throttled, 0 retries, 0 failed, peak RSS 138 MB.
 *     Naive script: 6,009-call sample 29.3 s, 22 SDK retries -> 292 s extrapolated = 0.97 x apply. At 50 ms a
 *     sequential client can already make 20 calls/s against a 10 TPS account-wide quota, so the quota leaves no
 *     margin: both are quota-bound (the naive one a little above the bound, from the bucket's refill burst).
 *   --latency-ms 200 --ids 2000: apply 30.02 s (ratio 1.001, 100 %); naive 67.1 s extrapolated = 2.24 x: once
 *     a round trip exceeds 1 / quota (100 ms), one call at a time cannot keep the quota busy and apply can.
 *   --quota-scale 1 --ids 100 (no time compression): 30.01 s vs 30.00 s, 10.0/s of 10/s, 0 throttled; naive 1.00 x.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ListDomainsCommand, OptOutSpeakerCommand, TagResourceCommand, UntagResourceCommand, UpdateDomainCommand, VoiceIDClient } from '@aws-sdk/client-voice-id';
import { applyPlan } from '../src/apply/index.js';
import type { ApplyEvent } from '../src/apply/index.js';
import { createAwsClients, diffStats, totalStats } from '../src/aws/index.js';
import type { CallStats } from '../src/aws/index.js';
import { readLiveState } from '../src/live/index.js';
import type { DesiredState } from '../src/model/desired.js';
import { lowerBound, stop } from './lib/quota-bound.js';
import { plan } from '../src/plan/index.js';

const { values: args } = parseArgs({
  options: {
    'quota-scale': { type: 'string', default: '20' },
    domains: { type: 'string', default: '3' },
    ids: { type: 'string', default: '20000' },
    'latency-ms': { type: 'string', default: '50' },
    'naive-ids': { type: 'string', default: '2000' },
    serve: { type: 'boolean', default: false },
  },
});
const scale = Number(args['quota-scale']);
const domains = Number(args.domains);
const idCount = Number(args.ids);
const naiveIds = Math.min(idCount, Number(args['naive-ids']));
const latency = Number(args['latency-ms']) / scale;
const OWNED = (i: number) => ({ 'voiceid-gitops:stack': 'bench', 'voiceid-gitops:key': `bench-${i}` });
const ids = (n: number) => Array.from({ length: n }, (_, i) => `cust-${String(i).padStart(6, '0')}`);

if (args.serve) await serve();
else await main();

/** Child process: the emulator; `reset` messages re-seed it for the next run. */
async function serve(): Promise<void> {
  const { startEmulator } = await import('../src/emulator/index.js');
  const emulator = await startEmulator({ port: 0, quotaScale: scale, pageSize: 100, faults: { latencyMs: latency } });
  const seed = async () => {
    emulator.admin.reset();
    await emulator.admin.seed({ domains: Array.from({ length: domains }, (_, i) => ({ name: `bench-${i}`, description: 'old', tags: { ...OWNED(i), team: 'old', stale: 'x' } })) });
  };
  await seed();
  process.on('message', (m) => void seed().then(() => process.send?.({ reset: m })));
  process.send?.({ endpoint: emulator.endpoint });
  process.on('disconnect', () => void emulator.close().then(() => process.exit(0)));
}

function desiredState(n: number): DesiredState {
  const optedOut = ids(n);
  return {
    version: 1,
    stack: 'bench',
    prune: false,
    domains: Array.from({ length: domains }, (_, i) => ({
      key: `bench-${i}`, name: `bench-${i}`, description: 'new', kmsKeyId: 'alias/voiceid', tags: { team: 'cc', env: 'bench' },
      optedOutSpeakers: optedOut, watchlists: [], enrollmentJobs: [], fraudsterRegistrationJobs: [],
    })),
  };
}

async function main(): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), [...process.argv.slice(2), '--serve'], { execArgv: ['--import', 'tsx'] });
  const endpoint = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { endpoint: string }).endpoint));
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  const ours = await runApply(endpoint);
  await reset(child);
  const naive = await runNaive(endpoint);
  print(ours, naive);
  await stop(child);
}

interface OursResult {
  readonly wallS: number;
  readonly calls: CallStats;
  readonly optOutS: number;
  readonly peakRss: number;
  readonly ok: boolean;
  readonly bound: { seconds: number; operation: string };
  readonly rate: (op: string) => number | undefined;
}

async function runApply(endpoint: string): Promise<OursResult> {
  const aws = createAwsClients({ env: {}, localEndpoint: endpoint, pacing: { rateLimits: { scale } } });
  const desired = desiredState(idCount);
  // The domains hold no speakers yet, so one ListSpeakers page each tells the reader every id is absent.
  const p = plan(desired, await readLiveState(aws, desired, { region: 'us-east-1', speakerStrategy: 'list' }));
  const before = aws.stats();
  let firstOptOut = 0;
  let lastOptOut = 0;
  const onEvent = (e: ApplyEvent): void => {
    if (e.kind !== 'progress' || !e.address.endsWith('.opt-outs')) return;
    lastOptOut = performance.now();
    if (firstOptOut === 0) firstOptOut = lastOptOut;
  };
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const started = performance.now();
  const result = await applyPlan(p, aws.voiceId, { onEvent });
  const wallS = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const calls = diffStats(aws.stats(), before);
  const rate = (op: string) => aws.pacer.limiter.rate(op);
  aws.destroy();
  return { wallS, calls, optOutS: (lastOptOut - firstOptOut) / 1000, peakRss: Math.max(peakRss, process.memoryUsage().rss), ok: result.ok, bound: lowerBound(calls, rate), rate };
}

interface NaiveResult {
  readonly wallS: number;
  readonly calls: number;
  readonly sdkRetries: number;
  readonly failed: number;
}

/** What a user might write: one SDK client, default retries, every call awaited in turn. */
async function runNaive(endpoint: string): Promise<NaiveResult> {
  const client = new VoiceIDClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  let calls = 0;
  let sdkRetries = 0;
  let failed = 0;
  const send = async (call: () => Promise<{ $metadata?: { attempts?: number } }>): Promise<void> => {
    calls++;
    try {
      const out = await call();
      sdkRetries += (out.$metadata?.attempts ?? 1) - 1;
    } catch (e) {
      failed++;
      sdkRetries += ((e as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1) - 1;
    }
  };
  const { DomainSummaries = [] } = await client.send(new ListDomainsCommand({}));
  // Drain the service's burst allowance (one second of quota, refilled while idle) so a short sample measures the
  // steady state a full-size run would see, not a free first second.
  const warm = Math.ceil(10 * scale);
  await Promise.allSettled(Array.from({ length: warm }, (_, i) => client.send(new OptOutSpeakerCommand({ DomainId: DomainSummaries[0]!.DomainId!, SpeakerId: `warmup-${i}` }))));
  const started = performance.now();
  for (const d of [...DomainSummaries].sort((a, b) => (a.Name! < b.Name! ? -1 : 1))) {
    await send(() => client.send(new UpdateDomainCommand({ DomainId: d.DomainId!, Name: d.Name!, Description: 'new', ServerSideEncryptionConfiguration: { KmsKeyId: 'alias/voiceid' } })));
    await send(() => client.send(new TagResourceCommand({ ResourceArn: d.Arn!, Tags: [{ Key: 'env', Value: 'bench' }, { Key: 'team', Value: 'cc' }] })));
    await send(() => client.send(new UntagResourceCommand({ ResourceArn: d.Arn!, TagKeys: ['stale'] })));
    for (const id of ids(naiveIds)) await send(() => client.send(new OptOutSpeakerCommand({ DomainId: d.DomainId!, SpeakerId: id })));
  }
  const wallS = (performance.now() - started) / 1000;
  client.destroy();
  return { wallS, calls, sdkRetries, failed };
}

function print(ours: OursResult, naive: NaiveResult): void {
  const t = totalStats(ours.calls);
  const optOutRate = (ours.calls.OptOutSpeaker?.calls ?? 0) / ours.optOutS;
  const quota = ours.rate('OptOutSpeaker') ?? Infinity;
  const factor = idCount / naiveIds;
  const naiveFull = naive.wallS * ((domains * (3 + idCount)) / naive.calls);
  const lines = [
    `apply: ${domains} domains x ${idCount} opt-outs + UpdateDomain/TagResource/UntagResource each; quota scale ${scale}, emulator latency ${latency.toFixed(2)} ms (${args['latency-ms']} ms at scale 1)`,
    `apply result ok: ${ours.ok}`,
    `wall time:           ${ours.wallS.toFixed(2)} s   (scale 1 equivalent: ${(ours.wallS * scale / 60).toFixed(1)} min)`,
    `quota lower bound:   ${ours.bound.seconds.toFixed(2)} s (${ours.bound.operation})   ratio ${(ours.wallS / ours.bound.seconds).toFixed(3)} (target <= 1.15)`,
    `OptOutSpeaker rate:  ${optOutRate.toFixed(1)}/s of ${quota}/s quota = ${((100 * optOutRate) / quota).toFixed(1)} % (target >= 90 %)`,
    'per operation (calls, throttled, achieved rate over the whole apply as % of quota):',
    ...Object.entries(ours.calls).map(([op, s]) => {
      const r = ours.rate(op);
      const share = r ? ` ${((100 * s.calls) / ours.wallS / r).toFixed(1)} % of ${r}/s` : '';
      return `  ${op.padEnd(16)} ${String(s.calls).padStart(6)} calls  ${s.throttles} throttled${share}`;
    }),
    `calls: ${t.calls}  throttled: ${t.throttles}  retries: ${t.retries}  failed: ${t.failures}`,
    `peak RSS: ${(ours.peakRss / 2 ** 20).toFixed(0)} MB`,
    `naive sequential SDK script (sample ${naiveIds} ids/domain, x${factor.toFixed(1)} extrapolated): ${naive.wallS.toFixed(2)} s for ${naive.calls} calls, ${naive.sdkRetries} SDK retries, ${naive.failed} calls FAILED (lost work)`,
    `naive extrapolated to the full size: ${naiveFull.toFixed(1)} s = ${(naiveFull / ours.wallS).toFixed(2)} x apply's wall time`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
}


function reset(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('message', () => resolve());
    child.send('reset');
  });
}
