/**
 * `voiceid-gitops demo`: the README quick start's main job. Runs the real workflow on the `examples/quickstart/`
 * estate against the embedded emulator — `plan` -> `apply --auto-approve` -> `plan --detailed-exitcode` (which
 * must show no changes) — printing each step as the command a user would type. State lives in a fresh temporary
 * file (removed afterwards) unless `--local-state FILE` keeps it. No AWS account, no network.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { userError } from '../../model/errors.js';
import type { CommandContext } from '../run.js';
import { commandLine, shellWord } from '../../model/command-line.js';
import type { RegisterCommand } from './index.js';

/**
 * The package's root: the nearest directory above this module whose package.json is this package's. This module
 * sits at different depths in src/cli/commands/, dist/cli/commands/ and the bundle (dist/bin/, scripts/bundle-cli.mjs).
 */
function packageRoot(): string | undefined {
  for (let dir = dirname(fileURLToPath(import.meta.url)), i = 0; i < 4; dir = dirname(dir), i++) {
    try {
      if ((JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name === 'voiceid-gitops') return dir;
    } catch {
      // no package.json here: go up
    }
  }
  return undefined;
}

/** The shipped example, found in this package or under the working directory. */
function quickstartDir(cwd: string): string {
  const root = packageRoot();
  const candidates = [...(root ? [join(root, 'examples/quickstart')] : []), resolve(cwd, 'examples/quickstart')];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw userError('E_DEMO_NO_EXAMPLE', `examples/quickstart was not found (looked in ${candidates.join(' and ')})`, 'reinstall the package: `npm install voiceid-gitops`');
  return found;
}

async function runDemo(ctx: CommandContext, estate: string | undefined, keepState: string | undefined): Promise<void> {
  const { deps } = ctx;
  // run.ts imports this module through the command list, so the CLI entry is loaded lazily here.
  const { run } = await import('../run.js');
  const dir = estate ? resolve(deps.cwd, estate) : quickstartDir(deps.cwd);
  const tmp = keepState ? undefined : await mkdtemp(join(tmpdir(), 'voiceid-demo-'));
  const state = keepState ? resolve(deps.cwd, keepState) : join(tmp!, 'state.json');
  const shown = (p: string) => (relative(deps.cwd, p).startsWith('..') ? p : relative(deps.cwd, p) || '.');
  // A kept state may already hold the estate (a re-run): only a fresh state is known to be empty.
  const fresh = tmp !== undefined || !existsSync(state);
  const steps: { title: string; argv: string[]; expect: number }[] = [
    { title: fresh ? 'What would change? (nothing exists yet)' : `What would change? (the state kept in ${shown(state)})`, argv: ['plan', shown(dir)], expect: 0 },
    { title: 'Apply it (CI style: --auto-approve), then verify', argv: ['apply', shown(dir), '--auto-approve'], expect: 0 },
    { title: 'Plan again: live state now matches the YAML', argv: ['plan', shown(dir), '--detailed-exitcode'], expect: 0 },
  ];
  try {
    deps.stdout(`voiceid-gitops demo: the quick-start estate against the embedded Voice ID emulator (state: ${shown(state)})\n`);
    for (const [i, step] of steps.entries()) {
      const argv = [...step.argv, '--local-state', state];
      deps.stdout(`\n### Step ${i + 1}/${steps.length}: ${step.title}\n$ voiceid-gitops ${argv.join(' ')}\n\n`);
      const code = await run(argv, deps);
      if (code !== step.expect) {
        deps.stderr(`\nDemo stopped: step ${i + 1} exited with ${code} (expected ${step.expect}).\n`);
        return ctx.setExitCode(1);
      }
    }
    const copy = estate ? shown(dir) : 'my-estate';
    const next = estate ? `edit ${shown(dir)}/*.yaml` : `copy the example (\`cp -r ${shellWord(shown(dir))} my-estate\`), edit my-estate/*.yaml`;
    deps.stdout(`\nDemo finished: plan -> apply -> plan shows no changes. Next: ${next}, and run \`${commandLine(['plan', copy, '--local'])}\` and \`${commandLine(['apply', copy, '--local'])}\` (state kept in .voiceid-local/state.json).\n`);
  } finally {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  }
}

export const registerDemo: RegisterCommand = (program: Command, ctx: CommandContext) => {
  program
    .command('demo')
    .description('plan -> apply -> plan on examples/quickstart against the embedded emulator (no AWS account needed)')
    .argument('[path]', 'estate to use instead of examples/quickstart')
    .option('--local-state <file>', 'keep the emulator state in FILE instead of a fresh temporary one')
    .action(async (path: string | undefined, opts: { localState?: string }) => runDemo(ctx, path, opts.localState));
};
