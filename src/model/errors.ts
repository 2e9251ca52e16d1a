/**
 * One error family for the whole tool. Every error that reaches the CLI is a GitopsError: it prints as one line
 * (`error CODE: message`) plus an optional hint, never as a stack trace. `source` says whose fault it is.
 */

export type ErrorSource = 'user' | 'aws' | 'internal';

export interface AwsErrorDetails {
  readonly operation: string;
  /** The service's error code (`__type`), e.g. `ThrottlingException`. */
  readonly awsCode: string;
  readonly requestId?: string;
  readonly httpStatus?: number;
}

export class GitopsError extends Error {
  override readonly name = 'GitopsError';
  constructor(
    readonly code: string,
    message: string,
    readonly source: ErrorSource,
    readonly options: { readonly hint?: string; readonly aws?: AwsErrorDetails; readonly cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }

  get hint(): string | undefined {
    return this.options.hint;
  }
}

export const userError = (code: string, message: string, hint?: string): GitopsError =>
  new GitopsError(code, message, 'user', hint === undefined ? {} : { hint });

export function isGitopsError(e: unknown): e is GitopsError {
  return e instanceof GitopsError;
}
