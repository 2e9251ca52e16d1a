/**
 * `voiceid-gitops comment --plan FILE [--pr N] [--repo OWNER/NAME]`: renders a saved plan as markdown (speaker
 * ids always masked: PR comments are widely visible), creates or updates the one sticky comment of its stack on
 * the pull request, and appends the plan to the job summary. The GitHub side lives in src/github.
 */
import { appendFile, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { createGitHubApi, fullPlanAt, githubContext, planProvenance, pullRequestOf, summaryMarkdown, upsertPlanComment, appendStepSummary, formatRepo } from '../../github/index.js';
import type { GitHubApi, GitHubContext } from '../../github/index.js';
import { BODY_OVERHEAD, GITHUB_BODY_LIMIT } from '../../github/body.js';
import { LIMITS, readRegularFile } from '../../config/index.js';
import { userError } from '../../model/errors.js';
import { commandLine } from '../../model/command-line.js';
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
      const where = await writeSummary(deps, opts, plan, gh.runUrl);
      const sha = pr.headSha ?? gh.sha;
      const provenance = planProvenance({ ...(sha ? { sha } : {}), ...(gh.runUrl ? { runUrl: gh.runUrl } : {}) });
      const out = await upsertPlanComment(githubApi(gh, deps), {
        repo: gh.repo,
        pullNumber: pr.number,
        stack: plan.stack,
        markdown: planMarkdown(plan, where, provenance),
        // A plan that stops on errors is not "no changes": keep the banner away from it.
        hasChanges: hasChanges(plan) || plan.errors.length > 0,
        fullPlanAt: where,
      });
      deps.stdout(`${out.kind} the plan comment of stack ${plan.stack} on ${formatRepo(gh.repo)}#${pr.number}: ${out.url}\n`);
    });
}

/** The plan as a PR comment or issue body: masked, and sized so our marker and banner still fit. */
export function planMarkdown(plan: Plan, fullPlanLocation: string, provenance: string): string {
  return renderMarkdown(plan, { redactor: redactor(false), limit: GITHUB_BODY_LIMIT - BODY_OVERHEAD, statedLimit: GITHUB_BODY_LIMIT, fullPlanLocation, provenance });
}

/**
 * Appends the whole masked plan to the job summary (unless --no-summary or outside Actions) and returns where the
 * whole plan is: the job summary when it holds all of it, else the saved plan file (full/truncation honesty).
 */
export async function writeSummary(deps: CliDeps, opts: { readonly plan: string; readonly summary: boolean }, plan: Plan, runUrl: string | undefined): Promise<string> {
  const savedPlanAt = `the saved plan \`${opts.plan}\` that this step read (JSON, speaker ids unmasked; the example workflows upload it as the \`voiceid-plan-${plan.stack}\` artifact)`;
  if (!opts.summary) return savedPlanAt;
  const whole = summaryMarkdown(plan, savedPlanAt);
  const written = await appendStepSummary(deps.env, (p, t) => appendFile(p, t, 'utf8'), whole.markdown);
  return fullPlanAt({ summaryHoldsAll: written !== undefined && !whole.truncated, ...(runUrl ? { runUrl } : {}), savedPlanAt });
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

const writtenBy = (file: string): string => `pass the file that \`${commandLine(['plan', '--out', file])}\` writes (with the PATHs and options of your plan step)`;

/** Reads a saved plan (`plan --out FILE`) and checks the fields the GitHub commands rely on. */
export async function readPlanFile(deps: CliDeps, file: string): Promise<Plan> {
  const read = await readRegularFile(resolve(deps.cwd, file), LIMITS.maxPlanFileBytes);
  if (read.kind === 'error') {
    throw userError('PLAN_FILE_UNREADABLE', `cannot read the plan file ${file} (${read.message})`, `write it first with \`${commandLine(['plan', '--out', file])}\` (with the PATHs and options of your plan step)`);
  }
  const text = new TextDecoder().decode(read.bytes);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw userError('PLAN_FILE_INVALID', `${file} is not JSON`, writtenBy(file));
  }
  const p = data as Partial<Plan> | null;
  if (typeof p !== 'object' || p === null || typeof p.stack !== 'string' || !Array.isArray(p.changes) || typeof p.summary !== 'object') {
    throw userError('PLAN_FILE_INVALID', `${file} is not a voiceid-gitops plan (no stack, summary or changes)`, writtenBy(file));
  }
  if (p.formatVersion !== PLAN_FORMAT_VERSION) {
    throw userError('PLAN_FORMAT_UNSUPPORTED', `${file} has plan format version ${String(p.formatVersion)}; this voiceid-gitops reads version ${PLAN_FORMAT_VERSION}`);
  }
  const plan = { errors: [], warnings: [], notes: [], ...p } as Plan;
  deps.declareSensitive?.(planSpeakerIds(plan));
  return plan;
}
