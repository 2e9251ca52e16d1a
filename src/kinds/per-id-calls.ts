/**
 * A3.3's pool for operations that make one call per id (OptOutSpeaker, DeleteSpeaker, DeleteFraudster; PLAN.md §5,
 * §15): workers draw ids in order and each call waits for its slot in the pacer's shared token bucket, so the pool
 * keeps the quota busy across latency without bursting. The first failure (after the pacer's retries) or an abort
 * stops the pool from taking new ids; calls in flight finish.
 */
import type { VoiceIdApi } from '../aws/api.js';
import { isNotFound } from '../live/discover.js';
import type { OperationContext } from '../apply/operations.js';
import type { DomainIdValue, Operation } from '../model/plan.js';
import type { OperationHandler } from './types.js';

export interface PerIdCalls<O extends Operation> {
  /** The ids the operation calls for, in order. */
  readonly ids: (op: O) => readonly string[];
  /** One call for one id, in the domain's live id. */
  readonly call: (api: VoiceIdApi, domainId: string, id: string) => Promise<unknown>;
  /** A delete: ResourceNotFound counts as done (the id is already gone: the end state the plan wants). */
  readonly goneIsDone: boolean;
}

/** The handler of an operation that makes one call per id: it counts each call itself (`calls`, `ctx.onCall`). */
export function perIdHandler<O extends Operation & { readonly input: { readonly DomainId: DomainIdValue } }>(spec: PerIdCalls<O>): OperationHandler<O> {
  return {
    calls: (op) => spec.ids(op).length,
    run: async (op, ctx) => {
      const domainId = ctx.state.domainId(op.input.DomainId);
      await callPerId(spec.ids(op), ctx, spec.goneIsDone, (id) => spec.call(ctx.api, domainId, id));
      return undefined;
    },
  };
}

async function callPerId(ids: readonly string[], ctx: OperationContext, goneIsDone: boolean, call: (id: string) => Promise<unknown>): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async (): Promise<void> => {
    while (failure === undefined && !ctx.signal?.aborted && next < ids.length) {
      const id = ids[next++]!;
      try {
        await call(id);
        ctx.onCall();
      } catch (e) {
        if (goneIsDone && isNotFound(e)) ctx.onCall();
        else failure ??= e;
      }
    }
  };
  const workers = Math.max(1, Math.min(ctx.optOutConcurrency, ids.length));
  await Promise.all(Array.from({ length: workers }, worker));
  // An abort is the executor's to report (it checks the signal after the operation: "interrupted after N calls").
  if (failure !== undefined) throw failure;
}
