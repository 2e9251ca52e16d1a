import type { RerunHint } from '../model/command-line.js';

/**
 * Everything a command may touch in the outside world, passed in by main.ts (the real process) or by tests
 * (buffers, a fake TTY, a fixed clock). Commands never reach for `process` themselves.
 */
export interface CliDeps {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly stdoutIsTTY: boolean;
  readonly stdinIsTTY: boolean;
  /** Set when stderr is a terminal: its size now (read at every redraw of apply's progress, so a resize applies). */
  readonly stderrTerminal?: () => { readonly columns: number; readonly rows: number };
  /** Asks a question on the terminal and resolves with the answer (undefined when input is closed). */
  readonly prompt: (question: string) => Promise<string | undefined>;
  /** Aborted on SIGINT/SIGTERM: long-running commands stop starting new work and report. */
  readonly signal: AbortSignal;
  /**
   * Where a view redrawn in place (apply's progress) registers while it lives, so that main.ts's signal notice
   * erases it before writing ("SIGINT received" never sits below frozen bars).
   */
  readonly liveView?: { hold(view: { erase(): void }): () => void };
  readonly now: () => Date;
  /**
   * Declares customer speaker ids that no output may show: run() masks them in everything written to stdout and
   * stderr from then on (one pass at the output boundary). Commands call it once the ids are known (the loaded
   * desired state, a saved plan), unless --show-sensitive.
   */
  readonly declareSensitive?: (ids: Iterable<string>) => void;
  /**
   * The run's own command changed as `hint` says, in its words (set by run()): hints built where the error is
   * raised, such as AWS errors during apply, print the user's PATHs and flags. Absent: `voiceid-gitops COMMAND`.
   */
  readonly rerun?: (hint: RerunHint) => string;
  /** Waits between AWS retries and for rate-limit slots; default the real, abortable sleep. Tests pass an instant one. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Options every AWS-facing command accepts (CONTRACT §2). */
export interface CommonOptions {
  readonly region?: string;
  readonly profile?: string;
  readonly endpointUrl?: string;
  readonly local?: boolean;
  readonly localState?: string;
  /** Active domains the embedded emulator allows (default: the service quota). */
  readonly localMaxDomains?: number;
  readonly color: boolean;
  readonly showSensitive?: boolean;
  readonly concurrency?: number;
  readonly debug?: boolean;
}
