/**
 * Benchmark (not a test): the reads a plan makes for 1 domain (--domains 3: the full case) x 100,000 live speakers x
 * 20,000 desired opt-outs,
 * against the emulator with quotas ON, paced client-side at the same scale.
 *
 *   npx tsx bench/plan-reads.ts [--quota-scale 10] [--domains 1] [--speakers 100000] [--desired 20000]
 *                               [--strategy auto|describe|list|both] [--throttle-rate 0]
 *
 * The emulator runs in a child process, so the peak memory printed is the reader's alone. The quota-bound
 * lower bound is max over operations of (calls / allowed TPS): operations are paced in separate buckets and run
 * concurrently, so no schedule of the same calls can finish sooner. Target: wall <= 1.25 x bound, 0 failures,
 * peak RSS < 300 MB.
 *
 * Measured 2026-11-21 (2 shared cores, Node 20), strategy `both` chosen by the cost model:
 *   scale 1:  548.5 s vs bound 547.3 s (ratio 1.002), 8,218 calls, 0 throttled, 0 failed, peak RSS 129 MB
 *   scale 10: 56.0 s vs 55.5 s (1.010), 0 throttled, 168 MB; with --throttle-rate 0.3: 82.9 s vs 82.5 s (1.005),
 *             3,654 throttled calls all retried, 0 failed, every desired id resolved.
 *   (Listing alone would take 3,000 pages / 5 TPS = 600 s at scale 1.)
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createAwsClients, totalStats } from '../src/aws/index.js';
import { readLiveStateWithStats } from '../src/live/index.js';
import type { DesiredState } from '../src/model/desired.js';
import { lowerBound, stop } from './lib/quota-bound.js';

const { values: args } = parseArgs({
  options: {
    // Time-scaled (quotas x10) and one domain by default: 3 domains took 237-260 s at scale 10 and 427 s at 50 (more
    // DescribeSpeaker calls, CPU-bound at load 20+) of `npm run bench`'s 10-minute budget, and bench/scenarios.ts's
    // rss scenario already reads 3 x 100,000 x 20,000. The ratio to the bound is the figure; --domains 3 is the full run.
    'quota-scale': { type: 'string', default: '10' },
    domains: { type: 'string', default: '1' },
    speakers: { type: 'string', default: '100000' },
    desired: { type: 'string', default: '20000' },
    strategy: { type: 'string', default: 'auto' },
    'throttle-rate': { type: 'string', default: '0' },
    serve: { type: 'boolean', default: false },
  },
});
const scale = Number(args['quota-scale']);
const domains = Number(args.domains);
const speakers = Number(args.speakers);
const desiredCount = Number(args.desired);
const width = String(Math.max(0, speakers - 1)).length;
const speakerId = (i: number): string => `cust-${String(i).padStart(width, '0')}`;

if (args.serve) await serve();
else await main();

/** Child process: the emulator, seeded, reporting its endpoint over IPC. */
async function serve(): Promise<void> {
  const { startEmulator } = await import('../src/emulator/index.js');
  const emulator = await startEmulator({ port: 0, quotaScale: scale, pageSize: 100, maxSpeakersPerDomain: Math.max(100_000, speakers) });
  await emulator.admin.seed({
    domains: Array.from({ length: domains }, (_, i) => ({
      name: `bench-${i}`,
      tags: { 'voiceid-gitops:stack': 'bench', 'voiceid-gitops:key': `bench-${i}` },
      bulkSpeakers: { count: speakers, prefix: 'cust-', status: 'ENROLLED' as const },
    })),
  });
  const throttleRate = Number(args['throttle-rate']);
  if (throttleRate > 0) emulator.admin.setFaults({ seed: 1, throttleRate });
  process.send?.({ endpoint: emulator.endpoint });
  process.on('disconnect', () => void emulator.close().then(() => process.exit(0)));
}

async function main(): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), [...process.argv.slice(2), '--serve'], { execArgv: ['--import', 'tsx'] });
  const endpoint = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { endpoint: string }).endpoint));
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  const aws = createAwsClients({ env: {}, localEndpoint: endpoint, pacing: { rateLimits: { scale } } });
  // Evenly spread desired ids: every (speakers / desired)-th id, so a listing finds the last one only near its end.
  const step = Math.max(1, Math.floor(speakers / desiredCount));
  const optedOut = Array.from({ length: desiredCount }, (_, i) => speakerId(i * step)).sort();
  const desired: DesiredState = {
    version: 1,
    stack: 'bench',
    prune: false,
    domains: Array.from({ length: domains }, (_, i) => ({
      key: `bench-${i}`, name: `bench-${i}`, kmsKeyId: 'alias/voiceid', tags: {}, optedOutSpeakers: optedOut,
      watchlists: [], enrollmentJobs: [], fraudsterRegistrationJobs: [],
    })),
  };

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const strategy = args.strategy as 'auto' | 'describe' | 'list' | 'both';
  const read = await readLiveStateWithStats(aws, desired, { region: 'us-east-1', speakerStrategy: strategy, rate: aws.pacer.limiter.rate });
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);

  const resolved = read.live.domains.map((d) => Object.keys(d.details?.speakers ?? {}).length);
  const bound = lowerBound(read.stats.calls, aws.pacer.limiter.rate);
  const totals = totalStats(read.stats.calls);
  const wall = read.stats.wallMs / 1000;
  const lines = [
    `plan reads: ${domains} domains x ${speakers} live speakers x ${desiredCount} desired opt-outs, quota scale ${scale}`,
    `speaker strategy: ${[...new Set(Object.values(read.stats.speakerStrategies))].join(', ')}; discovery: ${read.stats.discovery}`,
    `resolved desired ids per domain: ${resolved.join(', ')} (expected ${desiredCount} each)`,
    `wall time:         ${wall.toFixed(2)} s`,
    `quota lower bound: ${bound.seconds.toFixed(2)} s (${bound.operation})  ratio ${(wall / bound.seconds).toFixed(3)}`,
    `calls: ${totals.calls}  throttled: ${totals.throttles}  retries: ${totals.retries}  failed: ${totals.failures}  not found: ${totals.notFound}`,
    `peak RSS: ${(peakRss / 2 ** 20).toFixed(0)} MB`,
    'per operation (calls / throttled / retries / failed / not found):',
    ...Object.entries(read.stats.calls).map(([op, s]) => `  ${op.padEnd(32)} ${[s.calls, s.throttles, s.retries, s.failures, s.notFound].join(' / ')}`),
  ];
  process.stdout.write(lines.join('\n') + '\n');
  aws.destroy();
  await stop(child);
}
