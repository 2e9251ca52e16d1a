/**
 * `voiceid-gitops apply [PATH...] [--plan FILE] [--auto-approve] [--allow-delete] [--wait]` (CONTRACT §2; rules in
 * src/apply/APPLY.md). Plan (or load the reviewed plan and prove it is still current), show it, get approval,
 * execute it with progress, report every change, then re-read live state and verify the plan is now empty.
 * Exit 0 only when everything was applied and verified; 1 otherwise (refusals change nothing).
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { applyPlan, checkExecutable, checkStack, isDomainDelete, deferredLine, parseSavedPlan, summaryLine } from '../../apply/index.js';
import type { ApplyResult } from '../../apply/index.js';
import { realSleep } from '../../aws/index.js';
import { LIMITS, readRegularFile } from '../../config/index.js';
import { answeredLive } from '../../live/index.js';
import { userError } from '../../model/errors.js';
import type { LiveState } from '../../model/live.js';
import type { Plan } from '../../model/plan.js';
import { hasChanges, onlyDeferred } from '../../model/plan.js';
import { planSpeakerIds } from '../../model/sensitive.js';
import { describeDifference, planDifference, plan as makePlan } from '../../plan/index.js';
import { render } from '../../render/index.js';
import { outcomeLines, paintSummary } from '../apply-report.js';
import { style } from '../../render/style.js';
import { createApplyView } from '../apply-view.js';
import { nonNegativeNumber, withRootOption } from '../common-options.js';
import { annotator } from '../annotations.js';
import type { CliDeps } from '../deps.js';
import type { CommandContext } from '../run.js';
import { addDiscoveryOption, addScanSpeakersOption, addTrustOptions, colorAllowed, presentation, withSession } from '../session.js';
import type { PacingOverrides, Session, SessionOptions } from '../session.js';
import { commandLine, connectionWords, replanHint, type ConnectionWords } from '../../model/command-line.js';
import { recordSource, sameSource, sourcePaths } from '../plan-source.js';
import { givenStrings, stackCommand, yamlPathsHelp } from '../stack-command.js';
import type { RegisterCommand } from './index.js';
import { addTargetOption, savedPlanTargets } from '../targets.js';

export interface ApplyFlags {
  readonly plan?: string;
  readonly stack?: string;
  readonly autoApprove: boolean;
  readonly allowDelete: boolean;
  readonly wait: boolean;
}

/** `given`: the PATHs on the command line (none: `.`, or with --plan the paths the saved plan records). */
export async function runApply(given: readonly string[], flags: ApplyFlags, options: SessionOptions & PacingOverrides, ctx: CommandContext): Promise<void> {
  const { deps } = ctx;
  const saved = flags.plan === undefined ? undefined : await readSavedPlan(flags.plan, given, options, deps);
  if (saved && options.showSensitive !== true) deps.declareSensitive?.(planSpeakerIds(saved));
  if (saved) checkStack(saved, flags.stack);
  const paths = saved && flags.plan !== undefined ? savedPlanPaths(saved, flags.plan, given, options, deps.cwd) : given;
  // A1.7a: a saved plan is re-planned (and verified) with its own targets; --target given must name the same set.
  const { targets: _given, ...untargeted } = options;
  const targets = saved && flags.plan !== undefined ? savedPlanTargets(saved.targets, options.targets, flags.plan, options) : options.targets;
  const scoped = { ...untargeted, ...(targets ? { targets } : {}) };
  await withSession(paths, scoped, deps, async (session) => {
    if (flags.stack !== undefined && session.desired.stack !== flags.stack) {
      throw userError('E_OTHER_STACK', `the YAML is for stack "${session.desired.stack}", not "${flags.stack}"; nothing was changed`, {
        drop: ['--stack'],
        say: (c) => `pass the PATHs of stack "${flags.stack}", or apply stack "${session.desired.stack}": ${c}`,
      });
    }
    if (saved) checkStack(saved, session.desired.stack);
    // R13.2, R13.4: apply of its own plan records full checks; apply --plan reads in full what the saved plan did.
    const read = await session.plan(saved ? { readInFull: readInFull(saved) } : { recordFullChecks: options.refresh === true ? 'always' : 'stale' });
    const fresh = read.plan;
    annotator(deps)?.plan(fresh, session.desired);
    const readPaths = sourcePaths(deps.cwd, session.source);
    const plan = saved && flags.plan !== undefined ? checkCurrent(saved, fresh, replanHint(readPaths, flags.plan, options)) : fresh;
    const { redactor, color } = presentation(options, deps);
    deps.stdout(render(plan, { format: 'text', redactor, color }));
    checkExecutable(plan, flags.allowDelete, readPaths);
    if (!hasChanges(plan)) return ctx.setExitCode(0);
    if (onlyDeferred(plan) && !flags.wait) {
      // A6.3: routine work Voice ID accepts later; nothing failed and nothing can be done now.
      deps.stdout(`Nothing to apply now: ${deferredLine(plan.changes.length)} (or use apply --wait).\n`);
      return ctx.setExitCode(0);
    }
    if (plan.changes.every((c) => c.blocked !== undefined || (c.deferred !== undefined && !flags.wait))) {
      deps.stderr('Every change is blocked or deferred: nothing to apply.\n');
      return ctx.setExitCode(1);
    }
    if (!(await approved(plan, flags, deps))) return ctx.setExitCode(1);
    const result = await execute(plan, flags, session, deps, colorAllowed(options, deps));
    annotator(deps)?.outcomes(result, session.desired);
    const s = style(color);
    deps.stdout(`\n${outcomeLines(result, s).join('\n')}\n${paintSummary(summaryLine(result), result, s)}\n`);
    if (!result.ok) {
      if (result.interrupted) deps.stdout('Interrupted: calls in flight finished, no new ones were started. Re-run apply to converge.\n');
      return ctx.setExitCode(1);
    }
    ctx.setExitCode(await verify(session, read.live, result, deps));
  });
}

