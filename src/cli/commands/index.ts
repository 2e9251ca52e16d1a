/** Every command, one module each; a command registers itself on the program. */
import type { Command } from 'commander';
import type { CommandContext } from '../run.js';

export type RegisterCommand = (program: Command, ctx: CommandContext) => void;

export const commands: readonly RegisterCommand[] = [];
