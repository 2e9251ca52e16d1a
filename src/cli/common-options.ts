import { InvalidArgumentError, type Command } from 'commander';
import { isRegionName } from '../config/index.js';

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

/** Checked up front: the SDK would only fail at the first call, with "Invalid URL (TypeError)" as an AWS error. */
export function endpointUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') throw new InvalidArgumentError('must be an http:// or https:// URL, e.g. http://127.0.0.1:4599');
  return value;
}

/** Checked up front: the SDK rejects a malformed Region, which read as "no AWS Region is configured". */
export function regionName(value: string): string {
  if (!isRegionName(value)) throw new InvalidArgumentError('must be an AWS Region name such as us-east-1');
  return value;
}

/** Adds the options shared by every command that talks to Voice ID (CONTRACT §2). */
export function withCommonOptions(cmd: Command): Command {
  return cmd
    .option('--region <region>', 'AWS Region (default: from the AWS configuration)', regionName)
    .option('--profile <name>', 'AWS shared-config profile')
    .option('--endpoint-url <url>', 'endpoint for every service (overrides AWS_ENDPOINT_URL*)', endpointUrl)
    .option('--local', 'run against the embedded emulator (state in .voiceid-local/state.json)')
    .option('--local-state <file>', 'state file of the embedded emulator (implies --local)')
    .option('--local-max-domains <n>', 'domains the embedded emulator allows (Voice ID\'s quota: 3; implies --local)', positiveInt)
    .option('--no-color', 'never colour the output')
    .option('--show-sensitive', 'show customer speaker ids unmasked')
    .option('--concurrency <n>', 'maximum concurrent API calls', positiveInt)
    .option('--debug', 'print error details (AWS request ids, stack traces)');
}

/** `--root DIR` on the commands that take PATHs (CONTRACT §8: files read must resolve inside it). */
export function withRootOption(cmd: Command): Command {
  return cmd.option('--root <dir>', 'read only files that resolve inside DIR: YAML found under the PATHs and files named in YAML (default: each PATH\'s git top-level, else the PATH itself or a file\'s folder)');
}
