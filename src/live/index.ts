/** src/live: LiveState read through the narrow AWS interfaces. */
export { readLiveState, readLiveStateWithStats } from './read-live-state.js';
export type { LiveRead, ReadLiveOptions, ReadStats } from './read-live-state.js';
export type { DiscoveryMode } from './discover.js';
export { chooseSpeakerStrategy, estimateSpeakerReads } from './speaker-strategy.js';
export type { SpeakerCostInput, SpeakerStrategyChoice, SpeakerStrategyKind } from './speaker-strategy.js';
