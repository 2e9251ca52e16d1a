/** The emulator's public types (a fixed contract: other engineers and the conformance tests code against it). */

export interface FaultConfig {
  /** PRNG seed; same seed + same call sequence => same faults. */
  readonly seed?: number;
  /** 0..1 share of Voice ID/KMS/tagging calls answered ThrottlingException. */
  readonly throttleRate?: number;
  /** 0..1 share answered 500 InternalServerException. */
  readonly errorRate?: number;
  /** 0..1 share whose socket is destroyed without a response. */
  readonly dropRate?: number;
  /** 0..1 share whose operation IS applied, then the socket is destroyed. */
  readonly dropAfterActionRate?: number;
  readonly latencyMs?: number | { readonly min: number; readonly max: number };
  /** Restrict faults to these operations (default: all). */
  readonly operations?: readonly string[];
}

export interface SeedKmsKey {
  readonly keyId: string;
  readonly aliases?: readonly string[];
  readonly keyState?: 'Enabled' | 'Disabled' | 'PendingDeletion';
}

export interface EmulatorOptions {
  readonly port?: number;
  readonly host?: string;
  readonly statePath?: string;
  readonly region?: string;
  readonly accountId?: string;
  readonly pageSize?: number;
  readonly quotaScale?: number;
  readonly tpsOverrides?: Readonly<Record<string, number>>;
  readonly maxDomains?: number;
  readonly maxSpeakersPerDomain?: number;
  readonly maxFraudstersPerWatchlist?: number;
  readonly maxWatchlistsPerDomain?: number;
  readonly maxTagsPerDomain?: number;
  readonly kmsUpdateDelayMs?: number;
  readonly jobStepMs?: number;
  readonly idempotencyWindowMs?: number;
  readonly faults?: FaultConfig;
  readonly kmsKeys?: readonly SeedKmsKey[];
  readonly now?: () => number;
  readonly random?: () => number;
}

export type SeedDomainStatus = 'ACTIVE' | 'PENDING' | 'SUSPENDED';
export type SeedSpeakerStatus = 'ENROLLED' | 'EXPIRED' | 'OPTED_OUT' | 'PENDING';
export type SeedJobStatus = 'SUBMITTED' | 'IN_PROGRESS' | 'COMPLETED' | 'COMPLETED_WITH_ERRORS' | 'FAILED';

export interface SeedJob {
  readonly jobName?: string;
  /** Fixed status; absent = SUBMITTED now and progressing with the clock. */
  readonly status?: SeedJobStatus;
}

export interface SeedDomain {
  readonly name: string;
  readonly description?: string;
  /** Default: the first seeded KMS key's ARN. */
  readonly kmsKeyId?: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly status?: SeedDomainStatus;
  readonly encryptionUpdate?: { readonly status: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED'; readonly oldKmsKeyId?: string; readonly message?: string };
  readonly watchlists?: readonly { readonly name: string; readonly description?: string }[];
  readonly speakers?: readonly { readonly customerSpeakerId: string; readonly status?: SeedSpeakerStatus }[];
  readonly bulkSpeakers?: { readonly count: number; readonly prefix: string; readonly status?: SeedSpeakerStatus };
  /** Watchlist names; the default watchlist is `Default` (also used when the list is empty). */
  readonly fraudsters?: readonly { readonly watchlists?: readonly string[] }[];
  readonly enrollmentJobs?: readonly SeedJob[];
  readonly registrationJobs?: readonly SeedJob[];
}

export interface SeedState {
  readonly domains?: readonly SeedDomain[];
}

export interface SeedResult {
  readonly domainIds: readonly string[];
  readonly domainArns: readonly string[];
  /** Per seeded domain (same order): watchlist name -> id, `Default` included. */
  readonly watchlistIds: readonly Readonly<Record<string, string>>[];
  /** Per seeded domain: generated fraudster ids in seed order. */
  readonly fraudsterIds: readonly (readonly string[])[];
  /** Per seeded domain: generated speaker ids of the explicit speakers, in seed order. */
  readonly speakerIds: readonly (readonly string[])[];
  readonly enrollmentJobIds: readonly (readonly string[])[];
  readonly registrationJobIds: readonly (readonly string[])[];
}

/** The full state as plain JSON (also the persisted file's content). */
export interface EmulatorSnapshot {
  readonly version: 1;
  readonly seq: number;
  readonly domains: readonly unknown[];
  readonly idempotency: readonly unknown[];
  /** In the state file: the number of the last journal record it holds (EMULATOR.md §11). */
  readonly journal?: number;
}

export interface EmulatorAdmin {
  seed(state: SeedState): Promise<SeedResult>;
  snapshot(): EmulatorSnapshot;
  /** New ENROLLED speakers in an ACTIVE domain (what Amazon Connect's enrollment does outside the Voice ID API). */
  enroll(domainId: string, customerSpeakerIds: readonly string[]): Promise<{ readonly enrolled: number }>;
  setFaults(faults: FaultConfig): void;
  callCounts(): Readonly<Record<string, number>>;
  resetCallCounts(): void;
  reset(): void;
}

export interface RunningEmulator {
  readonly endpoint: string;
  readonly port: number;
  readonly admin: EmulatorAdmin;
  close(): Promise<void>;
}
