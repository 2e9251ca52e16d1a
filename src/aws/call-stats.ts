/** Per-operation counters of calls, throttles, retries and failures, kept by the pacer and printed by benchmarks. */

export interface OperationStats {
  /** HTTP attempts, retries included. */
  readonly calls: number;
  /** Attempts answered with a throttling error. */
  readonly throttles: number;
  /** Attempts that were repeated after a throttle, a 5xx or a network fault. */
  readonly retries: number;
  /** Calls that ended in an error after all attempts (not-found answers excepted). */
  readonly failures: number;
  /** Calls answered "not found": an expected answer when probing (DescribeSpeaker of an absent id). */
  readonly notFound: number;
}

export type CallStats = Readonly<Record<string, OperationStats>>;

export type StatField = keyof OperationStats;

const FIELDS: readonly StatField[] = ['calls', 'throttles', 'retries', 'failures', 'notFound'];
const ZERO: OperationStats = { calls: 0, throttles: 0, retries: 0, failures: 0, notFound: 0 };

export class StatsRecorder {
  private readonly counts = new Map<string, Record<StatField, number>>();

  add(operation: string, field: StatField, n = 1): void {
    let entry = this.counts.get(operation);
    if (!entry) {
      entry = { calls: 0, throttles: 0, retries: 0, failures: 0, notFound: 0 };
      this.counts.set(operation, entry);
    }
    entry[field] += n;
  }

  snapshot(): CallStats {
    const out: Record<string, OperationStats> = {};
    for (const op of [...this.counts.keys()].sort()) out[op] = { ...this.counts.get(op)! };
    return out;
  }
}

/** What happened between two snapshots (for one read inside a longer-lived client). */
export function diffStats(after: CallStats, before: CallStats): CallStats {
  const out: Record<string, OperationStats> = {};
  for (const [op, a] of Object.entries(after)) {
    const b = before[op] ?? ZERO;
    const d = { calls: a.calls - b.calls, throttles: a.throttles - b.throttles, retries: a.retries - b.retries, failures: a.failures - b.failures, notFound: a.notFound - b.notFound };
    if (d.calls || d.throttles || d.retries || d.failures || d.notFound) out[op] = d;
  }
  return out;
}

export function totalStats(stats: CallStats): OperationStats {
  const t = { ...ZERO };
  for (const s of Object.values(stats)) for (const k of FIELDS) t[k] += s[k];
  return t;
}
