/**
 * One error family for the whole tool. Every error that reaches the CLI is a GitopsError: it prints as one line
 * (`error CODE: message`) plus an optional hint, never as a stack trace. `source` says whose fault it is.
 */

import type { RerunHint } from './command-line.js';

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
    readonly options: {
      readonly hint?: string;
      /** A hint that is the failed command, changed: the CLI fills it in from the run's arguments (run.ts). */
      readonly rerun?: RerunHint;
      readonly aws?: AwsErrorDetails;
      readonly cause?: unknown;
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }

  get hint(): string | undefined {
    return this.options.hint;
  }
}

export const userError = (code: string, message: string, hint?: string | RerunHint): GitopsError =>
  new GitopsError(code, message, 'user', hint === undefined ? {} : typeof hint === 'string' ? { hint } : { rerun: hint });

export function isGitopsError(e: unknown): e is GitopsError {
  return e instanceof GitopsError;
}
