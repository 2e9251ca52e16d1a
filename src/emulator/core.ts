/**
 * The emulator without HTTP: one call = target + body -> response or "drop the connection". Order per call:
 * route, authentication, count, faults, rate limit, parse, validate, settle the clock, handle (EMULATOR.md).
 */
import { voiceIdConstraints } from '../constraints/load.js';
import { DomainNotActive, internalError, missingAuth, notFound, ServiceError, throttled, unknownOperation } from './errors.js';
import type { FaultInjector } from './faults.js';
import type { OpContext, Handler } from './ops/context.js';
import { voiceIdHandlers } from './ops/index.js';
import { completeJob } from './ops/jobs.js';
import { neighbourTargets } from './ops/neighbours.js';
import { errorResponse, JSON_10, JSON_11, parseBody, successResponse, type WireResponse } from './protocol.js';
import { uuid } from './random.js';
import type { RateLimiter } from './rate-limit.js';
import type { Recorder, StepRecord } from './recorder.js';
import { validateInput } from './validation.js';

export type CallOutcome =
  | { readonly kind: 'respond'; readonly response: WireResponse; readonly latencyMs: number; readonly durable?: Durable }
  | { readonly kind: 'drop'; readonly latencyMs: number; readonly durable?: Durable };

/** A journaled call: the answer waits for `done`; a `mutation` whose write failed must not be acknowledged. */
export interface Durable {
  readonly done: Promise<void>;
  readonly mutation: boolean;
  readonly failed: () => WireResponse;
}

/** Where the steps that changed the store go (the journal), and how a step is recorded (recorder.ts). */
export interface StepSink {
  readonly recorder: Recorder;
  readonly append: (rec: StepRecord) => Promise<void>;
}

interface Route {
  readonly operation: string;
  readonly handler: Handler;
  readonly contentType: string;
  readonly voiceId: boolean;
}

/** `VoiceID.` from the constraints file, read on the first request rather than when the module loads. */
const voiceIdPrefix = (): string => `${voiceIdConstraints().service.targetPrefix}.`;

/** Every operation's handler by operation name (the journal names operations, not targets). */
function handlerOf(operation: string): Handler | undefined {
  if (Object.hasOwn(voiceIdHandlers, operation)) return voiceIdHandlers[operation];
  return Object.values(neighbourTargets).find(([op]) => op === operation)?.[1];
}

/** Settles the clock, then runs the handler: one step, the unit the journal records and replays. */
function step(ctx: OpContext, handler: Handler | undefined, input: Readonly<Record<string, unknown>>): unknown {
  ctx.store.settle(ctx.now(), ctx.limits, (domain, job) => completeJob(domain, job, ctx));
  return handler?.(input, ctx);
}

/**
 * Replays one journaled step (recovery): same store, the limits and KMS keys the journal says it ran under, the
 * clock readings and draws it made. Its answer (even an error) was already given; only its effect matters.
 */
export function replayStep(ctx: OpContext, recorder: Recorder, rec: StepRecord): void {
  const handler = rec.op === SETTLE ? undefined : handlerOf(rec.op);
  if (rec.op !== SETTLE && handler === undefined) throw new Error(`the journal names an unknown operation ${rec.op}`);
  recorder.replay(rec, () => {
    try {
      step(ctx, handler, rec.in as Readonly<Record<string, unknown>>);
    } catch (e) {
      if (!(e instanceof ServiceError)) throw e;
    }
  });
}

/**
 * An operation answers only errors its model declares: a read below a SUSPENDED domain (DescribeSpeaker,
 * ListWatchlists, ...) declares no ConflictException, so it answers ResourceNotFound DOMAIN, as the CloudFormation
 * handler treats a SUSPENDED domain (EMULATOR.md §4).
 */
function declared(operation: string, e: ServiceError): ServiceError {
  if (!(e instanceof DomainNotActive)) return e;
  const errors = voiceIdConstraints().operations[operation]?.errors ?? [];
  return errors.includes('ConflictException') ? e : notFound('DOMAIN', `The domain ${e.domainId} does not exist.`);
}

/** The journal name of a settle outside an operation (an admin snapshot). */
export const SETTLE = '$settle';

