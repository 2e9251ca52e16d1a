/**
 * The narrow, hand-written service interfaces the rest of the tool depends on (in the manner of aws-cdk-cli's
 * `ICloudFormationClient`): src/live and src/apply call these, never an SDK client, so tests can hand in fakes
 * and the SDK stays behind one boundary. Implementations built by `createAwsClients` pace every call through
 * the per-operation rate limiters, retry transient faults with the same input, and throw only GitopsError.
 */
import type {
  AwsTag,
  CreateDomainInput,
  DescribeKeyOutput,
  DomainShape,
  FraudsterRegistrationJobShape,
  FraudsterSummaryShape,
  GetResourcesInput,
  GetResourcesOutput,
  JobSummaryShape,
  Paged,
  SpeakerEnrollmentJobShape,
  SpeakerShape,
  StartFraudsterRegistrationJobInput,
  StartSpeakerEnrollmentJobInput,
  UpdateDomainInput,
  WatchlistShape,
} from './shapes.js';
import type { CallStats } from './call-stats.js';

export type * from './shapes.js';

interface DomainScoped {
  readonly DomainId: string;
}

export interface VoiceIdApi {
  listDomains(input: Paged): Promise<{ readonly DomainSummaries?: readonly DomainShape[]; readonly NextToken?: string }>;
  describeDomain(input: DomainScoped): Promise<{ readonly Domain?: DomainShape }>;
  createDomain(input: CreateDomainInput): Promise<{ readonly Domain?: DomainShape }>;
  updateDomain(input: UpdateDomainInput): Promise<{ readonly Domain?: DomainShape }>;
  deleteDomain(input: DomainScoped): Promise<unknown>;

  listTagsForResource(input: { readonly ResourceArn: string }): Promise<{ readonly Tags?: readonly AwsTag[] }>;
  tagResource(input: { readonly ResourceArn: string; readonly Tags: readonly { readonly Key: string; readonly Value: string }[] }): Promise<unknown>;
  untagResource(input: { readonly ResourceArn: string; readonly TagKeys: readonly string[] }): Promise<unknown>;

  listSpeakers(input: DomainScoped & Paged): Promise<{ readonly SpeakerSummaries?: readonly SpeakerShape[]; readonly NextToken?: string }>;
  describeSpeaker(input: DomainScoped & { readonly SpeakerId: string }): Promise<{ readonly Speaker?: SpeakerShape }>;
  optOutSpeaker(input: DomainScoped & { readonly SpeakerId: string }): Promise<{ readonly Speaker?: SpeakerShape }>;
  deleteSpeaker(input: DomainScoped & { readonly SpeakerId: string }): Promise<unknown>;

  listWatchlists(input: DomainScoped & Paged): Promise<{ readonly WatchlistSummaries?: readonly WatchlistShape[]; readonly NextToken?: string }>;
  createWatchlist(input: DomainScoped & { readonly Name: string; readonly Description?: string; readonly ClientToken: string }): Promise<{ readonly Watchlist?: WatchlistShape }>;
  updateWatchlist(input: DomainScoped & { readonly WatchlistId: string; readonly Name?: string; readonly Description?: string }): Promise<{ readonly Watchlist?: WatchlistShape }>;
  deleteWatchlist(input: DomainScoped & { readonly WatchlistId: string }): Promise<unknown>;
  listFraudsters(input: DomainScoped & Paged & { readonly WatchlistId?: string }): Promise<{ readonly FraudsterSummaries?: readonly FraudsterSummaryShape[]; readonly NextToken?: string }>;
  /** Both answer the fraudster with every watchlist it is in once the call is done. */
  associateFraudster(input: DomainScoped & { readonly WatchlistId: string; readonly FraudsterId: string }): Promise<{ readonly Fraudster?: FraudsterSummaryShape }>;
  disassociateFraudster(input: DomainScoped & { readonly WatchlistId: string; readonly FraudsterId: string }): Promise<{ readonly Fraudster?: FraudsterSummaryShape }>;
  describeFraudster(input: DomainScoped & { readonly FraudsterId: string }): Promise<{ readonly Fraudster?: FraudsterSummaryShape }>;
  deleteFraudster(input: DomainScoped & { readonly FraudsterId: string }): Promise<unknown>;

  listSpeakerEnrollmentJobs(input: DomainScoped & Paged): Promise<{ readonly JobSummaries?: readonly JobSummaryShape[]; readonly NextToken?: string }>;
  describeSpeakerEnrollmentJob(input: DomainScoped & { readonly JobId: string }): Promise<{ readonly Job?: SpeakerEnrollmentJobShape }>;
  startSpeakerEnrollmentJob(input: StartSpeakerEnrollmentJobInput): Promise<{ readonly Job?: SpeakerEnrollmentJobShape }>;
  listFraudsterRegistrationJobs(input: DomainScoped & Paged): Promise<{ readonly JobSummaries?: readonly JobSummaryShape[]; readonly NextToken?: string }>;
  describeFraudsterRegistrationJob(input: DomainScoped & { readonly JobId: string }): Promise<{ readonly Job?: FraudsterRegistrationJobShape }>;
  startFraudsterRegistrationJob(input: StartFraudsterRegistrationJobInput): Promise<{ readonly Job?: FraudsterRegistrationJobShape }>;
}

export interface TaggingApi {
  getResources(input: GetResourcesInput): Promise<GetResourcesOutput>;
}

export interface KmsApi {
  describeKey(input: { readonly KeyId: string }): Promise<DescribeKeyOutput>;
}

/** The three services together, as `createAwsClients` returns them and `readLiveState` takes them. */
export interface AwsApis {
  readonly voiceId: VoiceIdApi;
  readonly tagging: TaggingApi;
  readonly kms: KmsApi;
  /** Counters of the shared pacer (absent on hand-made fakes). */
  readonly stats?: () => CallStats;
}
