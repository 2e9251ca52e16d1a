/**
 * The CLI session shared by `plan`, `export` and `apply`: desired state in, AWS (or the embedded emulator) wired,
 * live state read, plan made. Commands stay thin; this file is the one place that decides Region, endpoints,
 * credentials, pacing and the `--local` emulator.
 *
 * Stable API (apply reuses it):
 *   addDiscoveryOption(cmd)                      `--discovery auto|tagging|list` (plan, export, apply)
 *   addScanSpeakersOption(cmd)                   `--scan-speakers` (plan, apply)
 *   sessionOptions(raw)                          commander's parsed options -> SessionOptions (typed, defaults)
 *   loadDesiredOrReport(paths, deps, options)    DesiredState (declares its speaker ids for masking); invalid input prints every diagnostic to stderr and
 *                                                throws E_INVALID_DESIRED_STATE (exit 1) before any AWS call
 *   openConnection(options, deps, { desiredRegion })  -> Connection: clients (AwsClients), Region, local emulator
 *   readAndPlan(connection, desired, options, deps)   -> PlanResult { plan, live, stats }; progress on stderr
 *   openSession(paths, options, deps)            load + connect in one step -> Session (call `close()` when done)
 *   withSession(paths, options, deps, fn)        openSession, fn(session), close (also on error)
 *   presentation(options, deps)                  { redactor, color } for render()
 *   PacingOverrides                              optional client rate limits (apply --quota-scale) for the above
 *
 * Region (CONTRACT §2): the YAML's `region:` if set, else `--region`, else the AWS configuration (AWS_REGION,
 * AWS_DEFAULT_REGION, the profile); a `--region` that disagrees with the YAML is an error. Environment comes
 * from `deps.env` only, never from process.env.
 */
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { createAwsClients, type AwsClients, type RateLimitOptions } from '../aws/index.js';
import { defaultPaths, formatDiagnostics, loadDesired, summarize } from '../config/index.js';
import { withCommandHints } from './plan-hints.js';
import { readLiveStateWithStats, type DiscoveryMode, type ReadStats } from '../live/index.js';
import type { DesiredState } from '../model/desired.js';
import { userError } from '../model/errors.js';
import type { LiveState } from '../model/live.js';
import type { Plan, PlanSource } from '../model/plan.js';
import { redactor as makeRedactor, type Redactor } from '../model/sensitive.js';
import { plan as makePlan } from '../plan/index.js';
import type { CliDeps, CommonOptions } from './deps.js';
import { commandLine, type ConnectionWords, type RerunHint } from '../model/command-line.js';
import { RESOURCE_QUOTAS } from '../model/quotas.js';
import { recordSource } from './plan-source.js';
import { annotator } from './annotations.js';
import { describeStats } from './read-progress.js';
import { checkTargets, targetsOf } from './targets.js';
import { gitCheckout, gitEnv, repoPaths, SHORT_COMMIT, yamlCommit } from './git-history.js';
import { trustDecider } from './opt-out-trust.js';

export const DEFAULT_LOCAL_STATE = '.voiceid-local/state.json';
const LOCAL_DEFAULT_REGION = 'us-east-1';

export interface SessionOptions extends CommonOptions {
  readonly discovery: DiscoveryMode;
  /** List every speaker of the managed domains, so opted-out ids no longer declared are reported. */
  readonly scanSpeakers?: boolean;
  /** `--root DIR`: every file read must resolve inside it (default: each PATH's git top-level, else the PATH). */
  readonly root?: string;
  /** `--target` addresses, sorted and unique (src/plan/PLAN.md R12.4); absent: the whole desired state. */
  readonly targets?: readonly string[];
  /** `--refresh`: read every declared opt-out id live, trusting no evidence (src/plan/PLAN.md §13). */
  readonly refresh?: boolean;
  /** `--max-trust-age`: evidence whose last full check is older is not trusted (seconds; default 7 days). */
  readonly maxTrustAgeS?: number;
}

