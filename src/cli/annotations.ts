/**
 * In GitHub Actions (GITHUB_ACTIONS=true), every diagnostic is also printed as a workflow command (CONTRACT §8), so
 * a YAML error lands on the pull request's diff at its line: validation problems at FILE:LINE:COL, plan errors and
 * warnings at their domain's key, failed apply changes and the error that ended a command as run annotations.
 * Paths are made relative to GITHUB_WORKSPACE (the runner matches them against the PR's files). Annotations
 * outlive the run on the PR, so declared speaker ids are masked in them even with --show-sensitive. They go to
 * stderr: stdout may be a plan in JSON piped to a file.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { ApplyResult } from '../apply/types.js';
import type { Diagnostic, SourceLocation } from '../model/diagnostic.js';
import type { DesiredState } from '../model/desired.js';
import type { GitopsError } from '../model/errors.js';
import { addressDomainKey, type Plan, type PlanMessage } from '../model/plan.js';
import { maskSpeakerId } from '../model/sensitive.js';
import { workflowCommand, type Annotation } from '../github/workflow-commands.js';
import type { CliDeps } from './deps.js';

export interface Annotator {
  diagnostics(diagnostics: readonly Diagnostic[]): void;
  plan(plan: Plan, desired: DesiredState): void;
  outcomes(result: ApplyResult, desired: DesiredState): void;
  error(e: GitopsError): void;
}

/** The annotator of this run, or undefined outside GitHub Actions. */
export function annotator(deps: Pick<CliDeps, 'env' | 'cwd' | 'stderr'>): Annotator | undefined {
  if (deps.env.GITHUB_ACTIONS !== 'true') return undefined;
  const workspace = deps.env.GITHUB_WORKSPACE || deps.cwd;
  const emit = (list: readonly Annotation[]): void => {
    if (list.length > 0) deps.stderr(list.map((a) => `${workflowCommand(a)}\n`).join(''));
  };
  const at = (where: SourceLocation | undefined) => (where ? { file: workspacePath(where.file, deps.cwd, workspace), line: where.line, col: where.col } : {});
  return {
    diagnostics(list) {
      emit(list.map((d) => ({ level: d.severity, title: d.code, message: d.message, ...at(d) })));
    },
    plan(plan, desired) {
      const mask = masker(desired);
      const of = (level: 'error' | 'warning', m: PlanMessage): Annotation => ({ level, title: m.code, message: mask(planMessage(m)), ...at(sourceOf(m.address, desired)) });
      emit([...plan.errors.map((m) => of('error', m)), ...plan.warnings.map((m) => of('warning', m))]);
    },
    outcomes(result, desired) {
      const mask = masker(desired);
      const failed = result.outcomes.filter((o) => o.status === 'failed');
      emit([
        ...failed.map((o): Annotation => ({ level: 'error', message: mask(`${o.address}: ${o.reason ?? 'failed'}`), ...codeOf(o.reason), ...at(sourceOf(o.address, desired)) })),
        ...result.waits.filter((w) => w.status !== 'completed').map((w): Annotation => ({ level: 'error', title: `WAIT_${w.status.toUpperCase().replace('-', '_')}`, message: mask(`${w.subject}: ${w.detail}`) })),
      ]);
    },
    error(e) {
      emit([{ level: 'error', title: e.code, message: e.hint ? `${e.message}\nhint: ${e.hint}` : e.message }]);
    },
  };
}

/** A path as the runner matches it against the PR's files: relative to the workspace, `/`-separated. */
export function workspacePath(file: string, cwd: string, workspace: string): string {
  const rel = relative(resolve(workspace), resolve(cwd, file));
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return file.split(sep).join('/');
  return rel.split(sep).join('/');
}

function planMessage(m: PlanMessage): string {
  const where = m.address ? `${m.address}: ` : '';
  const ids = m.speakerIds && m.speakerIds.length > 0 ? ` (${m.speakerIds.length.toLocaleString('en-US')} speaker id${m.speakerIds.length === 1 ? '' : 's'})` : '';
  return `${where}${m.message}${ids}${m.hint ? `\nhint: ${m.hint}` : ''}`;
}

/** "domain.support.watchlist.x" -> where `support:` is written in the YAML. */
function sourceOf(address: string | undefined, desired: DesiredState): SourceLocation | undefined {
  const key = address === undefined ? undefined : addressDomainKey(address);
  return key === undefined ? undefined : desired.domains.find((d) => d.key === key)?.source;
}

/** "AWS_SERVICE_ERROR: Voice ID ..." -> title AWS_SERVICE_ERROR. */
function codeOf(reason: string | undefined): { title?: string } {
  const m = reason === undefined ? null : /^([A-Z][A-Z0-9_]+):/.exec(reason);
  return m ? { title: m[1]! } : {};
}

/** Replaces every declared speaker id standing as a word (ids are [A-Za-z0-9_-] runs) with its mask. */
function masker(desired: DesiredState): (text: string) => string {
  const ids = new Set(desired.domains.flatMap((d) => d.optedOutSpeakers));
  if (ids.size === 0) return (text) => text;
  return (text) => text.replace(/[A-Za-z0-9][A-Za-z0-9_-]*/g, (word) => (ids.has(word) ? maskSpeakerId(word) : word));
}
