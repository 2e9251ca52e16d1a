/**
 * The view of a running apply (APPLY.md A6.2): the executor emits events, this draws them. Every change prints one
 * line when it ends. On a terminal, below those lines, one bar per long change (an opt-out list) and one line per
 * wait, each cut to the terminal's width at every redraw (so a resize applies at once), redrawn in place by
 * log-update and erased at the end. In CI logs (no terminal): the same per-change lines, plus at most one plain
 * progress line per bar or wait every 30 s, never an escape code.
 *
 * log-update (sindresorhus; the redraw engine of listr2) was measured against cli-progress's MultiBar under a
 * terminal model at 60/80/120 columns: MultiBar.log() leaves the tail of a bar after a shorter log line (2 rows of
 * stale bar text of 7 at 80 columns), log-update none. The clock and the redraw ticker are injected.
 */
import { createLogUpdate } from 'log-update';
import type { ApplyEvent } from '../apply/types.js';
import { assertNever } from '../model/assert-never.js';
import { outcomeLine } from './apply-report.js';
import { barLine, duration, plainBarLine, plainWaitLine, waitLine, type BarState, type WaitState } from '../render/progress.js';
import { style as makeStyle, type Style } from '../render/style.js';

export interface TerminalSize {
  readonly columns: number;
  readonly rows: number;
}

export interface ApplyViewOptions {
  readonly write: (text: string) => void;
  /** Set when the output is a terminal: its size now, read at every redraw. Absent: a CI log. */
  readonly terminal?: () => TerminalSize;
  readonly now: () => number;
  /** Colour on the terminal (never in a CI log): false with --no-color or NO_COLOR. */
  readonly color: boolean;
  /** Aborted on Ctrl-C, right after main.ts printed "SIGINT received" below the bars: redraw below that line. */
  readonly signal?: AbortSignal;
  /** CI log: at most one line per bar or wait in this interval. Default 30 s. */
  readonly intervalMs?: number;
  /** Changes with at least this many calls get a bar. Default 20. */
  readonly minCalls?: number;
  /** Calls `fn` every `ms` until the returned stop is called (elapsed times move between events). */
  readonly every?: (ms: number, fn: () => void) => () => void;
}

export interface ApplyView {
  onEvent(event: ApplyEvent): void;
  /** Erases the bars (terminal) and stops the ticker. */
  finish(): void;
  /** Erases the bars now (a signal's notice is about to be written); the next event draws them again below it. */
  erase(): void;
}

interface Tracked<T> {
  state: T;
  lastLineAt: number;
  lastStatus?: string;
}

const REDRAW_MS = 100;
const TICK_MS = 1000;

const realEvery = (ms: number, fn: () => void): (() => void) => {
  const id = setInterval(fn, ms);
  id.unref();
  return () => clearInterval(id);
};

