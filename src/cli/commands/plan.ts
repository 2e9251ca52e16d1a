/**
 * `voiceid-gitops plan [PATH...]` (CONTRACT §2, §5): load the desired state (invalid input stops here, before
 * any AWS call), read live state, plan, and print the plan to stdout; progress goes to stderr. `--out FILE`
 * saves the full plan as JSON for `apply --plan` (unmasked: it holds customer speaker ids).
 *
 * Exit codes: 0 success; 1 any error, plan-level errors included; 2 with --detailed-exitcode when the plan
 * has changes (blocked ones too: drift remains).
 */
import { Option, type Command } from 'commander';
import { GitopsError } from '../../model/errors.js';
import { hasChanges, type Plan } from '../../model/plan.js';
import { sealPlan } from '../../plan/index.js';
import { render, serializePlan, type RenderFormat } from '../../render/index.js';
import { withRootOption } from '../common-options.js';
import { annotator } from '../annotations.js';
import type { CommandContext } from '../run.js';
import { DEFAULT_MAX_TRUST_AGE_S, addDiscoveryOption, addScanSpeakersOption, addTrustOptions, presentation, withSession, type SessionOptions } from '../session.js';
import { fullCheckWrites } from '../../plan/full-check.js';
import { recordFullChecks } from '../record-full-check.js';
import { writeFileAtomic } from '../write-atomic.js';
import { commandLine, connectionWords } from '../../model/command-line.js';
import { givenStrings, stackCommand, yamlPathsHelp } from '../stack-command.js';
import type { RegisterCommand } from './index.js';
import { addTargetOption } from '../targets.js';

interface PlanFlags {
  readonly out?: string;
  readonly format: RenderFormat;
  readonly detailedExitcode: boolean;
}

/** Exit code of a finished plan (CONTRACT §2). */
export function planExitCode(plan: Plan, detailed: boolean): number {
  if (plan.errors.length > 0) return 1;
  return detailed && hasChanges(plan) ? 2 : 0;
}

async function runPlan(paths: readonly string[], flags: PlanFlags, options: SessionOptions, ctx: CommandContext): Promise<void> {
  const { deps } = ctx;
  await withSession(paths, options, deps, async (session) => {
    const { plan, live, readAt } = await session.plan();
    annotator(deps)?.plan(plan, session.desired);
    // PLAN.md R13.7: a full read records the full check it made (only the evidence of the last-applied record).
    if (options.refresh === true) {
      await recordFullChecks(session.connection.clients.voiceId, fullCheckWrites(session.desired, live, plan, readAt), options.maxTrustAgeS ?? DEFAULT_MAX_TRUST_AGE_S, deps.stderr);
    }
    if (flags.out !== undefined) {
      const saved = await saveOrFail(deps.cwd, flags.out, serializePlan(sealPlan(plan)));
      const targeted = plan.targets ? ' (its targets are recorded: apply uses them)' : '';
      deps.stderr(`Saved the full plan to ${saved} (it holds unmasked customer speaker ids: keep it private); apply it with \`${commandLine(['apply', '--plan', flags.out, ...connectionWords(options)])}\`${targeted}\n`);
    }
    const { redactor, color } = presentation(options, deps);
    deps.stdout(render(plan, { format: flags.format, redactor, color, ...(flags.out !== undefined ? { fullPlanLocation: `\`${flags.out}\`` } : {}) }));
    ctx.setExitCode(planExitCode(plan, flags.detailedExitcode));
  });
}

async function saveOrFail(cwd: string, file: string, text: string): Promise<string> {
  try {
    return await writeFileAtomic(cwd, file, text);
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new GitopsError('E_WRITE_FAILED', `cannot write the plan to ${file}: ${why}`, 'user');
  }
}

export const registerPlan: RegisterCommand = (program: Command, ctx: CommandContext) => {
  stackCommand(program, {
    name: 'plan',
    description: 'show what apply would change: read live Voice ID state and diff it against the YAML',
    paths: yamlPathsHelp('"." where it holds stack YAML'),
    options: (cmd) =>
      cmd
        .option('--out <file>', 'save the full plan as JSON for `apply --plan` (holds UNMASKED customer speaker ids: keep it private)')
        .addOption(new Option('--format <format>', 'output on stdout').choices(['text', 'markdown', 'json']).default('text'))
        .option('--detailed-exitcode', 'exit 2 when the plan has changes, 0 when it has none (1 on errors)', false),
    families: [withRootOption, addDiscoveryOption, addScanSpeakersOption, addTargetOption, addTrustOptions],
    action: async (paths, raw, session) => {
      const flags: PlanFlags = { ...givenStrings(raw, ['out']), format: raw.format as RenderFormat, detailedExitcode: raw.detailedExitcode === true };
      await runPlan(paths, flags, session, ctx);
    },
  });
};
