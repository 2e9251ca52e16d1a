/**
 * `voiceid-gitops validate [PATH...]`: offline check of the desired-state files (CONTRACT §2): YAML, schema and
 * Voice ID API constraints, no AWS call. Every problem goes to stderr as `FILE:LINE:COL: error CODE: message`
 * with an excerpt; a one-line summary ends the output. Exit 1 on any error, 0 when valid (warnings allowed).
 */
import type { Command } from 'commander';
import { formatDiagnostics, loadDesired, summarize } from '../../config/index.js';
import { withRootOption } from '../common-options.js';
import { yamlPathsHelp } from '../stack-command.js';
import { annotator } from '../annotations.js';
import type { CommandContext } from '../run.js';
import type { RegisterCommand } from './index.js';

export const registerValidate: RegisterCommand = (program: Command, ctx: CommandContext) => {
  const cmd = program
    .command('validate')
    .description('check desired-state YAML files offline: syntax, schema and Voice ID API constraints')
    .argument('[paths...]', yamlPathsHelp('"." where it holds stack YAML'));
  withRootOption(cmd).action(async (paths: string[], raw: { root?: string }) => {
      const result = await loadDesired(paths, { cwd: ctx.deps.cwd, ...(raw.root === undefined ? {} : { root: raw.root }) });
      ctx.deps.declareSensitive?.(result.speakerIds);
      const problems = result.kind === 'valid' ? result.warnings : result.diagnostics;
      if (problems.length > 0) ctx.deps.stderr(`${formatDiagnostics(problems)}\n\n`);
      annotator(ctx.deps)?.diagnostics(problems);
      if (result.kind === 'valid') {
        ctx.deps.stdout(`${summarize(result)}\n`);
        ctx.setExitCode(0);
      } else {
        ctx.deps.stderr(`${summarize(result)}\n`);
        ctx.setExitCode(1);
      }
    });
};