export const DEFAULT_MAX_TRUST_AGE_S = 7 * 86_400;

/** What one read-and-plan does beyond the session's options (apply's needs, PLAN.md R13.2, R13.4). */
export interface PlanRequest {
  /** R13.2: record full checks without another change (apply without a saved plan). */
  readonly recordFullChecks?: 'stale' | 'always';
  /** R13.4: domain keys to read in full (apply --plan of a plan that read them in full). */
  readonly readInFull?: ReadonlySet<string>;
}

export interface LocalEmulator {
  readonly endpoint: string;
  readonly statePath: string;
}

export interface Connection {
  readonly clients: AwsClients;
  readonly region: string;
  /** Set when `--local` / `--local-state` started the embedded emulator. */
  readonly local?: LocalEmulator;
  close(): Promise<void>;
}

export interface PlanResult {
  readonly plan: Plan;
  readonly live: LiveState;
  readonly stats: ReadStats;
  /** When the live read started, seconds since 1970 (the evidence's clock, PLAN.md R13.2). */
  readonly readAt: number;
}

export interface Session {
  readonly desired: DesiredState;
  readonly connection: Connection;
  readonly options: SessionOptions;
  /** The PATHs loaded, as a saved plan records them. */
  readonly source: PlanSource;
  /** Reads live state and plans (each call reads afresh: apply re-plans after changes). */
  plan(request?: PlanRequest): Promise<PlanResult>;
  close(): Promise<void>;
}

export function addDiscoveryOption(cmd: Command): Command {
  return cmd.addOption(
    new Option('--discovery <mode>', 'how domains are found: tagging API, ListDomains, or tagging falling back to list')
      .choices(['auto', 'tagging', 'list'])
      .default('auto'),
  );
}

export function addScanSpeakersOption(cmd: Command): Command {
  return cmd.option(
    '--scan-speakers',
    'list every speaker of the managed domains (ListSpeakers, ~200 s per 100,000 speakers at the 5 TPS quota) to warn about opted-out ids removed from the YAML',
  );
}

/** Commander's option bag -> typed options (commander sets `color: false` for --no-color). */
export function sessionOptions(raw: Readonly<Record<string, unknown>>): SessionOptions {
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  const localState = str(raw.localState);
  const localMaxDomains = typeof raw.localMaxDomains === 'number' ? raw.localMaxDomains : undefined;
  const concurrency = typeof raw.concurrency === 'number' ? raw.concurrency : undefined;
  return {
    ...optional('region', str(raw.region)),
    ...optional('profile', str(raw.profile)),
    ...optional('endpointUrl', str(raw.endpointUrl)),
    local: raw.local === true || localState !== undefined || localMaxDomains !== undefined,
    ...optional('localState', localState),
    ...optional('localMaxDomains', localMaxDomains),
    color: raw.color !== false,
    showSensitive: raw.showSensitive === true,
    ...optional('concurrency', concurrency),
    debug: raw.debug === true,
    discovery: (str(raw.discovery) ?? 'auto') as DiscoveryMode,
    ...(raw.scanSpeakers === true ? { scanSpeakers: true } : {}),
    ...optional('root', str(raw.root)),
    ...optional('targets', targetsOf(raw)),
    ...(raw.refresh === true ? { refresh: true } : {}),
    ...optional('maxTrustAgeS', typeof raw.maxTrustAge === 'number' ? raw.maxTrustAge : undefined),
  };
}

export function addTrustOptions(cmd: Command): Command {
  return cmd
    .option('--refresh', 'read every declared opt-out id live instead of trusting the evidence of the last apply; plan records that full check on each domain it confirmed (the drift run uses it)')
    .option('--max-trust-age <age>', 'trust the last apply\'s evidence only when its last full check is younger than AGE (30m, 12h, 7d; 0 trusts nothing)', parseAge);
}

