/**
 * The local Voice ID emulator: `startEmulator(options)` -> a running HTTP server that the real AWS SDK clients
 * cannot tell from the service (behaviour spec: EMULATOR.md).
 */
import type { AddressInfo } from 'node:net';
import type { RerunHint } from '../model/command-line.js';
import { userError } from '../model/errors.js';
import { RESOURCE_QUOTAS } from '../model/quotas.js';
import { createAdmin } from './admin.js';
import { checkFaults } from './admin-input.js';
import { EmulatorCore } from './core.js';
import { FaultInjector } from './faults.js';
import { DEFAULT_KMS_KEYS, KmsRegistry } from './kms.js';
import type { Limits, OpContext } from './ops/context.js';
import type { Journal } from './journal.js';
import { cryptoSeed, mulberry32 } from './random.js';
import { RateLimiter } from './rate-limit.js';
import { createEmulatorServer, PendingTimers } from './server.js';
import { Recorder, type StepRecord } from './recorder.js';
import { openState, writeFailed } from './recovery.js';
import { lockStateFile } from './state-lock.js';
import { Store } from './store.js';
import type { EmulatorOptions, RunningEmulator } from './types.js';

export type * from './types.js';
export { DEFAULT_KMS_KEYS } from './kms.js';
export { lockStateFile } from './state-lock.js';

export function resolveLimits(o: EmulatorOptions): Limits {
  return {
    region: o.region ?? 'us-east-1',
    accountId: o.accountId ?? '111122223333',
    pageSize: Math.min(100, Math.max(1, o.pageSize ?? 5)),
    maxDomains: o.maxDomains ?? RESOURCE_QUOTAS.domainsPerAccount,
    maxSpeakersPerDomain: o.maxSpeakersPerDomain ?? RESOURCE_QUOTAS.speakersPerDomain,
    maxFraudstersPerWatchlist: o.maxFraudstersPerWatchlist ?? RESOURCE_QUOTAS.fraudstersPerWatchlist,
    maxWatchlistsPerDomain: o.maxWatchlistsPerDomain ?? RESOURCE_QUOTAS.watchlistsPerDomain,
    maxTagsPerDomain: o.maxTagsPerDomain ?? RESOURCE_QUOTAS.tagsPerDomain,
    kmsUpdateDelayMs: o.kmsUpdateDelayMs ?? 2000,
    jobStepMs: o.jobStepMs ?? 1000,
    idempotencyWindowMs: o.idempotencyWindowMs ?? 24 * 60 * 60 * 1000,
  };
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  // The server and `--local` runs take the same lock, before the file is read (EMULATOR.md §11).
  const unlock = options.statePath === undefined ? async () => undefined : await lockStateFile(options.statePath);
  try {
    return await start(options, unlock);
  } catch (e) {
    await unlock();
    throw e;
  }
}

async function start(options: EmulatorOptions, unlock: () => Promise<void>): Promise<RunningEmulator> {
  const limits = resolveLimits(options);
  const random = options.random ?? mulberry32(options.faults?.seed !== undefined ? options.faults.seed ^ 0x5eed : cryptoSeed());
  let journal: Journal | undefined;
  // Handlers read the clock and the PRNG through the recorder, so the journal can replay them exactly.
  const recorder = new Recorder(options.now ?? Date.now, random, () => void journal?.checkpoint().catch(() => undefined));
  const store = new Store(() => recorder.changed());
  const kmsKeys = options.kmsKeys ?? DEFAULT_KMS_KEYS;
  const ctx: OpContext = { store, kms: new KmsRegistry(kmsKeys, limits.region, limits.accountId), limits, now: recorder.now, random: recorder.random };
  if (options.statePath !== undefined) journal = await openState(options.statePath, ctx, recorder, kmsKeys);
  const sink = journal && { recorder, append: (rec: StepRecord) => journal.append(rec) };
  const core = new EmulatorCore(ctx, new RateLimiter(options.quotaScale ?? 0, options.now ?? Date.now, options.tpsOverrides), new FaultInjector(checkFaults(options.faults ?? {})), sink);
  /** Everything changed so far is on disk (resolves at once without a state file). */
  const durable = async (): Promise<void> => {
    await journal?.idle();
    if (journal?.failure !== undefined) throw writeFailed(options.statePath!, journal.failure);
  };
  const admin = createAdmin(core, durable);
  const timers = new PendingTimers();
  const server = createEmulatorServer(core, admin, timers, durable);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(listenError(e, host, options.port ?? 0)));
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  const close = async (): Promise<void> => {
    // Pending latency timers end now and every socket closes, so close() never waits on a client.
    timers.cancelAll();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    try {
      await journal?.close();
    } finally {
      await unlock();
    }
    // A lost state file must not pass for success: `apply --local` would report changes that are gone.
    if (journal?.failure !== undefined) throw writeFailed(options.statePath!, journal.failure);
  };
  return {
    endpoint: `http://${shownHost}:${port}`,
    port,
    admin,
    close: () => (closing ??= close()),
  };
}

/** `emulator --port` is the user's choice: a taken or privileged port is their error, said in one line. */
function listenError(e: NodeJS.ErrnoException, host: string, port: number): Error {
  const why = e.code === 'EADDRINUSE' ? 'the port is already in use' : e.code === 'EACCES' ? 'permission denied (ports below 1024 need privileges)' : e.code === 'EADDRNOTAVAIL' ? 'no such address on this machine' : undefined;
  if (why === undefined) return e;
  const code = e.code === 'EADDRINUSE' ? 'EMULATOR_PORT_IN_USE' : 'EMULATOR_LISTEN_FAILED';
  const hint: RerunHint = e.code === 'EADDRNOTAVAIL'
    ? { add: ['--host', '127.0.0.1'], say: (c) => `pass an address of this machine as --host: ${c}` }
    : { add: ['--port', '0'], say: (c) => `pass another --port, or any free port: ${c}` };
  return userError(code, `cannot listen on ${host}:${port}: ${why}`, hint);
}
