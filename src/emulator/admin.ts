/** The admin API (EMULATOR.md §9), in-process; server.ts exposes the same functions under /_emulator/*. */
import type { EmulatorCore } from './core.js';
import { checkEnroll, checkFaults, checkSeed } from './admin-input.js';
import { newSpeaker } from './ops/speakers.js';
import { seedState } from './seed.js';
import { toSnapshot } from './snapshot.js';
import type { EmulatorAdmin } from './types.js';

/** `durable` resolves once every change so far is on disk (rejects with EMULATOR_STATE_WRITE_FAILED). */
export function createAdmin(core: EmulatorCore, durable: () => Promise<void> = async () => undefined): EmulatorAdmin {
  const { ctx } = core;
  return {
    seed: async (state) => {
      let speakers = 0;
      for (const d of ctx.store.domains.values()) speakers += d.speakers.size;
      const result = seedState(checkSeed(state, ctx.limits, speakers), ctx);
      await durable();
      return result;
    },
    snapshot: () => {
      void core.settle();
      return toSnapshot(ctx.store);
    },
    enroll: async (domainId, customerSpeakerIds) => {
      const { domain, ids } = checkEnroll(ctx, domainId, customerSpeakerIds);
      for (const id of ids) newSpeaker(domain, ctx, id, 'ENROLLED');
      ctx.store.changed();
      await durable();
      return { enrolled: ids.length };
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
