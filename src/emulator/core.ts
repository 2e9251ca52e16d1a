/**
 * The emulator without HTTP: one call = target + body -> response or "drop the connection". Order per call:
 * route, authentication, count, faults, rate limit, parse, validate, settle the clock, handle (EMULATOR.md).
 */
import { voiceIdConstraints } from '../constraints/load.js';
import { internalError, missingAuth, ServiceError, throttled, unknownOperation } from './errors.js';
import type { FaultInjector } from './faults.js';
import type { OpContext, Handler } from './ops/context.js';
import { voiceIdHandlers } from './ops/index.js';
import { completeJob } from './ops/jobs.js';
import { neighbourTargets } from './ops/neighbours.js';
import { errorResponse, JSON_10, JSON_11, parseBody, successResponse, type WireResponse } from './protocol.js';
import { uuid } from './random.js';
import type { RateLimiter } from './rate-limit.js';
import { validateInput } from './validation.js';

export type CallOutcome =
  | { readonly kind: 'respond'; readonly response: WireResponse; readonly latencyMs: number }
  | { readonly kind: 'drop'; readonly latencyMs: number };

interface Route {
  readonly operation: string;
  readonly handler: Handler;
  readonly contentType: string;
  readonly voiceId: boolean;
}

/** `VoiceID.` from the constraints file, read on the first request rather than when the module loads. */
const voiceIdPrefix = (): string => `${voiceIdConstraints().service.targetPrefix}.`;

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
  ) {
    this.faults = faults;
  }

  private count(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Applies every clock-driven transition due now (called before each operation and each admin read). */
  settle(): void {
    const { ctx } = this;
    ctx.store.settle(ctx.now(), ctx.limits, (domain, job) => completeJob(domain, job, ctx));
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
    try {
      const input = parseBody(body);
      if (r.voiceId) {
        const invalid = validateInput(r.operation, input);
        if (invalid) throw invalid;
      }
      this.settle();
      const output = r.handler(input, this.ctx);
      if (fault.kind === 'dropAfterAction') return this.faulted({ kind: 'drop', latencyMs });
      return { kind: 'respond', response: successResponse(output, contentType, requestId), latencyMs };
    } catch (e) {
      if (e instanceof ServiceError) return fail(e, latencyMs);
      return fail(internalError(), latencyMs);
    }
  }

  private faulted(outcome: CallOutcome, throttle = false): CallOutcome {
    this.count('faulted');
    if (throttle) this.count('throttled');
    return outcome;
  }
}
