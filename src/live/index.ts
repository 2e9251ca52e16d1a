/** src/live: LiveState read through the narrow AWS interfaces. */
export { readLiveState, readLiveStateWithStats } from './read-live-state.js';
export type { LiveRead, ReadLiveOptions, ReadStats } from './read-live-state.js';
export type { DiscoveryMode } from './discover.js';
export { chooseSpeakerStrategy, estimateSpeakerReads } from './speaker-strategy.js';
export type { SpeakerCostInput, SpeakerStrategyChoice, SpeakerStrategyKind } from './speaker-strategy.js';
// For `export` (src/cli/export-read.ts), which reads whole domains rather than what a desired state names.
export { discoverDomains, isManagedBy } from './discover.js';
export { enrollmentJobOf, registrationJobOf } from './map.js';
export { answeredLive } from './answered.js';
