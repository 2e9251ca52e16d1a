/**
 * The inside of a domain the desired state manages or adopts, read by each resource kind's module (its `read`
 * part, src/kinds/): opted-out speakers, watchlists, the run-once jobs. The kinds read concurrently, each started
 * in registry order; a kind that needs what an earlier one read (jobs name their watchlists) awaits that part.
 */
import type { VoiceIdApi } from '../aws/api.js';
import type { DesiredDomain } from '../model/desired.js';
import type { LiveDomain, LiveDomainDetails } from '../model/live.js';
import { readInRegistryOrder } from '../kinds/registry.js';
import type { SpeakerReadOptions } from './speakers.js';
import type { FraudsterReadOptions } from './fraudsters.js';

/**
 * `speakerIds`: the declared opt-out ids to read (all of them, or the untrusted ones: PLAN.md R13.4) and every
 * declared erased id (R15.5: never trusted). `fraudsters`: how the declared deletedFraudsters are read (R15.5).
 */
export async function readDetails(
  voiceId: VoiceIdApi, live: LiveDomain, desired: DesiredDomain, speakerIds: readonly string[], speakers: SpeakerReadOptions, fraudsters?: FraudsterReadOptions,
): Promise<LiveDomainDetails> {
  const parts = await readInRegistryOrder<Partial<LiveDomainDetails>>((m, earlier) =>
    m.read?.details({ api: voiceId, live, desired, speakerIds, speakers, earlier, ...(fraudsters ? { fraudsters } : {}) }));
  // The registry's types guarantee every member is read.
  return Object.assign({}, ...parts) as LiveDomainDetails;
}
