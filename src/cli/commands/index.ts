/** Every command, one module each; a command registers itself on the program. */
import type { Command } from 'commander';
import type { CommandContext } from '../run.js';
import { registerComment } from './comment.js';
import { registerDriftIssue } from './drift-issue.js';
import { registerIamPolicy } from './iam-policy.js';
import { registerEmulator } from './emulator.js';
import { registerDemo } from './demo.js';
import { registerValidate } from './validate.js';
import { registerPlan } from './plan.js';
import { registerExport } from './export.js';
import { registerApply } from './apply.js';

export type RegisterCommand = (program: Command, ctx: CommandContext) => void;

export const commands: readonly RegisterCommand[] = [registerEmulator, registerDemo, registerValidate, registerPlan, registerApply, registerExport, registerComment, registerDriftIssue, registerIamPolicy];
