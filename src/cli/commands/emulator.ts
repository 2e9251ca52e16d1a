/**
 * `voiceid-gitops emulator`: runs the local Voice ID emulator in the foreground until interrupted (CONTRACT §2).
 * Defaults differ from the in-process form on purpose: a fixed port, real quotas (scale 1) and full pages.
 */
import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { EmulatorOptions, FaultConfig } from '../../emulator/index.js';
import { nonNegativeNumber, positiveInt } from '../common-options.js';
import type { CommandContext } from '../run.js';
import { registerEmulatorReset } from './emulator-reset.js';
import type { RegisterCommand } from './index.js';

interface EmulatorCliOptions {
  readonly port: number;
  readonly host: string;
  readonly state?: string;
  readonly quotaScale: number;
  readonly pageSize: number;
  readonly maxDomains?: number;
  readonly kmsUpdateDelay?: number;
  readonly jobStep?: number;
  readonly throttleRate?: number;
  readonly errorRate?: number;
  readonly dropRate?: number;
  readonly latency?: FaultConfig['latencyMs'];
  readonly seed?: number;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number (0-65535)');
  return n;
}

function rate(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('must be a share between 0 and 1');
  return n;
}

/** `--latency 50` or `--latency 20-200` (milliseconds). */
export function latency(value: string): FaultConfig['latencyMs'] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(value.trim());
  if (!m) throw new InvalidArgumentError('must be MS or MIN-MAX in milliseconds');
  const min = Number(m[1]);
  if (m[2] === undefined) return min;
  const max = Number(m[2]);
  if (max < min) throw new InvalidArgumentError('MAX must be at least MIN');
  return { min, max };
}

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number of at least 0');
  return n;
}

export function emulatorOptions(o: EmulatorCliOptions): EmulatorOptions {
  const faults: FaultConfig = {
    seed: o.seed,
    throttleRate: o.throttleRate,
    errorRate: o.errorRate,
    dropRate: o.dropRate,
    latencyMs: o.latency,
  };
  return {
    port: o.port,
    host: o.host,
    statePath: o.state,
    quotaScale: o.quotaScale,
    pageSize: o.pageSize,
    maxDomains: o.maxDomains,
    kmsUpdateDelayMs: o.kmsUpdateDelay,
    jobStepMs: o.jobStep,
    faults,
  };
}

async function runEmulator(o: EmulatorCliOptions, ctx: CommandContext): Promise<void> {
  const { deps } = ctx;
  const statePath = o.state === undefined ? undefined : resolve(deps.cwd, o.state);
  // Loaded when the command runs: every other command starts faster without the emulator's modules.
  const { startEmulator } = await import('../../emulator/index.js');
  const emu = await startEmulator(emulatorOptions({ ...o, state: statePath }));
  deps.stdout(
    [
      `Voice ID emulator listening on ${emu.endpoint}`,
      `  export AWS_ENDPOINT_URL=${emu.endpoint}`,
      '  export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local   # any non-empty credentials work',
      `  admin API: ${emu.endpoint}/_emulator/state${statePath === undefined ? '' : `   state file: ${statePath}`}`,
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    if (deps.signal.aborted) resolve();
    else deps.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await emu.close();
  deps.stderr('Voice ID emulator stopped\n');
}

export const registerEmulator: RegisterCommand = (program: Command, ctx: CommandContext) => {
  const emulator = program
    .command('emulator')
    .description('run the local Voice ID emulator (AWS JSON 1.0 on one port) until interrupted')
    .option('--port <n>', 'port to listen on (0 = any free port)', port, 4599)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--state <file>', 'persist state to this JSON file (reloaded on start)')
    .option('--quota-scale <s>', 'API rate limits at S x the documented TPS (0 = off)', nonNegativeNumber, 1)
    .option('--page-size <n>', 'server page size of List operations (1-100)', positiveInt, 100)
    .option('--max-domains <n>', 'active domains per account (a quota increase)', positiveInt)
    .option('--kms-update-delay <ms>', 'KMS re-encryption IN_PROGRESS -> COMPLETED after this long', wholeNumber)
    .option('--job-step <ms>', 'batch jobs move SUBMITTED -> IN_PROGRESS -> COMPLETED every MS', wholeNumber)
    .option('--throttle-rate <r>', 'share of calls answered ThrottlingException (0-1)', rate)
    .option('--error-rate <r>', 'share of calls answered InternalServerException (0-1)', rate)
    .option('--drop-rate <r>', 'share of calls whose connection is dropped (0-1)', rate)
    .option('--latency <ms>', 'added latency: MS or MIN-MAX', latency)
    .option('--seed <n>', 'seed of the fault and id generator (reproducible runs)', wholeNumber)
    .action(async (o: EmulatorCliOptions) => runEmulator(o, ctx));
  registerEmulatorReset(emulator, ctx);
};
