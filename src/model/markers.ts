/**
 * Hidden HTML-comment markers that let a later run find its own comment or issue again, written only here. The plan
 * marker is the first line of the markdown plan (src/render/markdown.ts, CONTRACT §5); the drift marker heads a
 * drift issue (src/github). A body is ours only when
 * its FIRST line is the marker, so a reply quoting our comment (`> <!-- ... -->`) is never mistaken for it.
 */
export function planMarker(stack: string): string {
  return `<!-- voiceid-gitops:plan stack=${checkedStack(stack)} -->`;
}

export function driftMarker(stack: string): string {
  return `<!-- voiceid-gitops:drift stack=${checkedStack(stack)} -->`;
}

export function hasMarker(body: string, marker: string): boolean {
  return firstLine(body).trim() === marker;
}

/** Drops a leading voiceid-gitops marker line, so a body can be re-headed with another marker. */
export function withoutMarker(markdown: string): string {
  return /^<!-- voiceid-gitops:[a-z-]+ [^\n]*-->[ \t]*$/.test(firstLine(markdown)) ? markdown.slice(firstLine(markdown).length + 1) : markdown;
}

function firstLine(text: string): string {
  const i = text.indexOf('\n');
  return (i < 0 ? text : text.slice(0, i)).replace(/\r$/, '');
}

/** A stack name must not be able to close the HTML comment or break the line. */
function checkedStack(stack: string): string {
  return stack.replace(/--|>|\s/g, '_');
}
