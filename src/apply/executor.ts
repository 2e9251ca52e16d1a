/**
 * applyPlan(plan, voiceId, options) -> ApplyResult: executes a reviewed plan (APPLY.md). Domains run side by side,
 * each as a small dependency graph (domain change, then tags | watchlists -> jobs | opt-outs); deletes run last.
 * Pacing, retries and error classification come from the VoiceIdApi implementation (src/aws pacer).
 */
import type { VoiceIdApi } from '../aws/api.js';
import { isGitopsError } from '../model/errors.js';
import { assertNever } from '../model/assert-never.js';
import type { Change, Operation, Plan, ResourceKind } from '../model/plan.js';
import type { Followable } from './operations.js';
import { callsOf, runOperation } from './operations.js';
import { checkExecutable, isDomainDelete } from './preflight.js';
import { RunState } from './resolve.js';
import { Answers, recordAnswers } from '../aws/index.js';
import type { ApplyEvent, ApplyOptions, ApplyResult, ChangeOutcome, WaitOutcome } from './types.js';
import type { WaitContext } from './wait.js';
import { awaitEncryption, awaitJobSlot, followAll } from './wait.js';
import { deferredJob, deferredUpdate, domainPrerequisite, jobWatchlistAddresses } from './dependencies.js';

export const DEFAULT_OPT_OUT_CONCURRENCY = 16;

interface Run {
  readonly api: VoiceIdApi;
  readonly state: RunState;
  readonly options: ApplyOptions;
  readonly outcomes: Map<string, ChangeOutcome>;
  readonly follow: Followable[];
  readonly emit: (e: ApplyEvent) => void;
}

export async function applyPlan(plan: Plan, voiceId: VoiceIdApi, options: ApplyOptions = {}): Promise<ApplyResult> {
  checkExecutable(plan, options.allowDelete ?? false);
  const emit = options.onEvent ?? (() => undefined);
  // A6.3: every answer is kept; the CLI verifies the result from them instead of re-reading everything.
  const answers = new Answers();
  const api = recordAnswers(voiceId, answers);
  const run: Run = { api, state: new RunState(api), options, outcomes: new Map(), follow: [], emit };
  const deletes = plan.changes.filter(isDomainDelete);
  // Grouped before the first call, so a change of a kind this version cannot schedule refuses the whole plan.
  const groups = new Map<string, Map<Lane, Change[]>>();
  for (const c of plan.changes) {
    if (isDomainDelete(c)) continue;
    const lanes = groups.get(c.domainKey) ?? new Map<Lane, Change[]>();
    lanes.set(laneOf(c.kind), [...(lanes.get(laneOf(c.kind)) ?? []), c]);
    groups.set(c.domainKey, lanes);
  }
  await Promise.all([...groups.values()].map((g) => runGroup(g, run)));
  // A2.1: deletes last, one at a time (DeleteDomain shares the 2 TPS domain bucket anyway).
  for (const c of deletes) await runChange(c, run);

  const waits = options.wait && run.follow.length > 0 ? await followAll(run.follow, waitContext(run)) : [];
  // Every change is scheduled (laneOf is exhaustive); one without an outcome would be an engine bug, reported as a
  // failure rather than a crash or a silent success.
  const outcomes = plan.changes.map((c) => run.outcomes.get(c.address) ?? unscheduled(c));
  const interrupted = options.signal?.aborted === true || outcomes.some((o) => o.status === 'interrupted');
  const ok = !interrupted && outcomes.every((o) => o.status === 'applied' || o.status === 'deferred') && waits.every((w) => w.status === 'completed');
  return { outcomes, waits, ok, interrupted, answers };
}

/** Where a change of each kind runs within its domain (A2.2, A2.3). */
type Lane = 'domain' | 'tags' | 'watchlists' | 'enrollment-jobs' | 'registration-jobs' | 'opt-outs' | 'record';
type Lanes = ReadonlyMap<Lane, readonly Change[]>;

function laneOf(kind: ResourceKind): Lane {
  switch (kind) {
    case 'domain':
      return 'domain';
    case 'tags':
      return 'tags';
    case 'watchlist':
      return 'watchlists';
    case 'enrollment-job':
      return 'enrollment-jobs';
    case 'fraudster-registration-job':
      return 'registration-jobs';
    case 'opt-outs':
      return 'opt-outs';
    case 'applied-record':
      return 'record';
    default:
      return assertNever(kind, 'resource kind');
  }
}

/** A2.2, A2.3: the domain change, then three chains side by side, then the applied record (A2.5). */
async function runGroup(lanes: Lanes, run: Run): Promise<void> {
  const of = (lane: Lane): readonly Change[] => lanes.get(lane) ?? [];
  for (const domain of of('domain')) {
    const outcome = await runChange(domain, run);
    const blocker = domainPrerequisite(domain, outcome);
    if (blocker) {
      for (const [lane, list] of lanes) if (lane !== 'domain') for (const c of list) record(c, run, { status: 'skipped', reason: blocker });
      return;
    }
  }
  const chain = async (list: readonly Change[]): Promise<void> => {
    for (const c of list) {
      const failedWatchlist = jobWatchlistAddresses(c).find((a) => {
        const o = run.outcomes.get(a);
        return o !== undefined && o.status !== 'applied';
      });
      if (failedWatchlist) record(c, run, { status: 'skipped', reason: `dependency failed: ${failedWatchlist} was not applied` });
      else await runChange(c, run);
    }
  };
  // Jobs after the watchlists they name; the two job kinds side by side, as each may wait for its own slot (A5.3).
  const watchlistsThenJobs = async (): Promise<void> => {
    await chain(of('watchlists'));
    await Promise.all([chain(of('enrollment-jobs')), chain(of('registration-jobs'))]);
  };
  await Promise.all([chain(of('tags')), watchlistsThenJobs(), chain(of('opt-outs'))]);
  // A2.5 (PLAN.md R11.5): the record last, and only when what it records was made live.
  for (const c of of('record')) {
    const missing = [...of('domain'), ...of('tags'), ...of('opt-outs')].find((r) => !['applied', 'deferred'].includes(run.outcomes.get(r.address)?.status ?? ''));
    if (missing) record(c, run, { status: 'skipped', reason: `dependency failed: ${missing.address} was not applied` });
    else await runChange(c, run);
  }
}

