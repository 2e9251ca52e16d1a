import { InvalidArgumentError, type Command } from 'commander';

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of at least 1');
  return n;
}

export function nonNegativeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('must be a number of at least 0');
  return n;
}

/** Adds the options shared by every command that talks to Voice ID (CONTRACT §2). */
export function withCommonOptions(cmd: Command): Command {
  return cmd
    .option('--region <region>', 'AWS Region (default: from the AWS configuration)')
    .option('--profile <name>', 'AWS shared-config profile')
    .option('--endpoint-url <url>', 'endpoint for every service (overrides AWS_ENDPOINT_URL*)')
    .option('--local', 'run against the embedded emulator (state in .voiceid-local/state.json)')
    .option('--local-state <file>', 'state file of the embedded emulator (implies --local)')
    .option('--no-color', 'never colour the output')
    .option('--show-sensitive', 'show customer speaker ids unmasked')
    .option('--concurrency <n>', 'maximum concurrent API calls', positiveInt)
    .option('--debug', 'print error details (AWS request ids, stack traces)');
}
