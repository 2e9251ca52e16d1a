/**
 * A3.3's pool for operations that make one call per id (DeleteSpeaker, DeleteFraudster; PLAN.md §15): workers draw
 * ids in order and each call waits for its slot in the pacer's shared bucket. ResourceNotFound counts as done (the
 * id is already gone: the end state the plan wants). The first other failure or an abort stops the pool from
 * taking new ids; calls in flight finish.
 */
import { isNotFound } from '../live/discover.js';
import type { OperationContext } from '../apply/operations.js';

export async function callPerId(ids: readonly string[], ctx: OperationContext, call: (id: string) => Promise<unknown>): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async (): Promise<void> => {
    while (failure === undefined && !ctx.signal?.aborted && next < ids.length) {
      const id = ids[next++]!;
      try {
        await call(id);
        ctx.onCall();
      } catch (e) {
        if (isNotFound(e)) ctx.onCall();
        else failure ??= e;
      }
    }
  };
  const workers = Math.max(1, Math.min(ctx.optOutConcurrency, ids.length));
  await Promise.all(Array.from({ length: workers }, worker));
  // An abort is the executor's to report (it checks the signal after the operation: "interrupted after N calls").
  if (failure !== undefined) throw failure;
}
