/**
 * A terminal model for tests: @xterm/headless (xterm.js's parser and buffer, no DOM) interprets what a program
 * wrote, with a real terminal's autowrap (a line one column too long takes two rows), cursor moves and erases.
 * `convertEol` stands for the pty's ONLCR (LF -> CR LF).
 */
import xterm from '@xterm/headless';

export interface ScreenModel {
  write(text: string): void;
  resize(columns: number, rows: number): void;
  /** Every row written so far (scrollback and screen), trailing blanks trimmed, trailing empty rows dropped. */
  rows(): Promise<string[]>;
  /** The rows on screen now; `wrapped`: the row continues the one above it (the terminal wrapped a long line). */
  viewport(): Promise<{ readonly text: string; readonly wrapped: boolean }[]>;
}

export function screenModel(columns: number, rows: number): ScreenModel {
  const term = new xterm.Terminal({ cols: columns, rows, scrollback: 100_000, convertEol: true, allowProposedApi: true });
  return {
    write: (text) => term.write(text),
    resize: (c, r) => term.resize(c, r),
    async rows() {
      await new Promise<void>((done) => term.write('', done));
      const buffer = term.buffer.active;
      const out: string[] = [];
      for (let i = 0; i < buffer.length; i++) out.push(buffer.getLine(i)?.translateToString(true) ?? '');
      while (out.length > 0 && out.at(-1) === '') out.pop();
      return out;
    },
    async viewport() {
      await new Promise<void>((done) => term.write('', done));
      const buffer = term.buffer.active;
      return Array.from({ length: rows }, (_, i) => {
        const line = buffer.getLine(buffer.viewportY + i);
        return { text: line?.translateToString(true) ?? '', wrapped: line?.isWrapped ?? false };
      });
    },
  };
}
