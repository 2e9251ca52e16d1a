/**
 * applyPlan(plan, voiceId, options) -> ApplyResult: executes a reviewed plan (APPLY.md). Domains run side by side,
 * each as a small dependency graph of its kinds (each kind's module says which kinds it runs after: domain change,
 * then tags | watchlists -> jobs | opt-outs, then the applied record); changes a module marks `last` (domain
 * deletes) run after everything else, one at a time.
 * Pacing, retries and error classification come from the VoiceIdApi implementation (src/aws pacer).
 */
import type { VoiceIdApi } from '../aws/api.js';
import { isGitopsError } from '../model/errors.js';
import type { Change, Operation, Plan, ResourceKind } from '../model/plan.js';
import { KIND_ORDER, kindModule } from '../kinds/registry.js';
import type { Followable } from './operations.js';
import { callsOf, runOperation } from './operations.js';
import { checkExecutable } from './preflight.js';
import { RunState } from './resolve.js';
import { Answers, recordAnswers } from '../aws/index.js';
import type { ApplyEvent, ApplyOptions, ApplyResult, ChangeOutcome, WaitOutcome } from './types.js';
import type { WaitContext } from './wait.js';
import { followAll } from './wait.js';

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
  // Each change's kind module is looked up before the first call, so a kind this version does not know refuses the
  // whole plan with nothing done.
  const last = plan.changes.filter((c) => kindModule(c.kind).apply.last?.(c, plan.changes) === true);
  const groups = new Map<string, Change[]>();
  for (const c of plan.changes) {
    if (last.includes(c)) continue;
    groups.set(c.domainKey, [...(groups.get(c.domainKey) ?? []), c]);
  }
  await Promise.all([...groups.values()].map((g) => runGroup(g, run)));
  for (const c of last) {
    // A last change may depend on its domain's others (a watchlist emptied before its delete): its module says.
    const skip = kindModule(c.kind).apply.skipReason?.(c, { changes: plan.changes, outcome: (a) => run.outcomes.get(a) });
    if (skip) record(c, run, { status: 'skipped', reason: skip });
    else await runChange(c, run);
  }

  const waits = options.wait && run.follow.length > 0 ? await followAll(run.follow, waitContext(run)) : [];
  // Every change is scheduled (each kind's module is found, or the plan was refused); one without an outcome would be
  // an engine bug, reported as a failure rather than a crash or a silent success.
  const outcomes = plan.changes.map((c) => run.outcomes.get(c.address) ?? unscheduled(c));
  const interrupted = options.signal?.aborted === true || outcomes.some((o) => o.status === 'interrupted');
  const ok = !interrupted && outcomes.every((o) => o.status === 'applied' || o.status === 'deferred') && waits.every((w) => w.status === 'completed');
  return { outcomes, waits, ok, interrupted, answers };
}

/**
 * A2.2, A2.3, A2.5: one domain's changes, each kind's after the kinds its module names (registry order lists those
 * first), one at a time within a kind. A change is skipped when a prerequisite of its domain failed (a create that
 * did not answer) or when its module's `skipReason` says a dependency failed.
 */
async function runGroup(changes: readonly Change[], run: Run): Promise<void> {
  const done = { changes, outcome: (address: string) => run.outcomes.get(address) };
  const finished = new Map<ResourceKind, Promise<void>>();
  let blocker: string | undefined;
  const runKind = async (kind: ResourceKind): Promise<void> => {
    const apply = kindModule(kind).apply;
    await Promise.all(apply.after.map((k) => finished.get(k) ?? Promise.resolve()));
    for (const c of changes.filter((x) => x.kind === kind)) {
      const skip = blocker ?? apply.skipReason?.(c, done);
      if (skip) {
        record(c, run, { status: 'skipped', reason: skip });
        continue;
      }
      const outcome = await runChange(c, run);
      blocker ??= apply.prerequisite?.(c, outcome);
    }
  };
  for (const kind of KIND_ORDER) finished.set(kind, runKind(kind));
  await Promise.all(finished.values());
}

async function runChange(change: Change, run: Run): Promise<ChangeOutcome> {
  const { signal } = run.options;
  if (signal?.aborted) return record(change, run, { status: 'skipped', reason: 'interrupted before it started' });
  let operations: readonly Operation[] = change.operations;
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
    return record(change, run, { status: 'failed', reason: describe(e), ...hintOf(e, run.options.rerun), done, total });
  }
  if (done < total) return record(change, run, { status: 'interrupted', reason: `interrupted after ${done} of ${total} calls`, done, total });
  return record(change, run, { status: 'applied', done, total });
}

/**
 * A2.4, A5.2, A5.3: a deferred change is reported `deferred`, or with --wait awaited (what its kind's module says it
 * waits for: the running re-encryption, the job of its kind before it) and then run. The operations to run, or the
 * outcome.
 */
async function clearDeferred(change: Change, reason: string, run: Run): Promise<readonly Operation[] | ChangeOutcome> {
  const deferred = kindModule(change.kind).apply.deferred?.(change, run.state);
  if (!run.options.wait || !deferred) return record(change, run, { status: 'deferred', reason });
  let waited: WaitOutcome;
  try {
    waited = await deferred.await(waitContext(run));
  } catch (e) {
    return record(change, run, { status: 'failed', reason: describe(e), ...hintOf(e, run.options.rerun) });
  }
  if (waited.status === 'interrupted' || waited.status === 'timed-out') {
    return record(change, run, { status: waited.status === 'interrupted' ? 'interrupted' : 'failed', reason: `${deferred.notDone}: ${waited.detail}` });
  }
  return deferred.operations;
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

function hintOf(e: unknown, rerun: ApplyOptions['rerun']): { hint?: string } {
  if (!isGitopsError(e)) return {};
  if (e.hint !== undefined) return { hint: e.hint };
  return e.options.rerun !== undefined && rerun !== undefined ? { hint: rerun(e.options.rerun) } : {};
}

function describe(e: unknown): string {
  if (isGitopsError(e)) return `${e.code}: ${e.message}`;
  return `INTERNAL: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`;
}