async function runChange(change: Change, run: Run): Promise<ChangeOutcome> {
  const { signal } = run.options;
  if (signal?.aborted) return record(change, run, { status: 'skipped', reason: 'interrupted before it started' });
  let operations = change.operations;
  if (change.blocked) return record(change, run, { status: 'skipped', reason: `blocked: ${change.blocked.reason}` });
  if (change.deferred) {
    const cleared = await clearDeferred(change, change.deferred.reason, run);
    if ('status' in cleared) return cleared;
    operations = cleared;
  }
  const total = operations.reduce((n, op) => n + callsOf(op), 0);
  let done = 0;
  run.emit({ kind: 'change-start', address: change.address, action: change.action, total });
  const onCall = (): void => {
    done++;
    run.emit({ kind: 'progress', address: change.address, done, total });
  };
  try {
    for (const op of operations) {
      if (signal?.aborted) break;
      const follow = await runOperation(op, {
        api: run.api,
        state: run.state,
        address: change.address,
        optOutConcurrency: run.options.optOutConcurrency ?? DEFAULT_OPT_OUT_CONCURRENCY,
        onCall,
        ...(signal ? { signal } : {}),
      });
      if (follow) run.follow.push(follow);
    }
  } catch (e) {
    if (signal?.aborted) return record(change, run, { status: 'interrupted', reason: `interrupted after ${done} of ${total} calls`, done, total });
    return record(change, run, { status: 'failed', reason: describe(e), ...hintOf(e), done, total });
  }
  if (done < total) return record(change, run, { status: 'interrupted', reason: `interrupted after ${done} of ${total} calls`, done, total });
  return record(change, run, { status: 'applied', done, total });
}

/**
 * A2.4, A5.2, A5.3: a deferred change is reported `deferred`, or with --wait awaited (the running re-encryption, or
 * the job of its kind before it) and then run. The operations to run, or the outcome.
 */
async function clearDeferred(change: Change, reason: string, run: Run): Promise<readonly Operation[] | ChangeOutcome> {
  const update = change.domainId ? deferredUpdate(change) : undefined;
  const start = deferredJob(change);
  const obstacle = update
    ? (ctx: WaitContext) => awaitEncryption(update.input.DomainId, change.address, update.input.ServerSideEncryptionConfiguration.KmsKeyId, ctx)
    : start
      ? (ctx: WaitContext) => awaitJobSlot(run.state.domainId(start.input.DomainId), start.kind === 'StartSpeakerEnrollmentJob' ? 'enrollment' : 'registration', change.address, ctx)
      : undefined;
  if (!run.options.wait || !obstacle) return record(change, run, { status: 'deferred', reason });
  let waited: WaitOutcome;
  try {
    waited = await obstacle(waitContext(run));
  } catch (e) {
    return record(change, run, { status: 'failed', reason: describe(e), ...hintOf(e) });
  }
  if (waited.status === 'interrupted' || waited.status === 'timed-out') {
    const what = update ? 'deferred KMS change not made' : 'deferred job not started';
    return record(change, run, { status: waited.status === 'interrupted' ? 'interrupted' : 'failed', reason: `${what}: ${waited.detail}` });
  }
  return update ? [update] : change.operations;
}

function record(change: Change, run: Run, o: { status: ChangeOutcome['status']; reason?: string; hint?: string; done?: number; total?: number }): ChangeOutcome {
  const total = o.total ?? change.operations.reduce((n, op) => n + callsOf(op), 0);
  const outcome: ChangeOutcome = {
    address: change.address,
    action: change.action,
    status: o.status,
    ...(o.reason === undefined ? {} : { reason: o.reason }),
    ...(o.hint === undefined ? {} : { hint: o.hint }),
    callsDone: o.done ?? 0,
    callsTotal: total,
  };
  run.outcomes.set(change.address, outcome);
  run.emit({ kind: 'change-end', outcome });
  return outcome;
}

function unscheduled(change: Change): ChangeOutcome {
  const callsTotal = change.operations.reduce((n, op) => n + callsOf(op), 0);
  return { address: change.address, action: change.action, status: 'failed', reason: 'INTERNAL: the change was never run', callsDone: 0, callsTotal };
}

function waitContext(run: Run): WaitContext {
  return { api: run.api, options: run.options.wait!, emit: run.emit, ...(run.options.signal ? { signal: run.options.signal } : {}) };
}

function hintOf(e: unknown): { hint?: string } {
  return isGitopsError(e) && e.hint !== undefined ? { hint: e.hint } : {};
}

function describe(e: unknown): string {
  if (isGitopsError(e)) return `${e.code}: ${e.message}`;
  return `INTERNAL: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`;
}
