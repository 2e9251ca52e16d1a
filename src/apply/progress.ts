/**
 * Progress of an apply (APPLY.md A6.2): on a TTY one redrawn bar per long phase (opt-out lists, waits) with rate
 * and ETA; in CI logs (no TTY) a plain line per phase every 10 s or every 10 %, whichever comes first. Output and
 * clock are injected; events never carry speaker ids, so nothing here can leak one.
 */
import type { ApplyEvent } from './types.js';

export interface ProgressOptions {
  readonly write: (text: string) => void;
  readonly tty: boolean;
  readonly now: () => number;
  /** Non-TTY: at most one line per phase per interval unless 10 % more is done. Default 10 s. */
  readonly intervalMs?: number;
  /** Changes with at least this many calls get a bar. Default 20. */
  readonly minCalls?: number;
  /**
   * Aborted on Ctrl-C, right after main.ts printed its "SIGINT received" line below the bars: the TTY redraw then
   * starts below that line instead of moving the cursor up over it.
   */
  readonly signal?: AbortSignal;
}

interface Phase {
  readonly label: string;
  readonly startedAt: number;
  done: number;
  total: number;
  status?: string;
  finished: boolean;
  lastLineAt: number;
  lastLineShare: number;
}

export interface ProgressReporter {
  onEvent(event: ApplyEvent): void;
  /** Draws the final state (TTY) and stops. */
  finish(): void;
}

const BAR_WIDTH = 24;
const TTY_REDRAW_MS = 100;

export function createProgress(o: ProgressOptions): ProgressReporter {
  const phases = new Map<string, Phase>();
  const interval = o.intervalMs ?? 10_000;
  let drawnLines = 0;
  let lastDraw = -Infinity;

  const draw = (force: boolean): void => {
    const t = o.now();
    if (!force && t - lastDraw < TTY_REDRAW_MS) return;
    lastDraw = t;
    const lines = [...phases.values()].map((p) => barLine(p, t));
    const up = drawnLines > 0 ? `\x1b[${drawnLines}A` : '';
    o.write(up + lines.map((l) => `\x1b[2K${l}\n`).join(''));
    drawnLines = lines.length;
  };

  const logLine = (p: Phase, force: boolean): void => {
    const t = o.now();
    const share = p.total > 0 ? p.done / p.total : 0;
    if (!force && t - p.lastLineAt < interval && share - p.lastLineShare < 0.1) return;
    p.lastLineAt = t;
    p.lastLineShare = share;
    o.write(`${plainLine(p, t)}\n`);
  };

  const touch = (p: Phase, force = false): void => (o.tty ? draw(force) : logLine(p, force));
  o.signal?.addEventListener('abort', () => void (drawnLines = 0), { once: true });

  return {
    onEvent(e) {
      const t = o.now();
      if (e.kind === 'change-start' && e.total >= (o.minCalls ?? 20)) {
        const p: Phase = { label: e.address, startedAt: t, done: 0, total: e.total, finished: false, lastLineAt: t, lastLineShare: 0 };
        phases.set(e.address, p);
        touch(p, true);
      } else if (e.kind === 'progress') {
        const p = phases.get(e.address);
        if (p) {
          p.done = e.done;
          touch(p);
        }
      } else if (e.kind === 'change-end') {
        const p = phases.get(e.outcome.address);
        if (p && !p.finished) {
          p.finished = true;
          p.status = e.outcome.status;
          touch(p, true);
        }
      } else if (e.kind === 'wait') {
        const key = `wait ${e.subject}`;
        let p = phases.get(key);
        if (!p) {
          p = { label: `waiting for ${e.subject}`, startedAt: t, done: 0, total: 100, finished: false, lastLineAt: -Infinity, lastLineShare: -1 };
          phases.set(key, p);
        }
        const changed = p.status !== e.status || e.done;
        p.status = e.status;
        p.done = e.done ? 100 : e.percent ?? p.done;
        p.finished = e.done;
        touch(p, changed);
      }
    },
    finish() {
      if (o.tty && phases.size > 0) draw(true);
    },
  };
}

function barLine(p: Phase, t: number): string {
  const share = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
  const filled = Math.round(share * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
  return `${p.label} ${bar} ${stats(p, t)}`;
}

function plainLine(p: Phase, t: number): string {
  return `${p.label}: ${stats(p, t)}`;
}

function stats(p: Phase, t: number): string {
  const pct = p.total > 0 ? Math.floor((100 * p.done) / p.total) : 100;
  if (p.label.startsWith('waiting for ')) return `${p.status ?? ''}${p.finished ? '' : ` ${pct}%`}`.trim();
  const elapsed = Math.max(1, t - p.startedAt) / 1000;
  const rate = p.done / elapsed;
  const eta = p.finished ? (p.status === 'applied' ? 'done' : p.status ?? 'stopped') : rate > 0 ? `ETA ${duration((p.total - p.done) / rate)}` : 'ETA --';
  return `${p.done.toLocaleString('en-US')}/${p.total.toLocaleString('en-US')} ${pct}% ${rate.toFixed(1)}/s ${eta}`;
}

/** 95 -> "1m35s", 4000 -> "1h06m". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