async function readSavedPlan(file: string, given: readonly string[], options: ConnectionWords, deps: CliDeps): Promise<Plan> {
  const read = await readRegularFile(resolve(deps.cwd, file), LIMITS.maxPlanFileBytes);
  if (read.kind === 'error') {
    throw userError('PLAN_NOT_FOUND', `cannot read the plan ${file}: ${read.message}`, `save one with \`${commandLine(['plan', ...given, ...connectionWords(options), '--out', file])}\``);
  }
  return parseSavedPlan(new TextDecoder().decode(read.bytes), file, replanHint(given.length > 0 ? given : undefined, file, options));
}

/** The PATHs to load for `apply --plan FILE`: the recorded ones; PATHs given must name the same files. */
function savedPlanPaths(saved: Plan, file: string, given: readonly string[], options: ConnectionWords, cwd: string): readonly string[] {
  if (saved.source === undefined) {
    if (given.length > 0) return given;
    throw userError('PLAN_NO_PATHS', `${file} does not record the YAML paths it was made from (saved by an older voiceid-gitops); nothing was changed`, replanHint(undefined, file, options));
  }
  const recorded = sourcePaths(cwd, saved.source);
  if (given.length > 0 && !sameSource(recordSource(cwd, given), saved.source)) {
    throw userError(
      'PLAN_OTHER_PATHS',
      `${file} was made from ${recorded.join(' ')}, not from ${given.join(' ')}; nothing was changed`,
      `apply it without PATHs (\`${commandLine(['apply', '--plan', file, ...connectionWords(options)])}\` reads ${recorded.join(' ')}), or ${replanHint(given, file, options)}`,
    );
  }
  return recorded;
}

/** R13.4: the domains whose declared ids the saved plan read in full (its re-read must see what it saw). */
function readInFull(saved: Plan): ReadonlySet<string> {
  return new Set((saved.trust ?? []).filter((t) => t.trusted === 0).map((t) => t.domainKey));
}

/**
 * A1.7, the one staleness rule: planning is deterministic, so the saved plan must equal a fresh plan of the same YAML
 * and the live state as it is now, the whole document but its volatile members (src/plan/staleness.ts). Whatever
 * changed (the YAML, live state, or the file edited and re-sealed: the integrity digest is a plain sha256), apply
 * never executes or displays content it would not plan now. The warnings and notes shown are the fresh plan's.
 */
function checkCurrent(saved: Plan, fresh: Plan, hint: string): Plan {
  // A1.7b: a domain protected since the plan was saved is refused by name, not as a mere stale plan.
  const protectedNow = fresh.errors.find((e) => e.code === 'E_PROTECTED' && saved.changes.some((c) => c.address === e.address && c.action === 'delete'));
  if (protectedNow) throw userError('E_PROTECTED', `${protectedNow.message}; the saved plan deletes it, so nothing was changed`, protectedNow.hint ?? hint);
  const difference = planDifference(saved, fresh);
  if (difference) {
    throw userError(
      'PLAN_STALE',
      `the saved plan is not what the same YAML and live Voice ID state plan now (the YAML or live state changed since, or the file was edited); it differs at ${describeDifference(difference)}; nothing was changed`,
      hint,
    );
  }
  return { ...fresh, ...(saved.source === undefined ? {} : { source: saved.source }) };
}

/**
 * Approval on a terminal: "yes" for ordinary changes; the stack's name, typed out, when the plan deletes domains
 * (their voiceprints are gone for good, so a reflexive "yes" must not do it). --auto-approve (CI) skips both; the
 * deletes still need --allow-delete, checked before this.
 */
