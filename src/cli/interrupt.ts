/**
 * What SIGINT / SIGTERM do (CONTRACT §8: the CLI ends within 2 s of a signal, whatever is pending). The first signal
 * aborts the run's signal: apply starts no new call, lets the calls in flight finish and reports (APPLY.md A4);
 * a prompt is answered "no". If the process has not ended `graceMs` later (a call to an endpoint that never
 * answers, anything else still holding the event loop), or on a second signal, it ends at once: the signal's
 * default action is restored and the signal raised again, so no exit handler can wait on a blocked thread (Node's
 * own exit does wait for its thread pool, which is how a FIFO read used to survive two SIGTERMs).
 *
 * Pure wiring: main.ts passes in the process-facing functions, so this is testable without signals.
 */

/** Calls in flight get this long to finish after the first signal; the whole exit stays under 2 s. */
export const GRACE_MS = 1500;

/** The part of the terminal redrawn in place (apply's progress bars). */
export interface LiveView {
  /** Erases it, leaving the cursor where it began: the next line written takes its place. */
  erase(): void;
}

/** Holds the live view, if any, so that a signal's notice erases it first instead of freezing it above the notice. */
export interface LiveViewSlot extends LiveView {
  /** Registers `view` until the returned release is called. */
  hold(view: LiveView): () => void;
}

export function liveViewSlot(): LiveViewSlot {
  let current: LiveView | undefined;
  return {
    hold(view) {
      current = view;
      return () => {
        if (current === view) current = undefined;
      };
    },
    erase() {
      current?.erase();
    },
  };
}

export interface InterruptDeps {
  readonly write: (text: string) => void;
  /** Erased before every notice (the bars would otherwise stay frozen above it; the view redraws below it). */
  readonly liveView?: LiveView;
  /** Aborts the run's AbortSignal with the signal's name. */
  readonly abort: (reason: Error) => void;
  /** Ends the process now, as killed by `signal` (never returns in the real process). */
  readonly forceExit: (signal: NodeJS.Signals) => void;
  /** An unref'd timer: it must not keep a finished process alive. */
  readonly later: (fn: () => void, ms: number) => void;
  readonly graceMs?: number;
}

export function interruptHandler(deps: InterruptDeps): (signal: NodeJS.Signals) => void {
  const grace = deps.graceMs ?? GRACE_MS;
  let first: NodeJS.Signals | undefined;
  const notice = (text: string): void => {
    deps.liveView?.erase();
    deps.write(text);
  };
  return (signal) => {
    if (first !== undefined) {
      notice(`\n${signal} received again: exiting now\n`);
      deps.forceExit(signal);
      return;
    }
    first = signal;
    notice(`\n${signal} received: finishing calls in flight, starting no new ones (again to force)\n`);
    deps.abort(new Error(signal));
    deps.later(() => {
      notice(`\nstill running ${(grace / 1000).toFixed(1)} s after ${signal}: exiting now without waiting for the calls in flight (re-running converges)\n`);
      deps.forceExit(signal);
    }, grace);
  };
}
