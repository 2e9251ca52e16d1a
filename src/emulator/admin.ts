/** The admin API (EMULATOR.md §9), in-process; server.ts exposes the same functions under /_emulator/*. */
import type { EmulatorCore } from './core.js';
import { checkFaults, checkSeed } from './admin-input.js';
import { seedState } from './seed.js';
import { toSnapshot } from './snapshot.js';
import type { EmulatorAdmin } from './types.js';

export function createAdmin(core: EmulatorCore): EmulatorAdmin {
  const { ctx } = core;
  return {
    seed: async (state) => {
      let speakers = 0;
      for (const d of ctx.store.domains.values()) speakers += d.speakers.size;
      return seedState(checkSeed(state, ctx.limits, speakers), ctx);
    },
    snapshot: () => {
      core.settle();
      return toSnapshot(ctx.store);
    },
    setFaults: (faults) => core.faults.set(checkFaults(faults)),
    callCounts: () => Object.fromEntries(core.counts),
    resetCallCounts: () => core.counts.clear(),
    reset: () => {
      ctx.store.clear();
      ctx.store.changed();
    },
  };
}
