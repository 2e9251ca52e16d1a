/**
 * Reading a state file (EMULATOR.md §11). It is the user's `--state` / `--local-state` argument, so anything but a
 * state this emulator wrote is a one-line EMULATOR_STATE_INVALID naming the file and the first bad path
 * (`domains[0].speakers: expected array`), and nothing is overwritten: a file of the wrong shape used to load as
 * `INTERNAL ... is not iterable`, or load and silently drop speakers.
 */
import { readFileSync, statSync } from 'node:fs';
import { commandLine } from '../model/command-line.js';
import { isGitopsError, userError, type GitopsError } from '../model/errors.js';
import { arrayOf, bool, firstSchemaError, int, lazyValidator, num, object, oneOfStrings, str } from './json-schema.js';
import type { EmulatorSnapshot } from './types.js';

const DOMAIN_STATUS = ['ACTIVE', 'PENDING', 'SUSPENDED'];
const SPEAKER_STATUS = ['ENROLLED', 'EXPIRED', 'OPTED_OUT', 'PENDING'];
const JOB_STATUS = ['SUBMITTED', 'IN_PROGRESS', 'COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED'];

/** The JSON Schema of snapshot version 1: the store's records (store.ts, speaker-index.ts) as snapshot.ts writes them. */
export function snapshotSchema(): Record<string, unknown> {
  const watchlist = object({ seq: int, watchlistId: str, name: str, defaultWatchlist: bool, createdAt: num, updatedAt: num }, { description: str });
  const speaker = object({ seq: int, generatedSpeakerId: str, status: oneOfStrings(SPEAKER_STATUS), createdAt: num, updatedAt: num }, { customerSpeakerId: str, lastAccessedAt: num });
  const fraudster = object({ seq: int, generatedFraudsterId: str, createdAt: num, watchlistIds: arrayOf(str) });
  const job = object(
    { seq: int, kind: oneOfStrings(['enrollment', 'registration']), jobId: str, createdAt: num, config: { type: 'object' } },
    { jobName: str, status: oneOfStrings(JOB_STATUS), endedAt: num, failure: object({ StatusCode: int, Message: str }) },
  );
  const encryption = object({ oldKmsKeyId: str, status: oneOfStrings(['IN_PROGRESS', 'COMPLETED', 'FAILED']), startedAt: num, willFail: bool }, { message: str });
  const domain = object(
    {
      seq: int, domainId: str, arn: str, name: str, status: oneOfStrings(DOMAIN_STATUS), kmsKeyId: str, createdAt: num, updatedAt: num,
      defaultWatchlistId: str, tags: { type: 'object', additionalProperties: str }, watchlists: arrayOf(watchlist), speakers: arrayOf(speaker),
      fraudsters: arrayOf(fraudster), jobs: arrayOf(job),
    },
    { description: str, suspendedAt: num, encryption },
  );
  const idempotency = object({ key: str, fingerprint: str, response: {}, at: num });
  return object({ version: { const: 1 }, seq: int, domains: arrayOf(domain), idempotency: arrayOf(idempotency) }, { journal: int });
}

const validator = lazyValidator(snapshotSchema);

interface CheckedDomain {
  readonly defaultWatchlistId: string;
  readonly watchlists: readonly { readonly watchlistId: string }[];
  readonly speakers: readonly { readonly seq: number }[];
}

/** What the schema cannot say: listings rely on speakers in creation order, and every domain has its default watchlist. */
function semanticError(snap: EmulatorSnapshot): string | undefined {
  const domains = snap.domains as readonly CheckedDomain[];
  for (const [i, d] of domains.entries()) {
    if (!d.watchlists.some((w) => w.watchlistId === d.defaultWatchlistId)) return `domains[${i}].defaultWatchlistId: names no watchlist of the domain`;
    for (let j = 1; j < d.speakers.length; j++) {
      if (d.speakers[j]!.seq <= d.speakers[j - 1]!.seq) return `domains[${i}].speakers[${j}].seq: not greater than the previous speaker's (speakers are stored in creation order)`;
    }
  }
  return undefined;
}

/** Why `value` is not a snapshot this emulator can load, or undefined when it is one. */
export function snapshotProblem(value: unknown): string | undefined {
  return firstSchemaError(validator(), value) ?? semanticError(value as EmulatorSnapshot);
}

export function stateFileError(path: string, why: string): GitopsError {
  return userError('EMULATOR_STATE_INVALID', `cannot load the emulator state file ${path}: ${why}`,
    `point --local-state (or the emulator's --state) at the file the emulator writes; to start from an empty state instead (the file is deleted), run \`${commandLine(['emulator', 'reset', '--local-state', path])}\``);
}

function notAFile(path: string): never {
  throw stateFileError(path, 'it is not a regular file');
}

/** The saved state, or undefined when the file does not exist yet. */
export function readStateFile(path: string): EmulatorSnapshot | undefined {
  let text: string;
  try {
    // A device or FIFO would be read forever (or block): only a regular file can be a state file.
    const st = statSync(path);
    if (!st.isFile() && !st.isDirectory()) return notAFile(path);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (isGitopsError(e)) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw stateFileError(path, code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : `cannot read it (${code ?? String(e)})`);
  }
  let saved: unknown;
  try {
    saved = JSON.parse(text);
  } catch {
    throw stateFileError(path, 'it is not valid JSON');
  }
  if (typeof saved !== 'object' || saved === null || Array.isArray(saved) || (saved as { version?: unknown }).version !== 1) {
    throw stateFileError(path, 'it is not a voiceid-gitops emulator state (version 1)');
  }
  const problem = snapshotProblem(saved);
  if (problem !== undefined) throw stateFileError(path, `it does not match the state schema at ${problem}`);
  return saved as EmulatorSnapshot;
}
