/**
 * The job summary: GitHub Actions renders whatever a step appends to the file named by GITHUB_STEP_SUMMARY.
 * Appending (never overwriting) keeps summaries of several stacks and earlier steps.
 */
import type { Env } from './context.js';

/** GitHub rejects a step summary over 1 MiB; the plan markdown is far below, but a bad input must not fail the job. */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;

export async function appendStepSummary(
  env: Env,
  appendFile: (path: string, text: string) => Promise<void>,
  markdown: string,
): Promise<string | undefined> {
  const path = env.GITHUB_STEP_SUMMARY?.trim();
  if (!path) return undefined;
  const text = markdown.endsWith('\n') ? `${markdown}\n` : `${markdown}\n\n`;
  await appendFile(path, Buffer.byteLength(text) <= STEP_SUMMARY_LIMIT ? text : `${text.slice(0, STEP_SUMMARY_LIMIT / 4)}\n\n(truncated)\n`);
  return path;
}