/** `--max-trust-age` values: an integer and a unit (s, m, h, d). */
export function parseAge(value: string): number {
  const m = /^(\d{1,6})([smhd])$/.exec(value.trim()) ?? (value.trim() === '0' ? ['0', '0', 's'] : null);
  if (!m) throw new InvalidArgumentError('expected a number and a unit: 30m, 12h, 7d (or 0)');
  return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86_400 }[m[2] as 's' | 'm' | 'h' | 'd'];
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** Colour only on a TTY, never with --no-color or NO_COLOR (no-color.org). */
export function presentation(options: CommonOptions, deps: CliDeps): { readonly redactor: Redactor; readonly color: boolean } {
  return { redactor: makeRedactor(options.showSensitive === true), color: colorAllowed(options, deps) && deps.stdoutIsTTY };
}

/** Whether colour may be used on a terminal at all: not with --no-color or NO_COLOR (the stream's TTY-ness aside). */
export function colorAllowed(options: CommonOptions, deps: CliDeps): boolean {
  return options.color && (deps.env.NO_COLOR ?? '') === '';
}

export async function loadDesiredOrReport(paths: readonly string[], deps: CliDeps, options: Pick<SessionOptions, 'root' | 'showSensitive'> = {}): Promise<DesiredState> {
  const result = await loadDesired(paths, { cwd: deps.cwd, ...optional('root', options.root) });
  if (options.showSensitive !== true) deps.declareSensitive?.(result.speakerIds);
  const problems = result.kind === 'valid' ? result.warnings : result.diagnostics;
  if (problems.length > 0) deps.stderr(`${formatDiagnostics(problems)}\n\n`);
  annotator(deps)?.diagnostics(problems);
  if (result.kind === 'valid') return result.state;
  const validate = commandLine(['validate', ...paths, ...(options.root === undefined ? [] : ['--root', options.root])]);
  throw userError('E_INVALID_DESIRED_STATE', `invalid desired state: ${summarize(result)}; nothing was sent to AWS`, `fix the problems above (\`${validate}\` checks them offline)`);
}

/** The Region before any client exists: YAML, then --region (which must agree), else undefined (AWS config). */
export function chooseRegion(desiredRegion: string | undefined, flagRegion: string | undefined): string | undefined {
  if (desiredRegion !== undefined && flagRegion !== undefined && desiredRegion !== flagRegion) {
    throw userError('E_REGION_CONFLICT', `--region ${flagRegion} disagrees with region: ${desiredRegion} in the desired state`, { drop: ['--region'], say: (c) => `drop --region (${c}) or change region: in the YAML` });
  }
  return desiredRegion ?? flagRegion;
}

/** Client-side pacing overrides (apply --quota-scale); absent = the documented quotas. Added by the apply engineer. */
export interface PacingOverrides {
  readonly rateLimits?: RateLimitOptions;
}

export async function openConnection(options: CommonOptions & PacingOverrides, deps: CliDeps, context: { readonly desiredRegion?: string } = {}): Promise<Connection> {
  if (options.local && options.endpointUrl !== undefined) {
    throw userError('E_USAGE', '--local and --endpoint-url cannot be used together', { drop: ['--endpoint-url'], say: (c) => `--local runs its own emulator: ${c}; to use another emulator, drop --local instead` });
  }
  const chosen = chooseRegion(context.desiredRegion, options.region);
  const pacing = {
    ...(options.concurrency !== undefined ? { maxConcurrency: options.concurrency } : {}),
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
    signal: deps.signal,
    mask: makeRedactor(options.showSensitive === true).speaker,
    ...(deps.rerun ? { rerun: deps.rerun } : {}),
  };
  if (options.local) return openLocal(options, deps, chosen, pacing);
  const clients = createAwsClients({
    env: deps.env,
    ...optional('region', chosen),
    ...optional('profile', options.profile),
    ...optional('endpointUrl', options.endpointUrl),
    pacing,
  });
  let region: string;
  try {
    region = await clients.region();
  } catch (e) {
    clients.destroy();
    // The SDK says "Region is missing" when none is set, and rejects a malformed one (AWS_REGION, a profile).
    const raw = e instanceof Error && e.cause instanceof Error ? e.cause : e;
    const why = raw instanceof Error ? raw.message : String(raw);
    const region = (before: string): RerunHint => ({ add: ['--region', LOCAL_DEFAULT_REGION], say: (c) => `${before}, or pass one: ${c}` });
    if (/missing/i.test(why)) throw userError('E_NO_REGION', 'no AWS Region is configured', region('set region: in the YAML or AWS_REGION'));
    throw userError('E_INVALID_REGION', `the AWS configuration names an invalid Region: ${why}`, region('fix AWS_REGION / AWS_DEFAULT_REGION or the profile\'s region, or set region: in the YAML'));
  }
  return { clients, region, close: async () => clients.destroy() };
}

