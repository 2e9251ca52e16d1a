/** ANSI styling, applied only when the caller asks for colour (a TTY without --no-color). */

export interface Style {
  readonly color: boolean;
  add(s: string): string;
  remove(s: string): string;
  change(s: string): string;
  adopt(s: string): string;
  blocked(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
const plain = (s: string) => s;

export function style(color: boolean): Style {
  if (!color) {
    return { color, add: plain, remove: plain, change: plain, adopt: plain, blocked: plain, dim: plain, bold: plain };
  }
  return {
    color,
    add: wrap(32, 39),
    remove: wrap(31, 39),
    change: wrap(33, 39),
    adopt: wrap(36, 39),
    blocked: wrap(35, 39),
    dim: wrap(2, 22),
    bold: wrap(1, 22),
  };
}
