/**
 * `voiceid-gitops export [PATH...] [--out FILE] [--stack NAME] [--include-unmanaged]` (CONTRACT §2): write the live
 * configuration as format-1 desired-state YAML, a full backup that `plan` shows as unchanged. The stack: --stack,
 * else the YAML's in PATH, else the only one found live; several found is a question (src/cli/export-stack.ts).
 *
 * Opted-out speaker ids (personal data):
 * - with `--out FILE`: one file per domain in `<FILE without extension>.optouts/<key>.txt` next to FILE,
 *   referenced by `optedOutSpeakersFile`; every file is written atomically, readable by the owner only.
 * - to stdout: inline `optedOutSpeakers` lists when stdout is a pipe or a file, or with --show-sensitive; on a
 *   terminal without --show-sensitive they are left out (a YAML comment and a stderr note say how many).
 * The result is loaded back with the real loader before anything is written: export never writes a file that
 * `validate` would reject.
 */
import { basename, dirname, extname, join } from 'node:path';
import type { Command } from 'commander';
import { totalStats, type OperationStats } from '../../aws/index.js';
import { formatDiagnostics, loadFromMemory } from '../../config/index.js';
import { GitopsError, userError } from '../../model/errors.js';
import { readForExport } from '../export-read.js';
import { buildExport, type ExportDocument, type OptOutPlacement } from '../export-yaml.js';
import type { CommandContext } from '../run.js';
import { connectionWords } from '../../model/command-line.js';
import { emptyExport, findStacks, stackFromLive, type StacksFound } from '../export-stack.js';
import { addDiscoveryOption, loadDesiredOrReport, openConnection, type SessionOptions } from '../session.js';
import { writeFileAtomic } from '../write-atomic.js';
import { givenStrings, stackCommand } from '../stack-command.js';
import type { RegisterCommand } from './index.js';

interface ExportFlags {
  readonly out?: string;
  /** Absent: the stack of the YAML in PATH, else the only stack found live (export-stack.ts). */
  readonly stack?: string;
  readonly includeUnmanaged: boolean;
}

/** Same rule as `stack:` in the YAML (a Voice ID DomainName); checked before any AWS call. */
const STACK_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_-]{0,255}$/;

async function runExport(paths: readonly string[], flags: ExportFlags, options: SessionOptions, ctx: CommandContext): Promise<void> {
  const { deps } = ctx;
  if (flags.stack !== undefined && !STACK_NAME.test(flags.stack)) {
    throw userError('E_USAGE', `--stack ${JSON.stringify(flags.stack)} is not a valid stack name`, 'use letters, digits, `_` and `-`, starting with a letter or digit');
  }
  const desired = paths.length > 0 ? await loadDesiredOrReport(paths, deps, options) : undefined;
  if (desired && flags.stack !== undefined && desired.stack !== flags.stack) {
    throw userError('E_OTHER_STACK', `the YAML in ${paths.join(' ')} is for stack "${desired.stack}", not "${flags.stack}"; nothing was written`, {
      drop: ['--stack'],
      say: (c) => `export the stack of the YAML with ${c}, or drop the PATHs to export stack "${flags.stack}"`,
    });
  }
  const connection = await openConnection(options, deps, desired?.region !== undefined ? { desiredRegion: desired.region } : {});
  try {
    const where = connection.local ? `the local emulator (${connection.local.statePath})` : connection.region;
    const words = [...connectionWords(options), ...(flags.out !== undefined ? ['--out', flags.out] : [])];
    let found: StacksFound | undefined;
    let stack = flags.stack ?? desired?.stack;
    if (stack === undefined) {
      found = await findStacks(connection.clients);
      const chosen = stackFromLive(found, where, flags.includeUnmanaged, words);
      if (chosen.note !== undefined) deps.stderr(`${chosen.note}\n`);
      stack = chosen.stack;
    }
    deps.stderr(`Reading ${flags.includeUnmanaged ? 'every ACTIVE domain' : `the domains of stack ${stack}`} in ${where}...\n`);
    const read = await readForExport(connection.clients, { stack, includeUnmanaged: flags.includeUnmanaged, discovery: options.discovery });
    if (read.domains.length === 0) throw emptyExport(stack, found ?? (await findStacks(connection.clients)), where, words);
    const placement: OptOutPlacement = flags.out !== undefined
      ? { kind: 'files', dir: `${basename(flags.out, extname(flags.out))}.optouts` }
      : options.showSensitive || !deps.stdoutIsTTY ? { kind: 'inline' } : { kind: 'omit' };
    const doc = buildExport(read, {
      stack,
      region: connection.region,
      optOuts: placement,
      ...(flags.out === undefined ? {} : { fraudsterDir: `${basename(flags.out, extname(flags.out))}.fraudsters` }),
      header: [
        `Exported by voiceid-gitops export from ${connection.local ? 'the local emulator' : connection.region} at ${deps.now().toISOString()}.`,
        '`voiceid-gitops plan` on this file shows no changes; `adopt:` entries take over domains no stack manages yet.',
      ],
    });
    selfCheck(doc, flags.out);
    for (const note of doc.notes) deps.stderr(`note: ${note}\n`);
    if (flags.out === undefined) deps.stdout(doc.yaml);
    else await writeAll(doc, flags.out, deps.cwd);
    deps.stderr(`${summaryLine(doc)}${flags.out === undefined ? '' : ` to ${flags.out}`} (${callsLine(totalStats(connection.clients.stats()))})\n`);
  } finally {
    await connection.close();
  }
}

