/**
 * The one place SDK clients are built (Voice ID, Resource Groups Tagging, KMS), from the standard AWS
 * configuration resolved against the injected env (client-config.ts), and wrapped in the narrow interfaces.
 *
 * Retry policy, decided here: the SDK's own retries are OFF (`maxAttempts: 1`) and the pacer owns the retry
 * loop. Two stacked retry loops would multiply attempts (SDK 3 x ours 10), the SDK's loop sleeps on the real
 * clock (tests could not fake it), knows nothing of our per-operation quota buckets (its retries would bypass
 * pacing), and would not be counted in the statistics the benchmarks print.
 */
import { VoiceIDClient } from '@aws-sdk/client-voice-id';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { KMSClient } from '@aws-sdk/client-kms';
import type { AwsApis } from './api.js';
import type { CallStats } from './call-stats.js';
import { resolveConnection } from './client-config.js';
import type { AwsConnectionOptions, ResolvedConnection, ServiceKey } from './client-config.js';
import { createPacer } from './pacer.js';
import type { Pacer, PacerOptions } from './pacer.js';
import { kmsApiOf, taggingApiOf, voiceIdApiOf } from './sdk-adapters.js';
import { classifyAwsError } from './errors.js';
import { dropUndefined } from '../model/collections.js';

export interface AwsClientOptions extends AwsConnectionOptions {
  readonly pacing?: PacerOptions;
  /** Per-request socket timeout; a hung connection becomes a retryable TimeoutError. Default 60 s. */
  readonly requestTimeoutMs?: number;
}

export interface AwsClients extends AwsApis {
  readonly connection: ResolvedConnection;
  readonly pacer: Pacer;
  readonly stats: () => CallStats;
  /** The Region the clients use (from options, env, or the profile's shared config). */
  region(): Promise<string>;
  /** Closes the sockets of all three clients. */
  destroy(): void;
}

export function createAwsClients(options: AwsClientOptions): AwsClients {
  const connection = resolveConnection(options);
  const common = (key: ServiceKey) => ({
    ...(connection.region ? { region: connection.region } : {}),
    ...(connection.profile ? { profile: connection.profile } : {}),
    ...(connection.credentials ? { credentials: { ...connection.credentials } } : {}),
    ...(connection.endpoints[key] ? { endpoint: connection.endpoints[key] } : {}),
    ignoreConfiguredEndpointUrls: connection.ignoreConfiguredEndpointUrls,
    maxAttempts: 1,
    // throwOnRequestTimeout: without it the handler only logs a warning and a hung connection waits forever.
    requestHandler: { requestTimeout: options.requestTimeoutMs ?? 60_000, connectionTimeout: 10_000, throwOnRequestTimeout: true },
  });
  const voiceIdClient = new VoiceIDClient(common('voiceId'));
  const taggingClient = new ResourceGroupsTaggingAPIClient(common('tagging'));
  const kmsClient = new KMSClient(common('kms'));
  // The endpoint each call goes to, for network failures: the configured one, else the service's in the Region.
  const endpoint = (key: ServiceKey, prefix: string): string | undefined =>
    connection.endpoints[key] ?? (connection.region ? `https://${prefix}.${connection.region}.amazonaws.com` : undefined);
  const endpoints = { voiceid: endpoint('voiceId', 'voiceid'), tag: endpoint('tagging', 'tagging'), kms: endpoint('kms', 'kms') };
  const pacer = createPacer({
    ...options.pacing,
    endpoints: dropUndefined(endpoints) as PacerOptions['endpoints'],
    ...(connection.region ? { region: connection.region } : {}),
    ...(connection.profile ? { profile: connection.profile } : {}),
  });

  return {
    connection,
    pacer,
    voiceId: voiceIdApiOf(voiceIdClient, pacer),
    tagging: taggingApiOf(taggingClient, pacer),
    kms: kmsApiOf(kmsClient, pacer),
    stats: () => pacer.stats(),
    async region() {
      try {
        return await voiceIdClient.config.region();
      } catch (e) {
        throw classifyAwsError(e, { service: 'voiceid', operation: 'ResolveRegion' });
      }
    },
    destroy() {
      voiceIdClient.destroy();
      taggingClient.destroy();
      kmsClient.destroy();
    },
  };
}
