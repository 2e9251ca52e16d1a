/**
 * The one line a run on Node.js 20 prints about Node.js 22, in our words, instead of the AWS SDK's multi-line
 * NodeVersionSupportWarning (main.ts turns that off): Node 20 works today, and says when it stops being enough.
 */

/** AWS SDK for JavaScript v3 releases after the first week of January 2027 require Node.js 22. */
export const SDK_NODE_22_FROM = 'the first week of January 2027';

/** Commands that load the AWS SDK clients (the others never reach the SDK, so they stay quiet). */
const SDK_COMMANDS = new Set(['plan', 'apply', 'export', 'demo']);

/** The note for this run, or undefined (Node 22+, or a command that does not use the SDK). */
export function nodeSupportNote(nodeVersion: string, argv: readonly string[]): string | undefined {
  const major = Number(nodeVersion.replace(/^v/, '').split('.')[0]);
  if (!Number.isInteger(major) || major >= 22) return undefined;
  if (argv.includes('--help') || argv.includes('-h') || !SDK_COMMANDS.has(argv[0] ?? '')) return undefined;
  return `note: Node.js ${major} works with this voiceid-gitops; AWS SDK releases after ${SDK_NODE_22_FROM} require Node.js 22, so move to Node.js 22 or 24 before updating past them\n`;
}
