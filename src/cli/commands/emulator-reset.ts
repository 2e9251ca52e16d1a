/**
 * `voiceid-gitops emulator reset [--local-state FILE]`: empties the embedded emulator's state (the one `--local`
 * uses, default .voiceid-local/state.json, or the file of `emulator --state FILE`) and says what it removed. Refused
 * while a live run holds the state's lock (EMULATOR_STATE_LOCKED).
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { resetStateFile } from '../../emulator/reset.js';
import type { CommandContext } from '../run.js';
import { DEFAULT_LOCAL_STATE } from '../session.js';

const kB = (bytes: number): string => (bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} kB`);

export function registerEmulatorReset(emulator: Command, ctx: CommandContext): void {
  emulator
    .command('reset')
    .description(`empty the emulator state: remove the state file and its journal (default ${DEFAULT_LOCAL_STATE}, the one --local uses)`)
    .option('--local-state <file>', 'the state file of --local-state FILE runs')
    .option('--state <file>', 'the state file of `emulator --state FILE` (the same as --local-state)')
    .action(async (o: { localState?: string; state?: string }) => {
      const { deps } = ctx;
      const given = o.localState ?? o.state ?? (emulator.opts() as { state?: string }).state;
      const statePath = resolve(deps.cwd, given ?? DEFAULT_LOCAL_STATE);
      const { removed } = await resetStateFile(statePath);
      if (removed.length === 0) {
        deps.stdout(`Nothing to reset: ${statePath} does not exist (the emulator state is already empty).\n`);
        return;
      }
      const lines = removed.map((f) => `  removed ${f.path} (${kB(f.bytes)})`);
      deps.stdout(`Reset the emulator state ${statePath}:\n${lines.join('\n')}\nThe next --local run starts with no domain.\n`);
    });
}
