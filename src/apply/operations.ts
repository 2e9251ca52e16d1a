/**
 * One planned Operation -> its API call(s) (APPLY.md §3), through the handler of the kind that owns it (src/kinds).
 * Inputs go out exactly as planned, with `{ ref }` and watchlist names resolved (resolve.ts); retries, pacing and
 * error classification are the pacer's (src/aws).
 */
import type { VoiceIdApi } from '../aws/api.js';
import { assertNever } from '../model/assert-never.js';
import type { Operation } from '../model/plan.js';
import { OPERATION_HANDLERS } from '../kinds/registry.js';
import type { OperationHandler } from '../kinds/types.js';
import type { RunState } from './resolve.js';

export interface OperationContext {
  readonly api: VoiceIdApi;
  readonly state: RunState;
  /** The change's address: CreateDomain records its DomainId under it (the plan's `{ ref }`). */
  readonly address: string;
  readonly signal?: AbortSignal;
  readonly optOutConcurrency: number;
  /** Called once per completed API call. */
  readonly onCall: () => void;
}

/** Typed by name only: a saved plan may hold a name this version does not know. */
const HANDLERS = OPERATION_HANDLERS as Readonly<Record<string, OperationHandler<Operation> | undefined>>;

/** Calls an operation makes: one, except where its handler says (OptOutSpeaker: one per speaker id). */
export function callsOf(op: Operation): number {
  // An unknown operation counts one: it fails when run (handlerOf), never before its change is reported.
  return HANDLERS[op.kind]?.calls?.(op) ?? 1;
}

/** Something `--wait` may follow (A5.1): a domain whose attributes were updated, a job that was started. */
export type Followable =
  | { readonly kind: 'domain-updated'; readonly address: string; readonly domainId: string; readonly kmsKeyId: string }
  | { readonly kind: 'job'; readonly address: string; readonly jobKind: 'enrollment' | 'registration'; readonly domainId: string; readonly jobId: string };

/** Runs one operation through the handler of the kind module that owns it (src/kinds). */
export async function runOperation(op: Operation, ctx: OperationContext): Promise<Followable | undefined> {
  const handler = handlerOf(op);
  const follow = await handler.run(op, ctx);
  // A handler that makes several calls counts them itself (OperationHandler.calls).
  if (!handler.calls) ctx.onCall();
  return follow;
}

/**
 * The handler of an operation. An Operation this version does not know (a hand-edited plan) fails its change; it is
 * never reported applied without a call. The compiler requires a handler for every variant (src/kinds/registry.ts).
 */
function handlerOf(op: Operation): OperationHandler<Operation> {
  return HANDLERS[op.kind] ?? assertNever(op as never, 'operation');
}
