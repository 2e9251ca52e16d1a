/**
 * Voice ID's documented default API quotas (TPS per account per Region) and resource quotas.
 * Source: Amazon Connect Administrator Guide, "Amazon Connect Voice ID service quotas" / "API throttling quotas"
 * (https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-service-limits.html#voiceid-api-quotas),
 * as recorded in ../shared/reference/voice-id-facts.md §2. Watchlist and fraudster-association APIs are not in the
 * published table; 2 TPS is our conservative inference. Both the emulator's server-side limiter and the client-side
 * pacing read this one table.
 */

/** The published table's rows: each operation of a row has the row's rate (see quotaBucket). */
export const QUOTA_GROUPS = {
  domain: { tps: 2, operations: ['CreateDomain', 'DescribeDomain', 'UpdateDomain', 'DeleteDomain', 'ListDomains'] },
  batch: {
    tps: 2,
    operations: [
      'StartSpeakerEnrollmentJob',
      'DescribeSpeakerEnrollmentJob',
      'ListSpeakerEnrollmentJobs',
      'StartFraudsterRegistrationJob',
      'DescribeFraudsterRegistrationJob',
      'ListFraudsterRegistrationJobs',
    ],
  },
  listSpeakers: { tps: 5, operations: ['ListSpeakers'] },
  evaluateSession: { tps: 60, operations: ['EvaluateSession'] },
  tags: { tps: 2, operations: ['TagResource', 'UntagResource', 'ListTagsForResource'] },
  /** INFERRED: not in the published table. */
  watchlist: {
    tps: 2,
    operations: [
      'CreateWatchlist',
      'DescribeWatchlist',
      'UpdateWatchlist',
      'DeleteWatchlist',
      'ListWatchlists',
      'AssociateFraudster',
      'DisassociateFraudster',
      'ListFraudsters',
    ],
  },
} as const;

/** Operations of the 10 TPS row, which the emulator and the client also pace one bucket per operation. */
export const PER_OPERATION_TPS: Readonly<Record<string, number>> = {
  DescribeSpeaker: 10,
  OptOutSpeaker: 10,
  DeleteSpeaker: 10,
  DescribeFraudster: 10,
  DeleteFraudster: 10,
};

export type QuotaGroup = keyof typeof QUOTA_GROUPS;

/**
 * The quota bucket an operation draws from. Each row of the published table names several APIs with one rate;
 * AWS applies such a rate to each API separately, so every operation is its own bucket.
 */
export function quotaBucket(operation: string): string {
  return operation;
}

/** Default TPS of an operation; undefined for operations without a documented or inferred quota. */
export function defaultTps(operation: string): number | undefined {
  for (const def of Object.values(QUOTA_GROUPS)) {
    if ((def.operations as readonly string[]).includes(operation)) return def.tps;
  }
  return PER_OPERATION_TPS[operation];
}

export const RESOURCE_QUOTAS = {
  domainsPerAccount: 3,
  speakersPerDomain: 100_000,
  fraudstersPerWatchlist: 500,
  watchlistsPerDomain: 3,
  /** INFERRED from Amazon Connect's 50 tags per resource; the API accepts 200 per call. */
  tagsPerDomain: 50,
  activeJobsPerKindPerDomain: 1,
  speakersPerEnrollmentJob: 10_000,
  fraudstersPerRegistrationJob: 500,
} as const;
