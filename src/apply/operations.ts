/**
 * One planned Operation -> its API call(s) (APPLY.md §3). Inputs go out exactly as planned, with `{ ref }` and
 * watchlist names resolved (resolve.ts); retries, pacing and error classification are the pacer's (src/aws).
 */
import type { VoiceIdApi } from '../aws/api.js';
import { collect, tokenArg } from '../aws/paginate.js';
import { assertNever } from '../model/assert-never.js';
import { GitopsError } from '../model/errors.js';
import type {
  Operation,
  OptOutSpeakerOp,
  StartFraudsterRegistrationJobOp,
  StartSpeakerEnrollmentJobOp,
} from '../model/plan.js';
import type { DomainIdValue } from '../model/plan.js';
import { clientToken, domainScopedToken } from '../plan/canonical.js';
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

/** Calls an operation makes: one, except OptOutSpeaker (one per speaker id). */
export function callsOf(op: Operation): number {
  return op.kind === 'OptOutSpeaker' ? op.speakerIds.length : 1;
}

/** Something `--wait` may follow (A5.1): a domain whose attributes were updated, a job that was started. */
export type Followable =
  | { readonly kind: 'domain-updated'; readonly address: string; readonly domainId: string; readonly kmsKeyId: string }
  | { readonly kind: 'job'; readonly address: string; readonly jobKind: 'enrollment' | 'registration'; readonly domainId: string; readonly jobId: string };

export async function runOperation(op: Operation, ctx: OperationContext): Promise<Followable | undefined> {
  const { api, state } = ctx;
  let follow: Followable | undefined;
  switch (op.kind) {
    case 'CreateDomain': {
      const res = await api.createDomain(op.input);
      const id = res.Domain?.DomainId;
      if (!id) throw new GitopsError('APPLY_NO_ID', 'Voice ID CreateDomain answered without a DomainId', 'aws');
      state.setRef(ctx.address, id, res.Domain?.Arn);
      break;
    }
    case 'UpdateDomain':
      await api.updateDomain(op.input);
      follow = { kind: 'domain-updated', address: ctx.address, domainId: op.input.DomainId, kmsKeyId: op.input.ServerSideEncryptionConfiguration.KmsKeyId };
      break;
    case 'DeleteDomain':
      await api.deleteDomain(op.input);
      break;
    case 'TagResource':
      await api.tagResource({ ...op.input, ResourceArn: state.arn(op.input.ResourceArn) });
      break;
    case 'UntagResource':
      await api.untagResource(op.input);
      break;
    case 'OptOutSpeaker':
      await optOutAll(op, ctx);
      return undefined;
    case 'CreateWatchlist': {
      const domainId = state.domainId(op.input.DomainId);
      // A domain created in this run cannot hold a replayed watchlist: only existing domains are checked.
      const input = { ...op.input, DomainId: domainId, ClientToken: tokenFor(op.input, domainId) };
      const id = await createWatchlist(input, typeof op.input.DomainId === 'string', api);
      state.rememberWatchlist(domainId, op.input.Name, id);
      break;
    }
    case 'UpdateWatchlist':
      await api.updateWatchlist(op.input);
      break;
    case 'DeleteWatchlist':
      await api.deleteWatchlist(op.input);
      state.forgetWatchlist(op.input.DomainId, op.input.WatchlistId);
      break;
    case 'StartSpeakerEnrollmentJob': {
      const input = await enrollmentInput(op, state);
      const res = await api.startSpeakerEnrollmentJob(input);
      follow = jobFollow(ctx.address, 'enrollment', input.DomainId, res.Job?.JobId);
      break;
    }
    case 'StartFraudsterRegistrationJob': {
      const input = await registrationInput(op, state);
      const res = await api.startFraudsterRegistrationJob(input);
      follow = jobFollow(ctx.address, 'registration', input.DomainId, res.Job?.JobId);
      break;
    }
    default:
      // An Operation this version does not know (a new variant, or a hand-edited plan) fails the change; it is
      // never reported applied without a call.
      return assertNever(op, 'operation');
  }
  ctx.onCall();
  return follow;
}

/**
 * A3.2 / PLAN.md R9.1: the plan scoped the token of a child of an existing domain; the child of a domain created in
 * this run is scoped here, to the id CreateDomain answered (the token a re-plan would give it once it exists).
 */
function tokenFor(input: { readonly DomainId: DomainIdValue; readonly ClientToken: string }, domainId: string): string {
  return typeof input.DomainId === 'string' ? input.ClientToken : domainScopedToken(input.ClientToken, domainId);
}

const MAX_REPLAYS = 3;

