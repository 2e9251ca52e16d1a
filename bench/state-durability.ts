/**
 * Benchmark (not a test): the cost of a durable state file. 5,000 OptOutSpeaker calls (50 in flight) through the
 * real SDK client against an in-process emulator with `statePath`, then a restart that must find every speaker.
 *
 *   npx tsx bench/state-durability.ts [--calls 5000] [--concurrency 50] [--no-state]
 *
 * Prints the wall and CPU time, calls per second, the state-file and journal sizes and, with --no-state, the same run
 * without a state file (the floor). EMULATOR.md §11 keeps the measured figures.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CreateDomainCommand, OptOutSpeakerCommand, VoiceIDClient, paginateListSpeakers } from '@aws-sdk/client-voice-id';
import { startEmulator } from '../src/emulator/index.js';

const { values: args } = parseArgs({
  options: {
    // 5,000 by default: calls per second and CPU per call are the figures, and they hold at this size; 20,000 (the
    // EMULATOR.md §11 figures) took 108 s of `npm run bench`'s 10-minute budget.
    calls: { type: 'string', default: '5000' },
    concurrency: { type: 'string', default: '50' },
    'no-state': { type: 'boolean', default: false },
  },
});
const calls = Number(args.calls);
const concurrency = Number(args.concurrency);
const dir = mkdtempSync(join(tmpdir(), 'voiceid-bench-state-'));
const statePath = args['no-state'] ? undefined : join(dir, 'state.json');
const size = (p: string): string => {
  try {
    return `${(statSync(p).size / 1e6).toFixed(1)} MB`;
  } catch {
    return '-';
  }
};

const client = (endpoint: string): VoiceIDClient =>
  new VoiceIDClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' }, maxAttempts: 1 });

try {
  const emu = await startEmulator({ port: 0, pageSize: 100, ...(statePath === undefined ? {} : { statePath }) });
  const voiceId = client(emu.endpoint);
  const created = await voiceId.send(new CreateDomainCommand({ Name: 'bench', ServerSideEncryptionConfiguration: { KmsKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab' } }));
  const domainId = created.Domain!.DomainId!;
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < calls) {
        const i = next++;
        await voiceId.send(new OptOutSpeakerCommand({ DomainId: domainId, SpeakerId: `cust-${i}` }));
      }
    }),
  );
  const wall = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  // CPU time (client + emulator, one process) is steadier than wall time on a shared, loaded machine.
  const cpuS = (used.user + used.system) / 1e6;
  const beforeClose = statePath === undefined ? '-' : `state ${size(statePath)}, journal ${size(`${statePath}.journal`)}`;
  const closing = performance.now();
  await emu.close();
  const closeS = (performance.now() - closing) / 1000;
  voiceId.destroy();
  process.stdout.write(
    `${calls.toLocaleString('en-US')} OptOutSpeaker calls, ${concurrency} in flight, ${statePath === undefined ? 'no state file' : 'with a state file'}: ` +
      `${wall.toFixed(2)} s wall (${Math.round(calls / wall).toLocaleString('en-US')}/s), ${cpuS.toFixed(2)} s CPU; files before close: ${beforeClose}; close ${closeS.toFixed(2)} s\n`,
  );
  if (statePath !== undefined) {
    const again = await startEmulator({ port: 0, pageSize: 100, statePath });
    const reader = client(again.endpoint);
    let n = 0;
    for await (const page of paginateListSpeakers({ client: reader, pageSize: 100 }, { DomainId: domainId, MaxResults: 100 })) n += page.SpeakerSummaries?.length ?? 0;
    reader.destroy();
    await again.close();
    process.stdout.write(`after a restart: ${n.toLocaleString('en-US')} speakers listed (expected ${calls.toLocaleString('en-US')})\n`);
    if (n !== calls) process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
