/**
 * The world an end-to-end test runs workflows in: a repository on the fake GitHub with one open pull request, the
 * repository's files in a temp directory, and a step environment isolated from this machine (own HOME, no AWS
 * config files, no instance metadata), optionally pointed at an in-test Voice ID emulator the way
 * configure-aws-credentials + AWS_ENDPOINT_URL would point a real job at AWS.
 */
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { newCheckout, REPO_ROOT } from './action-checkout.js';
import type { Value } from './expressions.js';
import { startFakeGitHub, type FakeGitHub, type FakeIssue } from './fake-github.js';
import type { Repository } from './run-records.js';
import { scratchDir } from './scratch.js';

export const OWNER = 'acme';
export const REPO = 'voice';

export interface World {
  readonly repo: Repository;
  readonly github: FakeGitHub;
  readonly pr: FakeIssue;
  close(): Promise<void>;
}

export interface WorldOptions {
  /** The repository's files; default: a checkout of this project (for .github/workflows). */
  readonly dir?: string;
  /** Extra step environment, e.g. AWS_ENDPOINT_URL of the test's emulator. */
  readonly env?: Readonly<Record<string, string>>;
  readonly maxPerPage?: number;
  /** A directory searched first on PATH (shims). */
  readonly pathPrefix?: string;
}

export function isolatedEnv(): Record<string, string> {
  const home = scratchDir('voiceid-home-');
  return {
    PATH: `${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`,
    HOME: home,
    LANG: 'C.UTF-8',
    AWS_CONFIG_FILE: join(home, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

function withPathPrefix(env: Record<string, string>, prefix: string | undefined): Record<string, string> {
  return prefix === undefined ? env : { ...env, PATH: `${prefix}:${env.PATH ?? ''}` };
}

export async function newWorld(options: WorldOptions = {}): Promise<World> {
  const github = await startFakeGitHub({ owner: OWNER, repo: REPO, ...(options.maxPerPage ? { maxPerPage: options.maxPerPage } : {}) });
  const pr = github.openPullRequest('Voice ID: change the quick start');
  const actionDir = newCheckout();
  const repo: Repository = {
    owner: OWNER,
    name: REPO,
    dir: options.dir ?? actionDir,
    actionDir,
    github,
    env: withPathPrefix({ ...isolatedEnv(), ...(options.env ?? {}) }, options.pathPrefix),
    artifacts: new Map(),
  };
  return { repo, github, pr, close: () => github.close() };
}

/** The `pull_request` event payload of the world's pull request, from a branch of the same repository. */
export function pullRequestEvent(world: World, headSha: string): Record<string, Value> {
  const full = `${OWNER}/${REPO}`;
  return {
    action: 'synchronize',
    number: world.pr.number,
    pull_request: { number: world.pr.number, head: { sha: headSha, ref: 'change-quickstart', repo: { full_name: full } }, base: { ref: 'main', repo: { full_name: full } } },
    repository: { full_name: full },
  };
}

/** A user's repository: the quick start as voiceid/prod, the example workflows copied as their README says. */
export function userRepository(): string {
  const dir = scratchDir('voiceid-user-repo-');
  cpSync(join(REPO_ROOT, 'examples/quickstart'), join(dir, 'voiceid/prod'), { recursive: true });
  mkdirSync(join(dir, '.github/workflows'), { recursive: true });
  for (const wf of ['plan', 'apply', 'drift']) cpSync(join(REPO_ROOT, `examples/github/${wf}.yml`), join(dir, `.github/workflows/voiceid-${wf}.yml`));
  return dir;
}