async function openLocal(options: CommonOptions, deps: CliDeps, chosen: string | undefined, pacing: object): Promise<Connection> {
  const region = chosen ?? nonEmpty(deps.env.AWS_REGION) ?? nonEmpty(deps.env.AWS_DEFAULT_REGION) ?? LOCAL_DEFAULT_REGION;
  const statePath = resolve(deps.cwd, options.localState ?? DEFAULT_LOCAL_STATE);
  await mkdir(dirname(statePath), { recursive: true }).catch((e: unknown) => {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw userError('EMULATOR_STATE_INVALID', `cannot create the folder of the emulator state file ${statePath} (${code})`, { add: ['--local-state', join(tmpdir(), 'voiceid-local', 'state.json')], say: (c) => `keep the state in a folder you can write: ${c}` });
  });
  // quotaScale 0 and full pages (as the `emulator` command): the local quick start should be fast. The real
  // default KMS keys are the emulator's defaults.
  // startEmulator takes the state file's lock (the same one the `emulator --state` server takes).
  // Loaded only for --local: the emulator is a third of the CLI's modules, and most runs talk to AWS.
  const { startEmulator } = await import('../emulator/index.js');
  const emulator = await startEmulator({ port: 0, statePath, region, quotaScale: 0, pageSize: 100, ...optional('maxDomains', options.localMaxDomains) });
  // The emulator does not throttle, so client pacing would only slow local runs down.
  const quotaHint = localQuotaHint(statePath, options.localMaxDomains, deps);
  const clients = createAwsClients({ env: deps.env, region, localEndpoint: emulator.endpoint, pacing: { ...pacing, quotaHint, rateLimits: { scale: 0 } } });
  return {
    clients,
    region,
    local: { endpoint: emulator.endpoint, statePath },
    close: async () => {
      clients.destroy();
      await emulator.close();
    },
  };
}

/** What to do when the embedded emulator's quotas (the service's) are reached: raise it, or empty the state. */
function localQuotaHint(statePath: string, maxDomains: number | undefined, deps: CliDeps): string {
  const allow = String(2 * (maxDomains ?? RESOURCE_QUOTAS.domainsPerAccount));
  const raise = rerunOrPlain(deps, { add: ['--local-max-domains', allow], say: (c) => c });
  const reset = `\`${commandLine(['emulator', 'reset', '--local-state', statePath])}\``;
  return `the embedded emulator keeps Voice ID's quotas (${RESOURCE_QUOTAS.domainsPerAccount} domains per account, ${RESOURCE_QUOTAS.watchlistsPerDomain} watchlists per domain): allow ${allow} domains with ${raise}, or empty the local state with ${reset}`;
}

/** The run's command changed as `hint` says; outside run() (tests calling a command directly) the bare words. */
function rerunOrPlain(deps: CliDeps, hint: RerunHint): string {
  return deps.rerun ? deps.rerun(hint) : hint.say(`\`${commandLine(hint.add ?? [])}\``);
}

const nonEmpty = (v: string | undefined): string | undefined => (v !== undefined && v.trim() !== '' ? v.trim() : undefined);

