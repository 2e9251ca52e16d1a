/**
 * A checkout of this repository as a workflow sees it: action.yml, package.json, specs/, examples/, .github/ and a
 * built dist/ (so the action's install step finds `dist/bin/voiceid-gitops.js` and skips `npm ci && npm run build`, as on a
 * job's second use of the action). dist/ is the one the test run built once (test/setup/build-dist.ts), linked.
 */
import { cpSync, existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { BUILT_CLI, REPO_ROOT } from '../../helpers/built-cli.js';
import { scratchDir } from './scratch.js';

export { REPO_ROOT };

/**
 * The package root holding the built dist/ (with package.json, specs and node_modules beside it, which the code
 * reads relative to its own module: symlinked checkouts resolve to this real path): the repository itself, whose
 * dist/ the test run's globalSetup built (test/setup/build-dist.ts).
 */
export function builtPackage(): string {
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run the tests through vitest (its globalSetup builds dist/)`);
  return REPO_ROOT;
}

/** A new temp directory holding a checkout of this repository (the action, its workflows, the quick start). */
export function newCheckout(): string {
  const pkg = builtPackage();
  const dir = scratchDir('voiceid-checkout-');
  for (const file of ['action.yml', 'package.json']) cpSync(join(REPO_ROOT, file), join(dir, file));
  cpSync(join(REPO_ROOT, 'examples'), join(dir, 'examples'), { recursive: true, filter: (src) => !src.includes(`${join('examples', 'large')}`) });
  cpSync(join(REPO_ROOT, '.github'), join(dir, '.github'), { recursive: true });
  for (const link of ['dist', 'specs', 'node_modules']) symlinkSync(join(pkg, link), join(dir, link));
  return dir;
}
