/**
 * Benchmark (not a test): kill -9 of an emulator with a state file F (a child process) during a burst of OptOutSpeaker calls,
 * then a count of the acknowledged calls (answered 200) against the speakers a new emulator finds in F.
 *
 *   npx tsx bench/state-kill9.ts [--acks 4000] [--concurrency 50]
 *
 * Prints acknowledged, in flight at the kill, recovered, and lost (acknowledged but not recovered: must be 0).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startEmulator } from '../src/emulator/index.js';

const { values: args } = parseArgs({ options: { acks: { type: 'string', default: '4000' }, concurrency: { type: 'string', default: '50' }, serve: { type: 'string' } } });
if (args.serve !== undefined) {
  // Child: the emulator with a state file, as `voiceid-gitops emulator --state` runs it.
  const emu = await startEmulator({ port: 0, statePath: args.serve });
  process.stdout.write(`listening on ${emu.endpoint}\n`);
  await new Promise(() => undefined);
}
const target = Number(args.acks);
const concurrency = Number(args.concurrency);
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'voiceid-bench-kill-'));
const statePath = join(dir, 'state.json');
const AUTH = 'AWS4-HMAC-SHA256 Credential=bench/20261201/us-east-1/voiceid/aws4_request, SignedHeaders=host, Signature=00';

try {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve', statePath], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const endpoint = await new Promise<string>((resolve) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
  });
  const exited = new Promise((r) => child.once('exit', r));
  const seed = await fetch(`${endpoint}/_emulator/seed`, { method: 'POST', body: '{"domains":[{"name":"kill"}]}' });
  const domainId = ((await seed.json()) as { domainIds: string[] }).domainIds[0]!;
  const acknowledged: string[] = [];
  let next = 0;
  let killed = false;
  let inFlightAtKill = 0;
  let inFlight = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (!killed) {
      const id = `cust-${next++}`;
      inFlight++;
      const r = await fetch(`${endpoint}/`, {
        method: 'POST', body: JSON.stringify({ DomainId: domainId, SpeakerId: id }),
        headers: { 'x-amz-target': 'VoiceID.OptOutSpeaker', 'content-type': 'application/x-amz-json-1.0', authorization: AUTH },
      }).catch(() => undefined);
      inFlight--;
      if (r?.status === 200) acknowledged.push(id);
      if (acknowledged.length >= target && !killed) {
        killed = true;
        inFlightAtKill = inFlight;
        child.kill('SIGKILL');
      }
    }
  }));
  await exited;
  const again = await startEmulator({ statePath });
  const state = again.admin.snapshot() as unknown as { domains: { speakers: { customerSpeakerId: string }[] }[] };
  await again.close();
  const kept = new Set(state.domains[0]!.speakers.map((s) => s.customerSpeakerId));
  const lost = acknowledged.filter((id) => !kept.has(id)).length;
  process.stdout.write(`kill -9 after ${acknowledged.length.toLocaleString('en-US')} acknowledged OptOutSpeaker calls (${inFlightAtKill} in flight): ` +
    `${kept.size.toLocaleString('en-US')} recovered, ${lost} acknowledged but lost\n`);
  if (lost > 0) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
