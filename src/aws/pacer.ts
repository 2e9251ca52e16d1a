/**
 * Every AWS call goes through one pacer: wait for the operation's rate-limit slot and a concurrency slot, send,
 * tell the operation's adaptive rate how the service answered (rate-limiter.ts), and on a throttle, a 5xx or a dropped/truncated response retry the SAME call (same input object, so a
 * ClientToken is reused and a create can never happen twice) after a capped, fully jittered exponential backoff
 * (the AWS Architecture Blog's "full jitter"). Clock, sleep and randomness are injected, so tests never sleep.
 * Shared by the live reader and apply; counters feed the benchmarks.
 */
import { GitopsError } from '../model/errors.js';
import { classifyAwsError, retryKind } from './errors.js';
import type { ClassifyContext } from './errors.js';
import { StatsRecorder } from './call-stats.js';
import type { CallStats } from './call-stats.js';
import { createRateLimiter, realSleep } from './rate-limiter.js';
import type { Clock, RateLimitOptions, RateLimiter, Sleep } from './rate-limiter.js';

export interface RetryPolicy {
  /** Attempts per call, the first included. */
  readonly maxAttempts: number;
  /** Backoff ceiling before the first retry, doubled per retry. */
  readonly baseDelayMs: number;
  /** Upper bound of any one backoff. */
  readonly maxDelayMs: number;
}

/**
 * Ten attempts: under a 30% throttle rate a call still fails only with probability 0.3^10 ≈ 6e-6, while a real
 * outage gives up after at most ~33 s of backoff (the sum of the capped ceilings, half that on average).
 */
export const DEFAULT_RETRY_POLICY = { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 10_000 } as const satisfies RetryPolicy;

/** Attempts of a paced operation's throttled call, as a multiple of `maxAttempts`. */
export const THROTTLE_ATTEMPTS_FACTOR = 3;

export interface PacerOptions {
  readonly rateLimits?: RateLimitOptions;
  readonly retry?: Partial<RetryPolicy>;
  /** Calls in flight at once, across all operations. Default 16. */
  readonly maxConcurrency?: number;
  readonly now?: Clock;
  readonly sleep?: Sleep;
  readonly random?: () => number;
  readonly signal?: AbortSignal;
  readonly region?: string;
  /** The shared-config profile in use, named in credential errors. */
  readonly profile?: string;
  readonly mask?: (value: string) => string;
  /** Replaces the hint of AWS_QUOTA_EXCEEDED (the embedded emulator's quotas can be raised and reset). */
  readonly quotaHint?: string;
  /** Fills in hints that are the run's command, changed (the CLI's arguments; see ClassifyContext). */
  readonly rerun?: ClassifyContext['rerun'];
  /** The endpoint URL of each service, named in network failures. */
  readonly endpoints?: Partial<Record<ClassifyContext['service'], string>>;
}

export interface CallContext {
  readonly service: ClassifyContext['service'];
  readonly operation: string;
  /** Sensitive input values (customer speaker ids) kept out of error messages. */
  readonly redact?: readonly string[];
}

export interface Pacer {
  call<T>(ctx: CallContext, send: () => Promise<T>): Promise<T>;
  stats(): CallStats;
  readonly limiter: RateLimiter;
}

/** Full jitter: uniform in [0, min(cap, base * 2^(retry-1))]. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

export function createPacer(options: PacerOptions = {}): Pacer {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const limiter = createRateLimiter(options.rateLimits ?? {}, now, sleep);
  const slots = new Semaphore(options.maxConcurrency ?? 16);
  const recorder = new StatsRecorder();

  async function call<T>(ctx: CallContext, send: () => Promise<T>): Promise<T> {
    const classify = (e: unknown, attempts: number): GitopsError =>
      classifyAwsError(e, {
        ...ctx,
        attempts,
        now,
        ...(options.region ? { region: options.region } : {}),
        ...(options.profile ? { profile: options.profile } : {}),
        ...(options.mask ? { mask: options.mask } : {}),
        ...(options.quotaHint ? { quotaHint: options.quotaHint } : {}),
        ...(options.rerun ? { rerun: options.rerun } : {}),
        ...(options.endpoints?.[ctx.service] ? { endpoint: options.endpoints[ctx.service] } : {}),
      });
    for (let attempt = 1; ; attempt++) {
      throwIfAborted(options.signal);
      const startedAt = await limiter.acquire(ctx.operation, options.signal).catch(() => throwIfAborted(options.signal));
      throwIfAborted(options.signal);
      recorder.add(ctx.operation, 'calls');
      let error: unknown;
      try {
        const answer = await slots.run(send);
        limiter.record(ctx.operation, startedAt ?? now(), false);
        return answer;
      } catch (e) {
        error = e;
      }
      const kind = retryKind(error);
      // Only answers say anything about the rate: a dropped socket or a 5xx is no evidence either way.
      if (kind === 'throttle') limiter.record(ctx.operation, startedAt ?? now(), true);
      else if (kind === undefined) limiter.record(ctx.operation, startedAt ?? now(), false);
      if (kind === 'throttle') recorder.add(ctx.operation, 'throttles');
      // A paced operation's throttles are its rate being found (each one lowers it): three times the attempts, so
      // a call unlucky in a burst of refusals does not fail while the rate settles.
      const paced = kind === 'throttle' && limiter.rate(ctx.operation) !== undefined;
      if (kind === undefined || attempt >= policy.maxAttempts * (paced ? THROTTLE_ATTEMPTS_FACTOR : 1) || options.signal?.aborted) {
        const failure = classify(error, attempt);
        recorder.add(ctx.operation, failure.code === 'AWS_NOT_FOUND' ? 'notFound' : 'failures');
        throw failure;
      }
      recorder.add(ctx.operation, 'retries');
      // A paced operation's throttle has just lowered its rate: its next slot is the backoff, and sleeping on top
      // would leave the lowered rate unused, so the rate would climb again on no evidence.
      if (paced) continue;
      await sleep(backoffDelay(attempt, policy, random), options.signal).catch(() => throwIfAborted(options.signal));
    }
  }

  return { call, stats: () => recorder.snapshot(), limiter };
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new GitopsError('INTERRUPTED', 'interrupted: no new AWS calls were started', 'user');
}

/** A counting semaphore; waiters are served in arrival order. */
class Semaphore {
  private free: number;
  private readonly waiters: (() => void)[] = [];

  constructor(size: number) {
    this.free = Math.max(1, size);
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiters.push(resolve));
    try {
      return await fn();
    } finally {
      const next = this.waiters.shift();
      if (next) next();
      else this.free++;
    }
  }
}