export function createApplyView(o: ApplyViewOptions): ApplyView {
  const bars = new Map<string, Tracked<BarState>>();
  const waits = new Map<string, Tracked<WaitState>>();
  const changeStarts = new Map<string, number>();
  const minCalls = o.minCalls ?? 20;
  const terminal = o.terminal;
  const screen = terminal ? terminalScreen(o, terminal, () => [...bars.values()].map((b) => b.state), () => [...waits.values()].map((w) => w.state)) : undefined;
  const log = (line: string): void => (screen ? screen.persist(line) : o.write(`${line}\n`));
  const interval = o.intervalMs ?? 30_000;
  // The line is made only when it is written: progress arrives after every answer (thousands a minute).
  const ciLine = (t: Tracked<unknown>, line: () => string, force: boolean): void => {
    const now = o.now();
    if (!force && now - t.lastLineAt < interval) return;
    t.lastLineAt = now;
    o.write(`${line()}\n`);
  };

  return {
    onEvent(e) {
      const now = o.now();
      switch (e.kind) {
        case 'change-start':
          changeStarts.set(e.address, now);
          if (e.total >= minCalls) bars.set(e.address, { state: { address: e.address, startedAt: now, done: 0, total: e.total }, lastLineAt: now });
          screen?.draw(true);
          return;
        case 'progress': {
          const b = bars.get(e.address);
          if (!b) return;
          b.state = { ...b.state, done: e.done, total: e.total };
          if (screen) screen.draw(false);
          else ciLine(b, () => plainBarLine(b.state, now), false);
          return;
        }
        case 'change-end': {
          const started = changeStarts.get(e.outcome.address);
          bars.delete(e.outcome.address);
          log(outcomeLine(e.outcome, makeStyle(screen !== undefined && o.color), started === undefined ? undefined : now - started));
          return;
        }
        case 'wait':
          return onWait(e, now);
        default:
          return assertNever(e, 'apply event');
      }
    },
    finish() {
      screen?.close();
    },
    erase() {
      screen?.erase();
    },
  };

  function onWait(e: Extract<ApplyEvent, { kind: 'wait' }>, now: number): void {
    const known = waits.get(e.subject);
    if (e.done) {
      waits.delete(e.subject);
      // A wait that ended at its first poll (a description change: nothing to re-encrypt) is not worth a line.
      if (known) log(waitEndLine(e, now - known.state.startedAt, makeStyle(screen !== undefined && o.color)));
      else screen?.draw(true);
      return;
    }
    const state: WaitState = { awaiting: e.awaiting, startedAt: known?.state.startedAt ?? now, status: e.status, ...(e.percent === undefined ? {} : { percent: e.percent }) };
    const t = known ?? { state, lastLineAt: -Infinity };
    t.state = state;
    waits.set(e.subject, t);
    if (screen) screen.draw(true);
    else ciLine(t, () => plainWaitLine(state, now), t.lastStatus !== e.status);
    t.lastStatus = e.status;
  }
}

/** "  ✓ domain.support: encryption up to date (waited 2m15s)", in the report's colours. */
function waitEndLine(e: Extract<ApplyEvent, { kind: 'wait' }>, waitedMs: number, s: Style): string {
  const paint = e.failed ? s.remove : s.add;
  return `  ${paint(e.failed ? '✗' : '✓')} ${e.subject}: ${e.status} (waited ${duration(waitedMs / 1000)})`;
}

interface Screen {
  draw(force: boolean): void;
  persist(line: string): void;
  close(): void;
  erase(): void;
}

/** log-update on a stream whose size is read at every redraw; bars and waits fitted to the width first. */
function terminalScreen(o: ApplyViewOptions, size: () => TerminalSize, bars: () => BarState[], waits: () => WaitState[]): Screen {
  const stream = {
    isTTY: true,
    get columns() {
      return size().columns;
    },
    get rows() {
      return size().rows;
    },
    write(text: string) {
      o.write(text);
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  let update = createLogUpdate(stream, { showCursor: true });
  const s = makeStyle(o.color);
  let lastDraw = -Infinity;
  let stopTicker: (() => void) | undefined;
  const frame = (): string => {
    const now = o.now();
    const { columns, rows } = size();
    const lines = [...waits().map((w) => waitLine(w, now, columns, s)), ...bars().map((b) => barLine(b, now, columns, s))];
    // Never taller than the screen: rows scrolled out of view could not be redrawn in place.
    const room = Math.max(1, rows - 2);
    return (lines.length > room ? [...lines.slice(0, room - 1), `  … and ${lines.length - room + 1} more`] : lines).join('\n');
  };
  const draw = (force: boolean): void => {
    const now = o.now();
    if (!force && now - lastDraw < REDRAW_MS) return;
    lastDraw = now;
    const text = frame();
    if (text === '') update.clear();
    else update(text);
    if (text !== '' && !stopTicker) stopTicker = (o.every ?? realEvery)(TICK_MS, () => draw(true));
    if (text === '' && stopTicker) {
      stopTicker();
      stopTicker = undefined;
    }
  };
  o.signal?.addEventListener('abort', () => {
    // The "SIGINT received" line was written where the frame was (main.ts erased it first, see erase); had anything
    // written it without erasing, it sits below the frame: either way the next frame is drawn below it.
    update.done();
    update = createLogUpdate(stream, { showCursor: true });
  }, { once: true });
  return {
    draw,
    persist(line) {
      update.clear();
      o.write(`${line}\n`);
      draw(true);
    },
    close() {
      stopTicker?.();
      stopTicker = undefined;
      update.clear();
      update.done();
    },
    erase() {
      update.clear();
    },
  };
}