async function approved(plan: Plan, flags: ApplyFlags, deps: CliDeps): Promise<boolean> {
  if (flags.autoApprove) return true;
  if (!deps.stdinIsTTY) {
    throw userError('APPROVAL_REQUIRED', 'apply needs approval and there is no terminal to ask on; nothing was changed', { add: ['--auto-approve'], say: (c) => `review the plan above, then run ${c} (CI), or run in a terminal` });
  }
  const deletes = plan.changes.filter(isDomainDelete);
  const expected = deletes.length > 0 ? plan.stack : 'yes';
  const question =
    deletes.length > 0
      ? `\nThis plan DELETES ${deletes.length === 1 ? '1 domain' : `${deletes.length} domains`} (${deletes.map((c) => c.address).join(', ')}) with all their voiceprints: this cannot be undone.\nType the stack name "${plan.stack}" to perform these actions: `
      : '\nDo you want to perform these actions? Only "yes" will be accepted: ';
  const answer = await deps.prompt(question);
  if (answer?.trim() === expected) return true;
  // No answer (Ctrl-C, closed input) leaves the cursor on the question's line; a typed answer ended with Enter.
  const why = deletes.length > 0 && answer !== undefined ? ` (the stack name "${plan.stack}" was not typed)` : '';
  deps.stderr(`${answer === undefined ? '\n' : ''}Apply cancelled${why}: nothing was changed.\n`);
  return false;
}

async function execute(plan: Plan, flags: ApplyFlags, session: Session, deps: CliDeps, color: boolean): Promise<ApplyResult> {
  const now = (): number => deps.now().getTime();
  const terminal = deps.stderrTerminal;
  // Progress and the per-change lines go to stderr: drawn as a terminal only when stderr is one.
  const progress = createApplyView({ write: deps.stderr, now, color: color && terminal !== undefined, signal: deps.signal, ...(terminal ? { terminal } : {}) });
  const release = deps.liveView?.hold({ erase: () => progress.erase() });
  try {
    return await applyPlan(plan, session.connection.clients.voiceId, {
      allowDelete: flags.allowDelete,
      signal: deps.signal,
      onEvent: (e) => progress.onEvent(e),
      ...(deps.rerun ? { rerun: deps.rerun } : {}),
      ...(flags.wait ? { wait: { now, sleep: deps.sleep ?? realSleep } } : {}),
    });
  } finally {
    release?.();
    progress.finish();
  }
}

/**
 * A6.3: the same inputs must now plan nothing against the live state as apply's answers show it (the state read
 * before, each write's answer folded in, the tags of retagged domains read again): proportional to the change.
 */
async function verify(session: Session, before: LiveState, result: ApplyResult, deps: CliDeps): Promise<number> {
  const live = result.answers ? await answeredLive(before, result.answers, session.connection.clients.voiceId) : (await session.plan()).live;
  const targets = session.options.targets;
  const after = makePlan(session.desired, live, targets ? { targets } : {});
  if (!hasChanges(after) && after.errors.length === 0) {
    deps.stdout('Verified: live state matches the desired state.\n');
    return 0;
  }
  if (onlyDeferred(after) && after.errors.length === 0) {
    deps.stdout(`Verified: live state matches the desired state except ${deferredLine(after.changes.length)}.\n`);
    return 0;
  }
  const why = (c: Plan['changes'][number]) => c.blocked?.reason ?? c.deferred?.reason;
  const lines = [...after.changes.map((c) => `  ${c.address}: ${c.action}${why(c) ? ` (${why(c)})` : ''}`), ...after.errors.map((e) => `  ${e.code}: ${e.message}`)];
  deps.stdout(`Not verified: live state still differs from the desired state:\n${lines.join('\n')}\n`);
  return 1;
}

export const registerApply: RegisterCommand = (program: Command, ctx: CommandContext) => {
  stackCommand(program, {
    name: 'apply',
    description: 'apply the plan: change live Voice ID state to match the YAML (asks for approval)',
    paths: yamlPathsHelp('with --plan, the paths the plan records, else "." where it holds stack YAML'),
    options: (cmd) =>
      cmd
        .option('--plan <file>', 'apply exactly this saved plan (from `plan --out`), after checking it is still current')
        .option('--stack <name>', 'refuse a plan (or YAML) of any other stack')
        .option('--auto-approve', 'do not ask for approval (CI)', false)
        .option('--allow-delete', 'allow deleting domains (prune) with all their voiceprints', false)
        .option('--wait', 'follow KMS re-encryptions and jobs to the end, and await deferred key changes', false)
        .option('--quota-scale <s>', 'start the client-side rates at S x the documented Voice ID quotas (they adapt to throttles from there); 0 turns pacing off', nonNegativeNumber),
    families: [withRootOption, addDiscoveryOption, addScanSpeakersOption, addTargetOption, addTrustOptions],
    action: async (paths, raw, session) => {
      const flags: ApplyFlags = {
        ...givenStrings(raw, ['plan', 'stack']),
        autoApprove: raw.autoApprove === true,
        allowDelete: raw.allowDelete === true,
        wait: raw.wait === true,
      };
      const scale = typeof raw.quotaScale === 'number' ? { rateLimits: { scale: raw.quotaScale } } : {};
      await runApply(paths, flags, { ...session, ...scale }, ctx);
    },
  });
};