/**
 * Voice ID remembers a ClientToken for at least 24 h and answers a replay with the original response, even when that
 * watchlist was deleted since (a watchlist removed and declared again, e.g. a reverted PR): the call "succeeds" and
 * nothing exists. A returned id the domain does not list is such a replay; the create is sent again with a token
 * derived from the plan's token and the deleted watchlist's id, deterministic, so a crash-and-rerun replays that
 * retry instead of creating a second watchlist.
 */
async function createWatchlist(input: Parameters<VoiceIdApi['createWatchlist']>[0], checkReplay: boolean, api: VoiceIdApi): Promise<string | undefined> {
  let token = input.ClientToken;
  for (let replays = 0; ; replays++) {
    const id = (await api.createWatchlist({ ...input, ClientToken: token })).Watchlist?.WatchlistId;
    if (id === undefined || !checkReplay || (await watchlistIds(api, input.DomainId)).has(id)) return id;
    if (replays === MAX_REPLAYS) {
      throw new GitopsError('APPLY_TOKEN_REPLAYED', `Voice ID CreateWatchlist kept answering with deleted watchlist ${id}`, 'aws', { hint: 'Voice ID remembers a ClientToken for 24 hours: apply again later' });
    }
    token = clientToken(token, 'replay-of', id);
  }
}

async function watchlistIds(api: VoiceIdApi, domainId: string): Promise<Set<string>> {
  const listed = await collect((t) => api.listWatchlists({ DomainId: domainId, ...tokenArg(t) }), (p) => p.WatchlistSummaries);
  return new Set(listed.flatMap((w) => (w.WatchlistId ? [w.WatchlistId] : [])));
}

function jobFollow(address: string, jobKind: 'enrollment' | 'registration', domainId: string, jobId: string | undefined): Followable | undefined {
  return jobId ? { kind: 'job', address, jobKind, domainId, jobId } : undefined;
}

/**
 * A3.3: a pool of workers draws ids in order; each call waits for its OptOutSpeaker slot in the pacer's shared
 * token bucket, so the pool keeps the quota busy across latency without bursting. The first failure (after the
 * pacer's retries) or an abort stops the pool from taking new ids; calls in flight finish.
 */
async function optOutAll(op: OptOutSpeakerOp, ctx: OperationContext): Promise<void> {
  const domainId = ctx.state.domainId(op.input.DomainId);
  const ids = op.speakerIds;
  let next = 0;
  let failure: unknown;
  const worker = async (): Promise<void> => {
    while (failure === undefined && !ctx.signal?.aborted && next < ids.length) {
      const speakerId = ids[next++]!;
      try {
        await ctx.api.optOutSpeaker({ DomainId: domainId, SpeakerId: speakerId });
        ctx.onCall();
      } catch (e) {
        failure ??= e;
      }
    }
  };
  const workers = Math.max(1, Math.min(ctx.optOutConcurrency, ids.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (failure !== undefined) throw failure;
}

async function enrollmentInput(op: StartSpeakerEnrollmentJobOp, state: RunState) {
  const { EnrollmentConfig, ...rest } = op.input;
  const domainId = state.domainId(op.input.DomainId);
  const fraud = EnrollmentConfig?.FraudDetectionConfig;
  let config = EnrollmentConfig as NonNullable<Parameters<VoiceIdApi['startSpeakerEnrollmentJob']>[0]['EnrollmentConfig']> | undefined;
  if (EnrollmentConfig && fraud) {
    const { WatchlistNames, ...fraudRest } = fraud;
    const ids = WatchlistNames ? { WatchlistIds: await state.watchlistIds(domainId, WatchlistNames) } : {};
    config = { ...EnrollmentConfig, FraudDetectionConfig: { ...fraudRest, ...ids } } as typeof config;
  }
  return { ...rest, DomainId: domainId, ClientToken: tokenFor(op.input, domainId), ...(config ? { EnrollmentConfig: config } : {}) } as Parameters<VoiceIdApi['startSpeakerEnrollmentJob']>[0];
}

async function registrationInput(op: StartFraudsterRegistrationJobOp, state: RunState) {
  const { RegistrationConfig, ...rest } = op.input;
  const domainId = state.domainId(op.input.DomainId);
  let config: Record<string, unknown> | undefined = RegistrationConfig ? { ...RegistrationConfig } : undefined;
  if (RegistrationConfig?.WatchlistNames) {
    const { WatchlistNames, ...configRest } = RegistrationConfig;
    config = { ...configRest, WatchlistIds: await state.watchlistIds(domainId, WatchlistNames) };
  }
  return { ...rest, DomainId: domainId, ClientToken: tokenFor(op.input, domainId), ...(config ? { RegistrationConfig: config } : {}) } as Parameters<VoiceIdApi['startFraudsterRegistrationJob']>[0];
}