export async function readAndPlan(
  connection: Connection,
  desired: DesiredState,
  options: Pick<SessionOptions, 'discovery' | 'scanSpeakers' | 'targets' | 'root' | 'refresh' | 'maxTrustAgeS'> & ConnectionWords,
  deps: CliDeps,
  source?: PlanSource,
  paths: readonly string[] = [],
  request: PlanRequest = {},
): Promise<PlanResult> {
  const where = connection.local ? `the local emulator (${connection.local.statePath})` : connection.region;
  deps.stderr(`Reading live state of stack ${desired.stack} in ${where}...\n`);
  const limiter = connection.clients.pacer.limiter;
  const readAt = Math.floor(deps.now().getTime() / 1000);
  const maxTrustAgeS = options.maxTrustAgeS ?? DEFAULT_MAX_TRUST_AGE_S;
  const env = gitEnv(deps.env);
  // PLAN.md §13: trust and evidence need the PATHs the YAML came from (the session's); none: neither.
  const origin = paths.length > 0 ? { paths } : undefined;
  const trust = origin
    ? trustDecider({ cwd: deps.cwd, paths: origin.paths, ...optional('root', options.root), desired, env, now: readAt, maxTrustAgeS, refresh: options.refresh === true, ...optional('readInFull', request.readInFull) })
    : undefined;
  const [read, commit] = await Promise.all([
    readLiveStateWithStats(connection.clients, desired, {
      region: connection.region,
      discovery: options.discovery,
      ...(options.scanSpeakers ? { speakerScan: 'full' as const } : {}),
      rate: (op) => limiter.rate(op),
      ...optional('trust', trust),
    }),
    origin ? evidenceCommit(deps, origin.paths, env) : Promise.resolve(undefined),
  ]);
  deps.stderr(`${describeStats(read.live, read.stats)}\n`);
  const targets = options.targets;
  if (targets) checkTargets(targets, desired, read.live, paths, options);
  const evidence = origin ? { ...optional('commit', commit), readAt, maxTrustAgeS, ...optional('recordFullChecks', request.recordFullChecks) } : undefined;
  const planned = makePlan(desired, read.live, { ...(source ? { source } : {}), ...(targets ? { targets } : {}), ...optional('evidence', evidence) });
  return { plan: withCommandHints(planned, deps.rerun, paths), live: read.live, stats: read.stats, readAt };
}
/** R13.1: the commit to record, when the YAML is as committed; GITHUB_SHA only where there is no git checkout. */
async function evidenceCommit(deps: CliDeps, paths: readonly string[], env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const repo = await gitCheckout(deps.cwd, env);
  if ('why' in repo) {
    const sha = deps.env.GITHUB_SHA ?? '';
    return /^[0-9a-f]{40}$/.test(sha) ? sha.slice(0, SHORT_COMMIT) : undefined;
  }
  const rel = await repoPaths(repo, deps.cwd, paths.length === 0 ? ['.'] : paths);
  if ('why' in rel) return undefined;
  const c = await yamlCommit(repo, rel);
  return 'commit' in c ? c.commit : undefined;
}

export async function openSession(given: readonly string[], options: SessionOptions & PacingOverrides, deps: CliDeps): Promise<Session> {
  // No PATH: `.` only where the working directory holds stack YAML (default-paths.ts); the plan records it.
  const paths = given.length > 0 ? given : await defaultPaths(deps.cwd);
  const desired = await loadDesiredOrReport(paths, deps, options);
  const connection = await openConnection(options, deps, { ...optional('desiredRegion', desired.region) });
  const source = recordSource(deps.cwd, paths);
  return {
    desired,
    connection,
    options,
    source,
    plan: (request) => readAndPlan(connection, desired, options, deps, source, paths, request),
    close: () => connection.close(),
  };
}

export async function withSession<T>(paths: readonly string[], options: SessionOptions & PacingOverrides, deps: CliDeps, fn: (session: Session) => Promise<T>): Promise<T> {
  const session = await openSession(paths, options, deps);
  try {
    return await fn(session);
  } finally {
    await session.close();
  }
}
