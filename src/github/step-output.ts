/**
 * Step outputs: inside GitHub Actions a step sets an output by appending `name=value` to the file named by
 * GITHUB_OUTPUT. The CLI sets `error-code` itself (the composite action reads it), so no workflow has to grep the
 * log for it.
 */
import type { Env } from './context.js';

/** Only single-line values of this shape are written as `name=value` (an error code always is one). */
const PLAIN = /^[A-Za-z0-9_.-]*$/;

export async function setStepOutput(
  env: Env,
  appendFile: (path: string, text: string) => Promise<void>,
  name: string,
  value: string,
): Promise<boolean> {
  const path = env.GITHUB_OUTPUT?.trim();
  if (env.GITHUB_ACTIONS !== 'true' || !path || !PLAIN.test(name) || !PLAIN.test(value)) return false;
  await appendFile(path, `${name}=${value}\n`);
  return true;
}
