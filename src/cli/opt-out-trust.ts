/**
 * Which declared opt-out ids a plan may take as OPTED_OUT without reading them (src/plan/PLAN.md R13.3): the ids the
 * last apply opted out, proven by the domain's last-applied record (digest `o` of the declared set, commit `c`,
 * full check `f`) and the YAML as it was at that commit, read from git. Anything short of that: read every id, and
 * say why. The YAML at a commit is written to a private temporary folder and loaded by the ordinary loader with
 * that folder as the root, so the containment rules of src/config hold for history too.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { loadDesired } from '../config/index.js';
import type { DesiredDomain, DesiredState } from '../model/desired.js';
import { APPLIED_RECORD_TAG, OWNER_KEY_TAG, OWNER_STACK_TAG } from '../model/desired.js';
import type { LiveDomain, OptOutRead } from '../model/live.js';
import { optOutSet, parseEvidence, parseRecord, recordDigest } from '../plan/applied-record.js';
import { gitCheckout, materializeAt, repoPaths, resolveCommit, type GitRepo } from './git-history.js';

export interface TrustContext {
  readonly cwd: string;
  readonly paths: readonly string[];
  readonly root?: string;
  readonly desired: DesiredState;
  readonly env: NodeJS.ProcessEnv;
  /** Seconds since 1970: the read's start. */
  readonly now: number;
  readonly maxTrustAgeS: number;
  /** `plan --refresh` / `apply --refresh`: trust nothing. */
  readonly refresh: boolean;
  /** Domain keys to read in full whatever the evidence (`apply --plan` of a plan that read them in full). */
  readonly readInFull?: ReadonlySet<string>;
}

export type Decide = (live: LiveDomain, desired: DesiredDomain) => Promise<OptOutRead>;

const full = (reason: string): OptOutRead => ({ kind: 'full', reason });
const day = (s: number): string => new Date(s * 1000).toISOString().slice(0, 10);

export function formatAge(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  return seconds % 60 === 0 ? `${seconds / 60}m` : `${seconds}s`;
}

export function trustDecider(ctx: TrustContext): Decide {
  const history = new Map<string, Promise<DesiredState | string>>();
  let checkout: Promise<GitRepo | { why: string }> | undefined;
  const stateAt = (commit: string): Promise<DesiredState | string> => {
    checkout ??= gitCheckout(ctx.cwd, ctx.env);
    if (!history.has(commit)) history.set(commit, checkout.then((repo) => ('why' in repo ? repo.why : loadAt(repo, commit, ctx))));
    return history.get(commit)!;
  };
  return async (live, desired) => {
    if (ctx.refresh) return full('--refresh reads every declared id');
    if (ctx.readInFull?.has(desired.key)) return full('the saved plan read every declared id of this domain');
    if (live.tags[OWNER_STACK_TAG] !== ctx.desired.stack || live.tags[OWNER_KEY_TAG] !== desired.key) return full('the domain is not yet managed by this stack (no record of its own)');
    const value = Object.hasOwn(live.tags, APPLIED_RECORD_TAG) ? live.tags[APPLIED_RECORD_TAG] : undefined;
    const digest = parseRecord(value)?.optedOutSpeakers;
    const evidence = parseEvidence(value);
    if (digest === undefined) return full('the domain has no last-applied record with an opt-out digest');
    if (evidence.fullCheckAt === undefined || evidence.appliedAt === undefined) return full('the last-applied record holds no opt-out evidence (written by an older voiceid-gitops)');
    if (evidence.commit === undefined) return full('the last apply recorded no commit (its YAML had uncommitted changes, or no git)');
    if (evidence.fullCheckAt > ctx.now + 300) return full(`the recorded full check (${day(evidence.fullCheckAt)}) lies in the future`);
    if (ctx.now - evidence.fullCheckAt > ctx.maxTrustAgeS) return full(`the last full check (${day(evidence.fullCheckAt)}) is older than --max-trust-age ${formatAge(ctx.maxTrustAgeS)}`);
    const short = evidence.commit.slice(0, 7);
    const old = await stateAt(evidence.commit);
    if (typeof old === 'string') return full(old);
    if (old.stack !== ctx.desired.stack) return full(`the YAML at ${short} is for stack ${old.stack}, not ${ctx.desired.stack}`);
    const before = old.domains.find((d) => d.key === desired.key);
    if (!before) return full(`the YAML at ${short} does not declare domain ${desired.key}`);
    const set = optOutSet(before.optedOutSpeakers);
    if (recordDigest(set) !== digest) return full(`the opt-out list at ${short} does not match the record's digest (the record is of another commit's list)`);
    const was = new Set(set);
    const trustedIds = optOutSet(desired.optedOutSpeakers).filter((id) => was.has(id));
    return { kind: 'trusted', trustedIds, evidence: { commit: short, appliedAt: evidence.appliedAt, fullCheckAt: evidence.fullCheckAt } };
  };
}

/** The desired state the same PATHs declared at `commit`, or why it cannot be had. */
async function loadAt(repo: GitRepo, prefix: string, ctx: TrustContext): Promise<DesiredState | string> {
  const short = prefix.slice(0, 7);
  const resolved = await resolveCommit(repo, prefix);
  if ('why' in resolved) return resolved.why;
  const rel = await repoPaths(repo, ctx.cwd, ctx.paths.length === 0 ? ['.'] : ctx.paths);
  if ('why' in rel) return rel.why;
  const rootRel = ctx.root === undefined ? '' : relative(repo.top, resolve(ctx.cwd, ctx.root));
  if (rootRel.startsWith('..')) return '--root lies outside the git repository';
  const cwdRel = relative(repo.top, resolve(ctx.cwd));
  const dest = await mkdtemp(join(tmpdir(), 'voiceid-history-'));
  try {
    const written = await materializeAt(repo, resolved.commit, rel, dest);
    if ('why' in written) return `the YAML at ${short} could not be read: ${written.why}`;
    if (written.files === 0) return `the PATHs hold no file at ${short}`;
    const cwd = cwdRel.startsWith('..') ? dest : join(dest, cwdRel);
    const result = await loadDesired(rel.map((p) => join(dest, p)), { cwd, root: join(dest, rootRel) });
    if (result.kind !== 'valid') return `the YAML at ${short} is not valid (${result.diagnostics.length} problem(s))`;
    return result.state;
  } catch (e) {
    return `the YAML at ${short} could not be read: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
  } finally {
    await rm(dest, { recursive: true, force: true });
  }
}
