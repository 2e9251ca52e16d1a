/**
 * GitHub Actions workflow commands for annotations (`::error file=F,line=L,col=C,title=CODE::message`): the runner
 * turns each such line of a step's output into an annotation on the run and, when `file` is a path relative to the
 * workspace that the pull request changed, on the PR's diff. Escaping as GitHub's toolkit does it
 * (actions/toolkit packages/core/src/command.ts): `%`, CR and LF in the message; also `:` and `,` in properties.
 * PURE.
 */

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  readonly level: AnnotationLevel;
  readonly message: string;
  /** Shown as the annotation's heading: our error or warning code. */
  readonly title?: string;
  /** Relative to the workspace (GITHUB_WORKSPACE), with `/` separators. */
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
}

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One workflow command line, without its newline. */
export function workflowCommand(a: Annotation): string {
  const props = [
    a.file === undefined ? undefined : `file=${escapeProperty(a.file)}`,
    a.line === undefined ? undefined : `line=${a.line}`,
    a.col === undefined ? undefined : `col=${a.col}`,
    a.title === undefined ? undefined : `title=${escapeProperty(a.title)}`,
  ].filter((p): p is string => p !== undefined);
  return `::${a.level}${props.length > 0 ? ` ${props.join(',')}` : ''}::${escapeData(a.message)}`;
}
