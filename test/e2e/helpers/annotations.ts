/**
 * What the GitHub runner makes of a step's log: every line of its stdout or stderr that is a workflow command
 * `::error file=F,line=L,col=C,title=T::message` (or `::warning`, `::notice`) becomes an annotation, shown on the
 * run and, when `file` is a path the pull request changed, on its diff. Parsed and unescaped as actions/runner's
 * ActionCommand does it (data: %25 %0D %0A; properties also %3A %2C), written here independently of
 * src/github/workflow-commands.ts, so a change there that the runner would not read fails the e2e tests.
 */
import type { StepRecord } from './run-records.js';

export interface RunnerAnnotation {
  readonly level: 'error' | 'warning' | 'notice';
  readonly message: string;
  readonly properties: Readonly<Record<string, string>>;
}

const COMMAND = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/;

const unescapeData = (s: string): string => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string): string => unescapeData(s.replace(/%3A/g, ':').replace(/%2C/g, ','));

/** The annotations of a step (a composite action's inner steps included), in log order: stdout first, then stderr. */
export function annotationsOf(step: StepRecord): RunnerAnnotation[] {
  const logs = [step, ...(step.inner ?? [])].flatMap((s) => [s.stdout, s.stderr]);
  return logs.flatMap((log) => log.split('\n')).flatMap((line) => {
    const m = COMMAND.exec(line.replace(/\r$/, ''));
    if (!m) return [];
    const properties = Object.fromEntries((m[2] ?? '').split(',').filter((p) => p.includes('=')).map((p) => {
      const at = p.indexOf('=');
      return [p.slice(0, at), unescapeProperty(p.slice(at + 1))];
    }));
    return [{ level: m[1] as RunnerAnnotation['level'], message: unescapeData(m[3] ?? ''), properties }];
  });
}
