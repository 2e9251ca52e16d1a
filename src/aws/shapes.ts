/**
 * Hand-written request/response shapes for the subset of Voice ID, Resource Groups Tagging and KMS that the
 * tool uses. Member names match the AWS model exactly (PascalCase) so the SDK's own types are structurally
 * assignable to them, yet no layer outside src/aws ever sees an SDK type (eslint enforces the boundary).
 * Timestamps are Date, as the SDK deserialises them.
 */
import type { DomainStatus, EncryptionUpdateStatus, JobStatus, SpeakerStatus } from '../model/live.js';
import type { DuplicateRegistrationAction, ExistingEnrollmentAction, FraudDetectionAction } from '../model/desired.js';

export interface Paged {
  readonly NextToken?: string;
  readonly MaxResults?: number;
}

export interface AwsTag {
  readonly Key: string | undefined;
  readonly Value: string | undefined;
}

export interface DomainShape {
  readonly DomainId?: string;
  readonly Arn?: string;
  readonly Name?: string;
  readonly Description?: string;
  readonly DomainStatus?: DomainStatus | string;
  readonly ServerSideEncryptionConfiguration?: { readonly KmsKeyId: string | undefined };
  readonly ServerSideEncryptionUpdateDetails?: {
    readonly OldKmsKeyId?: string;
    readonly UpdateStatus?: EncryptionUpdateStatus | string;
    readonly Message?: string;
  };
  readonly WatchlistDetails?: { readonly DefaultWatchlistId: string | undefined };
  readonly CreatedAt?: Date;
  readonly UpdatedAt?: Date;
}

export interface SpeakerShape {
  readonly DomainId?: string;
  readonly CustomerSpeakerId?: string;
  readonly GeneratedSpeakerId?: string;
  readonly Status?: SpeakerStatus | string;
  readonly CreatedAt?: Date;
  readonly UpdatedAt?: Date;
}

export interface WatchlistShape {
  readonly DomainId?: string;
  readonly WatchlistId?: string;
  readonly Name?: string;
  readonly Description?: string;
  readonly DefaultWatchlist?: boolean;
  readonly CreatedAt?: Date;
  readonly UpdatedAt?: Date;
}

export interface FraudsterSummaryShape {
  readonly GeneratedFraudsterId?: string;
  readonly WatchlistIds?: readonly string[];
}

export interface JobSummaryShape {
  readonly JobName?: string;
  readonly JobId?: string;
  readonly JobStatus?: JobStatus | string;
  readonly DomainId?: string;
  readonly CreatedAt?: Date;
  readonly EndedAt?: Date;
  readonly FailureDetails?: { readonly StatusCode?: number; readonly Message?: string };
  readonly JobProgress?: { readonly PercentComplete?: number };
}

interface JobDefinitionShape extends JobSummaryShape {
  readonly DataAccessRoleArn?: string;
  readonly InputDataConfig?: { readonly S3Uri: string | undefined };
  readonly OutputDataConfig?: { readonly S3Uri: string | undefined; readonly KmsKeyId?: string };
}

export interface SpeakerEnrollmentJobShape extends JobDefinitionShape {
  readonly EnrollmentConfig?: {
    readonly ExistingEnrollmentAction?: ExistingEnrollmentAction | string;
    readonly FraudDetectionConfig?: {
      readonly FraudDetectionAction?: FraudDetectionAction | string;
      readonly RiskThreshold?: number;
      readonly WatchlistIds?: readonly string[];
    };
  };
}

export interface FraudsterRegistrationJobShape extends JobDefinitionShape {
  readonly RegistrationConfig?: {
    readonly DuplicateRegistrationAction?: DuplicateRegistrationAction | string;
    readonly FraudsterSimilarityThreshold?: number;
    readonly WatchlistIds?: readonly string[];
  };
}

// ---- requests that write (used by src/apply) ----

export interface KmsConfigInput {
  readonly KmsKeyId: string;
}

export interface CreateDomainInput {
  readonly Name: string;
  readonly Description?: string;
  readonly ServerSideEncryptionConfiguration: KmsConfigInput;
  readonly ClientToken: string;
  readonly Tags?: readonly { readonly Key: string; readonly Value: string }[];
}

export interface UpdateDomainInput {
  readonly DomainId: string;
  readonly Name: string;
  readonly Description?: string;
  readonly ServerSideEncryptionConfiguration: KmsConfigInput;
}

export interface JobDataInput {
  readonly DataAccessRoleArn: string;
  readonly InputDataConfig: { readonly S3Uri: string };
  readonly OutputDataConfig: { readonly S3Uri: string; readonly KmsKeyId?: string };
}

export interface StartSpeakerEnrollmentJobInput extends JobDataInput {
  readonly DomainId: string;
  readonly JobName: string;
  readonly ClientToken: string;
  readonly EnrollmentConfig?: {
    readonly ExistingEnrollmentAction?: ExistingEnrollmentAction;
    readonly FraudDetectionConfig?: {
      readonly FraudDetectionAction?: FraudDetectionAction;
      readonly RiskThreshold?: number;
      readonly WatchlistIds?: readonly string[];
    };
  };
}

export interface StartFraudsterRegistrationJobInput extends JobDataInput {
  readonly DomainId: string;
  readonly JobName: string;
  readonly ClientToken: string;
  readonly RegistrationConfig?: {
    readonly DuplicateRegistrationAction?: DuplicateRegistrationAction;
    readonly FraudsterSimilarityThreshold?: number;
    readonly WatchlistIds?: readonly string[];
  };
}

// ---- Resource Groups Tagging API and KMS ----

export interface GetResourcesInput {
  readonly PaginationToken?: string;
  readonly ResourceTypeFilters?: readonly string[];
  readonly TagFilters?: readonly { readonly Key: string; readonly Values?: readonly string[] }[];
  readonly ResourcesPerPage?: number;
}

export interface GetResourcesOutput {
  readonly PaginationToken?: string;
  readonly ResourceTagMappingList?: readonly {
    readonly ResourceARN?: string;
    readonly Tags?: readonly AwsTag[];
  }[];
}

export interface DescribeKeyOutput {
  readonly KeyMetadata?: { readonly KeyId: string | undefined; readonly Arn?: string; readonly KeyState?: string };
}
