/**
 * `voiceid-gitops drift-issue --plan FILE [--exit-code N] [--repo OWNER/NAME] [--label NAME]`: after a scheduled
 * `plan --detailed-exitcode --out FILE`, opens or refreshes the one drift issue of the plan's stack when the plan
 * has changes, and closes it with a comment when the plan is clean. The body is the masked markdown plan.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_DRIFT_LABEL, DRIFT_PROVENANCE, formatRepo, githubContext, syncDriftIssue } from '../../github/index.js';
import { deferredLine } from '../../apply/index.js';
import { userError } from '../../model/errors.js';
import { hasChanges, onlyDeferred } from '../../model/plan.js';
import type { CommandContext } from '../run.js';
import { githubApi, planMarkdown, readPlanFile, writeSummary } from './comment.js';

interface DriftIssueOptions {
  readonly plan: string;
  readonly exitCode?: number;
  readonly repo?: string;
  readonly label: string;
  readonly summary: boolean;
}

function planExitCode(value: string): number {
  if (!['0', '1', '2'].includes(value)) throw new InvalidArgumentError('must be 0, 1 or 2 (the exit code of plan --detailed-exitcode)');
  return Number(value);
}

export function registerDriftIssue(program: Command, ctx: CommandContext): void {
  program
    .command('drift-issue')
    .description('open, update or close the drift issue of a stack from a scheduled plan')
    .requiredOption('--plan <file>', 'saved plan written by `plan --detailed-exitcode --out FILE`')
    .option('--exit-code <n>', 'exit code of that plan run, checked against the plan (0 clean, 2 drift)', planExitCode)
    .option('--repo <owner/name>', 'repository (default: GITHUB_REPOSITORY)')
    .option('--label <name>', 'label that marks drift issues', DEFAULT_DRIFT_LABEL)
    .option('--no-summary', 'do not append the plan to GITHUB_STEP_SUMMARY')
    .addHelpText('after', '\nEnvironment: GITHUB_TOKEN (needs `issues: write`), GITHUB_REPOSITORY, GITHUB_API_URL.')
    .action(async (opts: DriftIssueOptions) => {
      const { deps } = ctx;
      if (opts.exitCode === 1) {
        throw userError('DRIFT_UNKNOWN', 'the plan run failed (exit 1), so drift is unknown; the drift issue is left as it is', 'fix the plan error shown above');
      }
      const plan = await readPlanFile(deps, opts.plan);
      // Deferred changes are pending work Voice ID accepts later (the next apply starts them), not drift.
      const pending = onlyDeferred(plan) ? plan.changes.length : 0;
      const drifted = hasChanges(plan) && pending === 0;
      if (opts.exitCode !== undefined && (opts.exitCode === 2) !== hasChanges(plan)) {
        const matching = hasChanges(plan) ? '2' : '0';
        throw userError('DRIFT_EXIT_CODE_MISMATCH', `--exit-code ${opts.exitCode} does not match ${opts.plan}, which has ${plan.changes.length} change(s)`, {
          add: ['--exit-code', matching],
          say: (c) => `pass the plan file and the exit code of the same plan run; for this file that is ${c}`,
        });
      }
      const gh = githubContext(deps.env, opts.repo);
      const fullAt = await writeSummary(deps, opts, plan, gh.runUrl);
      const out = await syncDriftIssue(githubApi(gh, deps), {
        repo: gh.repo,
        stack: plan.stack,
        markdown: planMarkdown(plan, fullAt, DRIFT_PROVENANCE),
        fullPlanAt: fullAt,
        drifted,
        pending,
        label: opts.label,
        ...(gh.runUrl ? { runUrl: gh.runUrl } : {}),
      });
      const where = out.kind === 'none' ? '' : ` ${formatRepo(gh.repo)}#${out.issueNumber}: ${out.url}`;
      const said = { opened: 'opened the drift issue', updated: 'updated the drift issue', unchanged: 'the drift issue is up to date', closed: 'closed the drift issue', none: 'no drift and no open drift issue' }[out.kind];
      const work = pending > 0 ? `; ${deferredLine(pending)} (pending work, not drift)` : '';
      deps.stdout(`stack ${plan.stack}: ${said}${where}${work}\n`);
    });
}
