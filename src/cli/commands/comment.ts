/**
 * `voiceid-gitops comment --plan FILE [--pr N] [--repo OWNER/NAME]`: renders a saved plan as markdown (speaker
 * ids always masked: PR comments are widely visible), creates or updates the one sticky comment of its stack on
 * the pull request, and appends the plan to the job summary. The GitHub side lives in src/github.
 */
import { appendFile, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { createGitHubApi, githubContext, pullRequestOf, upsertPlanComment, appendStepSummary, formatRepo } from '../../github/index.js';
import type { GitHubApi, GitHubContext } from '../../github/index.js';
import { BODY_OVERHEAD, GITHUB_BODY_LIMIT } from '../../github/body.js';
import { LIMITS, readRegularFile } from '../../config/index.js';
import { userError } from '../../model/errors.js';
import { hasChanges, PLAN_FORMAT_VERSION, type Plan } from '../../model/plan.js';
import { planSpeakerIds, redactor } from '../../model/sensitive.js';
import { renderMarkdown } from '../../render/index.js';
import { positiveInt } from '../common-options.js';
import type { CliDeps } from '../deps.js';
import type { CommandContext } from '../run.js';
import { packageVersion } from '../version.js';

interface CommentOptions {
  readonly plan: string;
  readonly pr?: number;
  readonly repo?: string;
  readonly summary: boolean;
}

export function registerComment(program: Command, ctx: CommandContext): void {
  program
    .command('comment')
    .description('create or update the sticky plan comment of a pull request (one per stack) and write the job summary')
    .requiredOption('--plan <file>', 'saved plan written by `plan --out FILE`')
    .option('--pr <n>', 'pull request number (default: from the pull_request event at GITHUB_EVENT_PATH)', positiveInt)
    .option('--repo <owner/name>', 'repository (default: GITHUB_REPOSITORY)')
    .option('--no-summary', 'do not append the plan to GITHUB_STEP_SUMMARY')
    .addHelpText('after', '\nEnvironment: GITHUB_TOKEN (needs `pull-requests: write`), GITHUB_REPOSITORY, GITHUB_EVENT_PATH, GITHUB_API_URL.')
    .action(async (opts: CommentOptions) => {
      const { deps } = ctx;
      const plan = await readPlanFile(deps, opts.plan);
      const gh = githubContext(deps.env, opts.repo);
      const pr = await pullRequestOf(deps.env, (p) => readFile(p, 'utf8'), opts.pr);
      const markdown = planMarkdown(plan, gh.runUrl ? `the job summary and the \`voiceid-plan\` artifact of [this run](${gh.runUrl})` : undefined);
      if (opts.summary) await appendStepSummary(deps.env, (p, t) => appendFile(p, t, 'utf8'), markdown);
      const out = await upsertPlanComment(githubApi(gh, deps), {
        repo: gh.repo,
        pullNumber: pr.number,
        stack: plan.stack,
        markdown,
        // A plan that stops on errors is not "no changes": keep the banner away from it.
        hasChanges: hasChanges(plan) || plan.errors.length > 0,
        ...(gh.runUrl ? { runUrl: gh.runUrl } : {}),
        ...(pr.headSha ?? gh.sha ? { sha: pr.headSha ?? gh.sha } : {}),
      });
      deps.stdout(`${out.kind} the plan comment of stack ${plan.stack} on ${formatRepo(gh.repo)}#${pr.number}: ${out.url}\n`);
    });
}

/** The plan as a PR comment or issue body: masked, and sized so our marker, banner and footer still fit. */
export function planMarkdown(plan: Plan, fullPlanLocation?: string): string {
  return renderMarkdown(plan, {
    redactor: redactor(false),
    limit: GITHUB_BODY_LIMIT - BODY_OVERHEAD,
    ...(fullPlanLocation ? { fullPlanLocation } : {}),
  });
}

export function githubApi(gh: GitHubContext, deps: CliDeps): GitHubApi {
  return createGitHubApi({
    token: gh.token,
    baseUrl: gh.apiUrl,
    userAgent: `voiceid-gitops/${packageVersion()}`,
    // The CLI is the composition root: real time here unless the caller injected a sleep (CLI tests).
    sleep: (ms) => (deps.sleep ? deps.sleep(ms) : new Promise((done) => setTimeout(done, ms))),
    now: () => deps.now().getTime(),
  });
}

/** Reads a saved plan (`plan --out FILE`) and checks the fields the GitHub commands rely on. */
export async function readPlanFile(deps: CliDeps, file: string): Promise<Plan> {
  const read = await readRegularFile(resolve(deps.cwd, file), LIMITS.maxPlanFileBytes);
  if (read.kind === 'error') {
    throw userError('PLAN_FILE_UNREADABLE', `cannot read the plan file ${file} (${read.message})`, 'write it first with `voiceid-gitops plan --out FILE`');
  }
  const text = new TextDecoder().decode(read.bytes);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw userError('PLAN_FILE_INVALID', `${file} is not JSON`, 'pass the file written by `voiceid-gitops plan --out FILE`');
  }
  const p = data as Partial<Plan> | null;
  if (typeof p !== 'object' || p === null || typeof p.stack !== 'string' || !Array.isArray(p.changes) || typeof p.summary !== 'object') {
    throw userError('PLAN_FILE_INVALID', `${file} is not a voiceid-gitops plan (no stack, summary or changes)`, 'pass the file written by `voiceid-gitops plan --out FILE`');
  }
  if (p.formatVersion !== PLAN_FORMAT_VERSION) {
    throw userError('PLAN_FORMAT_UNSUPPORTED', `${file} has plan format version ${String(p.formatVersion)}; this voiceid-gitops reads version ${PLAN_FORMAT_VERSION}`);
  }
  const plan = { errors: [], warnings: [], notes: [], ...p } as Plan;
  deps.declareSensitive?.(planSpeakerIds(plan));
  return plan;
}
