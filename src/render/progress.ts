/**
 * The lines of apply's progress view (src/cli/apply-view.ts): one bar per long change (an opt-out list), one line per
 * wait, each fitted to the terminal's width so it never wraps. PURE: state, clock reading and width come in. Events
 * never carry speaker ids (APPLY.md A6.2), so nothing here can show one.
 */
import type { Style } from './style.js';
import { num } from './common.js';

/** A change with many calls (an opt-out list), drawn as a bar. */
export interface BarState {
  readonly address: string;
  readonly startedAt: number;
  readonly done: number;
  readonly total: number;
}

/** Something `--wait` (or a deferred change) is waiting for: what, since when, and what Voice ID last said. */
export interface WaitState {
  /** Human words for what is awaited, e.g. "re-encrypting domain.support to alias/voiceid-next". */
  readonly awaiting: string;
  readonly startedAt: number;
  readonly status: string;
  /** Only when Voice ID reports one (jobs): a re-encryption has no percentage, so it gets no bar. */
  readonly percent?: number;
}

const BAR_MAX = 24;
const BAR_MIN = 10;
const ELLIPSIS = '…';

/** A bar line of at most `columns - 1` characters (the last column is left free: writing it arms a wrap). */
export function barLine(b: BarState, now: number, columns: number, s: Style): string {
  const width = Math.max(20, columns - 1);
  const share = b.total > 0 ? Math.min(1, b.done / b.total) : 1;
  const counts = `${group(b.done)}/${group(b.total)} ${Math.floor(100 * share)}%`;
  const elapsed = Math.max(1, now - b.startedAt) / 1000;
  const rate = b.done / elapsed;
  const eta = rate > 0 ? `ETA ${duration((b.total - b.done) / rate)}` : 'ETA --';
  // Give up detail from the right end first (rate, then ETA), then bar width, then label characters.
  for (const stats of [`${counts} ${rate.toFixed(1)}/s ${eta}`, `${counts} ${eta}`, counts]) {
    for (let bar = BAR_MAX; bar >= BAR_MIN; bar -= 2) {
      const fixed = bar + 2 + 2 + stats.length; // "[bar]", two spaces
      if (b.address.length + fixed <= width) return `${b.address} ${drawBar(share, bar, s)} ${stats}`;
    }
  }
  const stats = counts;
  const room = width - (BAR_MIN + 4 + stats.length);
  return `${cut(b.address, room)} ${drawBar(share, BAR_MIN, s)} ${stats}`;
}

/** "re-encrypting domain.support to alias/voiceid-next, 2m10s" (with a bar when Voice ID gives a percentage). */
export function waitLine(w: WaitState, now: number, columns: number, s: Style): string {
  const width = Math.max(20, columns - 1);
  const elapsed = duration((now - w.startedAt) / 1000);
  const status = shownStatus(w);
  const tail = w.percent === undefined ? `${status}, ${elapsed}` : `${status} ${w.percent}%, ${elapsed}`;
  if (w.percent !== undefined) {
    const bar = ` ${drawBar(w.percent / 100, BAR_MIN, s)}`;
    if (w.awaiting.length + bar.length + tail.length <= width) return `${w.awaiting}${bar}${tail}`;
  }
  if (w.awaiting.length + tail.length <= width) return `${w.awaiting}${tail}`;
  const short = `, ${elapsed}`;
  return `${cut(w.awaiting, width - short.length)}${short}`;
}

/** A CI log line (no terminal): plain, whole, no escape codes. */
export function plainBarLine(b: BarState, now: number): string {
  const share = b.total > 0 ? Math.min(1, b.done / b.total) : 1;
  const elapsed = Math.max(1, now - b.startedAt) / 1000;
  const rate = b.done / elapsed;
  const eta = rate > 0 ? `ETA ${duration((b.total - b.done) / rate)}` : 'ETA --';
  return `  … ${b.address}: ${group(b.done)}/${group(b.total)} ${Math.floor(100 * share)}% ${rate.toFixed(1)}/s ${eta}`;
}

export function plainWaitLine(w: WaitState, now: number): string {
  const percent = w.percent === undefined ? '' : ` ${w.percent}%`;
  return `  … ${w.awaiting}${shownStatus(w)}${percent}, ${duration((now - w.startedAt) / 1000)}`;
}

/** Voice ID's word for the state, unless the words for what is awaited already say it ("re-encrypting ..."). */
function shownStatus(w: WaitState): string {
  return w.status === '' || w.awaiting.startsWith(w.status) ? '' : ` ${w.status}`;
}

/** Keeps the end of an address (the resource kind is there) and marks the cut: "…port-line-7.opt-outs". */
export function cut(text: string, room: number): string {
  if (text.length <= room) return text;
  if (room <= 1) return ELLIPSIS.slice(0, Math.max(0, room));
  return `${ELLIPSIS}${text.slice(text.length - (room - 1))}`;
}

function drawBar(share: number, width: number, s: Style): string {
  const filled = Math.round(Math.min(1, Math.max(0, share)) * width);
  return `[${s.add('#'.repeat(filled))}${s.dim('-'.repeat(width - filled))}]`;
}

export function group(n: number): string {
  return num(n);
}

/** 95 -> "1m35s", 4000 -> "1h06m". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
