/**
 * What makes an operation replayable from the journal (EMULATOR.md §11): handlers are deterministic given the
 * store, the input, the clock readings and the random draws they make. The recorder stands between the handlers
 * and the real clock and PRNG: while an operation runs it notes every reading and draw, and whether the store
 * changed; on recovery it serves the noted values back, so the replayed operation makes the same ids and
 * timestamps as the acknowledged one.
 */
import type { Random } from './random.js';

/** One journaled step: the operation (or `$settle`), its input and what it read from the clock and the PRNG. */
export interface StepRecord {
  readonly op: string;
  readonly in: unknown;
  /** Clock readings in order (ms). */
  readonly c: readonly number[];
  /** PRNG draws in order, as multiples of 2^-32 when every draw is one (mulberry32's are), else as they were. */
  readonly r: readonly number[];
  readonly rf?: true;
}

const TWO_32 = 4294967296;

function encodeDraws(draws: readonly number[]): Pick<StepRecord, 'r' | 'rf'> {
  const ints = draws.map((d) => d * TWO_32);
  return ints.every((i) => Number.isInteger(i)) ? { r: ints } : { r: draws, rf: true };
}

export class Recorder {
  private recording: { readonly clock: number[]; readonly draws: number[]; changed: boolean } | undefined;
  private replaying: { readonly clock: readonly number[]; readonly draws: readonly number[]; ci: number; ri: number } | undefined;

  constructor(
    private readonly baseNow: () => number,
    private readonly baseRandom: Random,
    /** A change made outside any recorded step (admin seed and reset): the owner checkpoints the whole state. */
    private readonly onUnrecordedChange: () => void = () => undefined,
  ) {}

  readonly now = (): number => {
    const rp = this.replaying;
    if (rp) return rp.clock[rp.ci++] ?? rp.clock[rp.clock.length - 1] ?? this.baseNow();
    const t = this.baseNow();
    this.recording?.clock.push(t);
    return t;
  };

  readonly random: Random = () => {
    const rp = this.replaying;
    if (rp) {
      const d = rp.draws[rp.ri++];
      if (d !== undefined) return d;
    }
    const d = this.baseRandom();
    this.recording?.draws.push(d);
    return d;
  };

  /** Called by the store on every change. */
  changed(): void {
    if (this.replaying) return;
    if (this.recording) this.recording.changed = true;
    else this.onUnrecordedChange();
  }

  /**
   * Runs one step; `record` receives it when the store changed (also when the step threw: a handler that changed
   * the state and then failed is replayed to the same failure).
   */
  run<T>(op: string, input: unknown, step: () => T, record: (r: StepRecord) => void): T {
    const outer = this.recording;
    const mine = { clock: [] as number[], draws: [] as number[], changed: false };
    this.recording = mine;
    try {
      return step();
    } finally {
      this.recording = outer;
      if (mine.changed) record({ op, in: input, c: mine.clock, ...encodeDraws(mine.draws) });
    }
  }

  /** Runs `step` with the clock readings and draws of a journaled record served back in order. */
  replay<T>(rec: StepRecord, step: () => T): T {
    const draws = rec.rf ? rec.r : rec.r.map((i) => i / TWO_32);
    this.replaying = { clock: rec.c, draws, ci: 0, ri: 0 };
    try {
      return step();
    } finally {
      this.replaying = undefined;
    }
  }
}
