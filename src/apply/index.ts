/** src/apply: executes a reviewed Plan through the narrow VoiceIdApi (rules: APPLY.md). */
export { applyPlan, DEFAULT_OPT_OUT_CONCURRENCY } from './executor.js';
export { parseSavedPlan, checkStack, checkExecutable, isDomainDelete } from './preflight.js';
export { DEFAULT_POLL_MS, DEFAULT_WAIT_TIMEOUT_MS } from './wait.js';
export type * from './types.js';
export { deferredLine, summaryLine } from './report.js';