function route(target: string | undefined): Route | undefined {
  if (target === undefined) return undefined;
  const prefix = voiceIdPrefix();
  if (target.startsWith(prefix)) {
    const operation = target.slice(prefix.length);
    const handler = Object.hasOwn(voiceIdHandlers, operation) ? voiceIdHandlers[operation] : undefined;
    return handler ? { operation, handler, contentType: JSON_10, voiceId: true } : undefined;
  }
  const n = Object.hasOwn(neighbourTargets, target) ? neighbourTargets[target] : undefined;
  return n ? { operation: n[0], handler: n[1], contentType: JSON_11, voiceId: false } : undefined;
}

export class EmulatorCore {
  readonly counts = new Map<string, number>();
  readonly faults: FaultInjector;

  constructor(
    readonly ctx: OpContext,
    readonly limiter: RateLimiter,
    faults: FaultInjector,
    private readonly sink?: StepSink,
  ) {
    this.faults = faults;
  }

  /** Runs a step through the recorder; a step that changed the store is journaled (its promise in `durable`). */
  private run<T>(op: string, input: unknown, body: () => T): { result?: T; error?: unknown; durable?: Promise<void> } {
    if (!this.sink) {
      try {
        return { result: body() };
      } catch (error) {
        return { error };
      }
    }
    let durable: Promise<void> | undefined;
    try {
      const sink = this.sink;
      const result = sink.recorder.run(op, input, body, (rec) => {
        durable = sink.append(rec);
      });
      return { result, durable };
    } catch (error) {
      return { error, durable };
    }
  }

  private count(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Applies every clock-driven transition due now (called before each operation and each admin read). */
  settle(): Promise<void> {
    return this.run(SETTLE, {}, () => step(this.ctx, undefined, {})).durable ?? Promise.resolve();
  }

  call(target: string | undefined, authenticated: boolean, body: string): CallOutcome {
    const requestId = uuid(Math.random);
    const r = route(target);
    const contentType = r?.contentType ?? (target?.startsWith(voiceIdPrefix()) ? JSON_10 : JSON_11);
    const fail = (e: ServiceError, latencyMs = 0): CallOutcome => ({ kind: 'respond', response: errorResponse(e, contentType, requestId), latencyMs });
    if (!authenticated) return fail(missingAuth());
    if (!r) return fail(unknownOperation());
    this.count(r.operation);
    const fault = this.faults.decide(r.operation);
    const latencyMs = fault.latencyMs;
    if (fault.kind === 'drop') return this.faulted({ kind: 'drop', latencyMs });
    if (fault.kind === 'throttle') return this.faulted(fail(throttled(), latencyMs), true);
    if (fault.kind === 'error') return this.faulted(fail(internalError(), latencyMs));
    if (!this.limiter.tryTake(r.operation)) {
      this.count('throttled');
      return fail(throttled(), latencyMs);
    }
    let input: Record<string, unknown>;
    try {
      input = parseBody(body);
      const invalid = r.voiceId ? validateInput(r.operation, input) : undefined;
      if (invalid) throw invalid;
    } catch (e) {
      return fail(e instanceof ServiceError ? e : internalError(), latencyMs);
    }
    const ran = this.run(r.operation, input, () => step(this.ctx, r.handler, input));
    const durable: Durable | undefined = ran.durable && {
      done: ran.durable,
      mutation: !(r.voiceId && voiceIdConstraints().operations[r.operation]?.readonly === true),
      failed: () => errorResponse(internalError(), contentType, requestId),
    };
    const extra = durable ? { durable } : {};
    if (ran.error !== undefined) {
      return { ...fail(ran.error instanceof ServiceError ? declared(r.operation, ran.error) : internalError(), latencyMs), ...extra };
    }
    if (fault.kind === 'dropAfterAction') return { ...this.faulted({ kind: 'drop', latencyMs }), ...extra };
    return { kind: 'respond', response: successResponse(ran.result, contentType, requestId), latencyMs, ...extra };
  }

  private faulted(outcome: CallOutcome, throttle = false): CallOutcome {
    this.count('faulted');
    if (throttle) this.count('throttled');
    return outcome;
  }
}
