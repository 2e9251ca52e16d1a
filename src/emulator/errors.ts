/**
 * The errors the emulator answers with, as the service sends them: `__type` (full shape id), `Message`, the
 * model's extra members (`ConflictType`, `ResourceType`) and the Smithy `@httpError` status (see EMULATOR.md §2).
 */

export type ConflictType =
  | 'DOMAIN_NOT_ACTIVE'
  | 'DOMAIN_LOCKED_FROM_ENCRYPTION_UPDATES'
  | 'CANNOT_DELETE_NON_EMPTY_WATCHLIST'
  | 'FRAUDSTER_MUST_BELONG_TO_AT_LEAST_ONE_WATCHLIST'
  | 'CONCURRENT_CHANGES';

export type ResourceType = 'BATCH_JOB' | 'DOMAIN' | 'FRAUDSTER' | 'SESSION' | 'SPEAKER' | 'WATCHLIST';

export class ServiceError extends Error {
  constructor(
    /** Short error name, e.g. ConflictException. */
    readonly type: string,
    message: string,
    readonly status: number,
    readonly extra: Readonly<Record<string, string>> = {},
    /** Shape namespace: the service's, or Coral's for protocol-level errors. */
    readonly namespace: string = 'com.amazonaws.voiceid',
  ) {
    super(message);
  }
}

export const validationError = (message: string): ServiceError => new ServiceError('ValidationException', message, 400);

export const notFound = (resourceType: ResourceType, message: string): ServiceError =>
  new ServiceError('ResourceNotFoundException', message, 404, { ResourceType: resourceType });

/**
 * A SUSPENDED domain below which an operation was called. Operations that declare ConflictException answer it as
 * Conflict DOMAIN_NOT_ACTIVE; the reads, which do not declare it, as ResourceNotFound DOMAIN (core.ts, EMULATOR.md §4).
 */
export class DomainNotActive extends ServiceError {
  constructor(readonly domainId: string) {
    super('ConflictException', `The domain ${domainId} is not active.`, 409, { ConflictType: 'DOMAIN_NOT_ACTIVE' });
  }
}

export const conflict = (message: string, conflictType?: ConflictType): ServiceError =>
  new ServiceError('ConflictException', message, 409, conflictType === undefined ? {} : { ConflictType: conflictType });

export const quotaExceeded = (message: string): ServiceError => new ServiceError('ServiceQuotaExceededException', message, 402);

export const throttled = (): ServiceError => new ServiceError('ThrottlingException', 'Rate exceeded', 429);

export const internalError = (): ServiceError =>
  new ServiceError('InternalServerException', 'The request processing has failed because of an unknown error, exception or failure.', 500);

const CORAL = 'com.amazon.coral.service';

export const serializationError = (message: string): ServiceError =>
  new ServiceError('SerializationException', message, 400, {}, CORAL);

export const unknownOperation = (status = 400): ServiceError =>
  new ServiceError('UnknownOperationException', 'The requested operation is not recognized by the service.', status, {}, CORAL);

export const missingAuth = (): ServiceError =>
  new ServiceError('MissingAuthenticationTokenException', 'Missing Authentication Token', 400, {}, CORAL);

/** A body over the 16 MiB cap (INFERRED name: AWS documents no Voice ID size limit; EMULATOR.md §2). */
export const requestTooLarge = (max: number): ServiceError =>
  new ServiceError('RequestEntityTooLargeException', `The request body is larger than the ${max} bytes the service accepts.`, 413, {}, CORAL);
