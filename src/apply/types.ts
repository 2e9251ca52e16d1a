/** What apply reports: one outcome per change, events for the progress display, and the options it takes. */
import type { Sleep } from '../aws/rate-limiter.js';
import type { Answers } from '../aws/index.js';
import type { RerunHint } from '../model/command-line.js';
import type { ChangeAction } from '../model/plan.js';

/** `deferred`: a change Voice ID accepts only later; the next apply (or --wait) runs it unchanged. Not a failure. */
export type OutcomeStatus = 'applied' | 'failed' | 'skipped' | 'deferred' | 'interrupted';

export interface ChangeOutcome {
  readonly address: string;
  readonly action: ChangeAction;
  readonly status: OutcomeStatus;
  /** One line: the error (with its code) of a failure, why a change was skipped, or what an interruption left. */
  readonly reason?: string;
  /** What to do about a failure (the error's hint), printed under its line. */
  readonly hint?: string;
  /** API calls completed / planned for this change (opt-outs count one call per speaker). */
  readonly callsDone: number;
  readonly callsTotal: number;
}

/** What `--wait` saw in the end (A5.1). */
export interface WaitOutcome {
  readonly subject: string;
  readonly status: 'completed' | 'failed' | 'timed-out' | 'interrupted';
  readonly detail: string;
}

export interface ApplyResult {
  readonly outcomes: readonly ChangeOutcome[];
  readonly waits: readonly WaitOutcome[];
  /** Every change applied or deferred (A6.1), every wait completed, no interruption. */
  readonly ok: boolean;
  readonly interrupted: boolean;
  /** What the service answered to the run's calls (A6.3), the verification of each write. */
  readonly answers?: Answers;
}

/** Progress events (A6.2): never a speaker id. */
export type ApplyEvent =
  | { readonly kind: 'change-start'; readonly address: string; readonly action: ChangeAction; readonly total: number }
  | { readonly kind: 'progress'; readonly address: string; readonly done: number; readonly total: number }
  | { readonly kind: 'change-end'; readonly outcome: ChangeOutcome }
  /**
   * One poll of something awaited: `awaiting` says what in words ("re-encrypting domain.support to alias/next"),
   * `status` what Voice ID said last; `percent` only when Voice ID reports one (jobs, not re-encryptions); `failed`
   * when it ended badly (FAILED re-encryption, FAILED or COMPLETED_WITH_ERRORS job).
   */
  | { readonly kind: 'wait'; readonly subject: string; readonly awaiting: string; readonly status: string; readonly percent?: number; readonly done: boolean; readonly failed?: boolean };

export interface WaitOptions {
  /** Milliseconds between polls. Default 5,000. */
  readonly pollMs?: number;
  /** Give up after this long per subject. Default one hour. */
  readonly timeoutMs?: number;
  readonly now: () => number;
  readonly sleep: Sleep;
}

export interface ApplyOptions {
  /** Required for any domain deletion (A1.6). */
  readonly allowDelete?: boolean;
  /** Aborted on Ctrl-C (A4.1). */
  readonly signal?: AbortSignal;
  /** Follow re-encryptions and jobs to the end, and await deferred KMS changes and jobs (A5). */
  readonly wait?: WaitOptions;
  /** OptOutSpeaker calls in flight per opt-out change. Default 16. */
  readonly optOutConcurrency?: number;
  readonly onEvent?: (event: ApplyEvent) => void;
  /** Fills in a failure's hint that is the run's command, changed (the CLI's deps.rerun). */
  readonly rerun?: (hint: RerunHint) => string;
}
