/**
 * Emulator-backed fixture for the live reader: an in-process emulator with a fixed clock, the REAL SDK clients
 * from createAwsClients (local mode), no client pacing and an instant sleep, so tests are fast and never wait.
 */
import { startEmulator } from '../../src/emulator/index.js';
import type { EmulatorOptions, RunningEmulator } from '../../src/emulator/index.js';
import { createAwsClients } from '../../src/aws/index.js';
import type { AwsClients, PacerOptions } from '../../src/aws/index.js';
import type { DesiredDomain, DesiredState } from '../../src/model/desired.js';

export const T0 = Date.UTC(2026, 10, 21, 10, 0, 0);
export const T0_ISO = '2026-11-21T10:00:00.000Z';
export const KEY_1 = '1234abcd-12ab-34cd-56ef-1234567890ab';
export const KEY_2 = '0987dcba-09fe-87dc-65ba-ab0987654321';
export const KEY_1_ARN = `arn:aws:kms:us-east-1:111122223333:key/${KEY_1}`;
export const KEY_2_ARN = `arn:aws:kms:us-east-1:111122223333:key/${KEY_2}`;
export const SEED_ROLE = 'arn:aws:iam::111122223333:role/VoiceIdEmulatorSeed';

export interface Fixture {
  readonly emulator: RunningEmulator;
  readonly aws: AwsClients;
  close(): Promise<void>;
}

export async function startFixture(options: EmulatorOptions = {}, pacing: PacerOptions = {}): Promise<Fixture> {
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1', now: () => T0, maxDomains: 10, ...options });
  const aws = createAwsClients({
    env: {},
    localEndpoint: emulator.endpoint,
    pacing: { rateLimits: { scale: 0 }, sleep: async () => undefined, ...pacing },
  });
  return {
    emulator,
    aws,
    close: async () => {
      aws.destroy();
      await emulator.close();
    },
  };
}

export function desiredDomain(key: string, fields: Partial<DesiredDomain> = {}): DesiredDomain {
  return { key, name: key, kmsKeyId: 'alias/voiceid', tags: {}, optedOutSpeakers: [], watchlists: [], enrollmentJobs: [], fraudsterRegistrationJobs: [], ...fields };
}

export function desiredState(stack: string, domains: readonly DesiredDomain[]): DesiredState {
  return { version: 1, stack, prune: false, domains };
}

export const owner = (stack: string, key: string): Record<string, string> => ({ 'voiceid-gitops:stack': stack, 'voiceid-gitops:key': key });