/** Loads the YAML back exactly as `validate` would; a failure is our bug, reported before anything is written. */
function selfCheck(doc: ExportDocument, out: string | undefined): void {
  const file = out === undefined ? 'export.yaml' : basename(out);
  const others = new Map(doc.optOutFiles.map((f) => [f.path, new TextEncoder().encode(f.text)] as const));
  const result = loadFromMemory([{ file, bytes: new TextEncoder().encode(doc.yaml) }], others);
  if (result.kind === 'invalid') {
    const first = formatDiagnostics(result.diagnostics.slice(0, 1)).split('\n')[0];
    throw new GitopsError('E_EXPORT_INVALID', `the exported YAML would not load (${first}); nothing was written`, 'internal', {
      rerun: { add: ['--debug'], say: (c) => `please report this with the output of ${c}` },
    });
  }
}

async function writeAll(doc: ExportDocument, out: string, cwd: string): Promise<void> {
  const dir = dirname(out);
  try {
    // Opt-out files first: the YAML never references a file that is not there yet.
    for (const f of doc.optOutFiles) await writeFileAtomic(cwd, join(dir, f.path), f.text);
    await writeFileAtomic(cwd, out, doc.yaml);
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new GitopsError('E_WRITE_FAILED', `cannot write the export to ${out}: ${why}`, 'user');
  }
}

function callsLine(t: OperationStats): string {
  return `${t.calls} API call${t.calls === 1 ? '' : 's'}${t.throttles + t.retries > 0 ? `, ${t.throttles} throttled, ${t.retries} retried` : ''}`;
}

function summaryLine(doc: ExportDocument): string {
  const ds = doc.state.domains;
  const n = (count: number, one: string): string => `${count} ${one}${count === 1 ? '' : 's'}`;
  const adopted = ds.filter((d) => d.adopt !== undefined).length;
  const speakers = ds.reduce((s, d) => s + d.optedOutSpeakers.length, 0);
  const watchlists = ds.reduce((s, d) => s + d.watchlists.length, 0);
  const jobs = ds.reduce((s, d) => s + d.enrollmentJobs.length + d.fraudsterRegistrationJobs.length, 0);
  return `Exported ${n(ds.length, 'domain')} (${adopted} to adopt), ${n(speakers, 'opted-out speaker')}, ${n(watchlists, 'watchlist')}, ${n(jobs, 'job')}`;
}

export const registerExport: RegisterCommand = (program: Command, ctx: CommandContext) => {
  stackCommand(program, {
    name: 'export',
    description: 'write the live Voice ID configuration as desired-state YAML (a backup that plan shows as unchanged)',
    paths: 'YAML of the stack to export (its stack: and region:), instead of --stack',
    options: (cmd) =>
      cmd
        .option('--out <file>', 'write the YAML here; opted-out speaker ids go to NAME.optouts/<key>.txt beside it (NAME: the file name without extension) (default: stdout)')
        .option('--stack <name>', 'the stack whose managed domains are exported (default: the stack of the YAML in PATH, else the only stack found)')
        .option('--include-unmanaged', 'also export every ACTIVE domain no stack manages, as adopt: entries', false),
    families: [addDiscoveryOption],
    action: async (paths, raw, session) => {
      const flags: ExportFlags = { ...givenStrings(raw, ['out', 'stack']), includeUnmanaged: raw.includeUnmanaged === true };
      await runExport(paths, flags, session, ctx);
    },
  });
};
