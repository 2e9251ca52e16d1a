/** The plan engine's public surface. */
export { plan, summarize } from './plan.js';
export type { PlanOptions } from './plan.js';
export { comparablePlan, describeDifference, planDifference, VOLATILE_PLAN_MEMBERS } from './staleness.js';
export type { PlanDifference } from './staleness.js';
export { canonicalJson, clientToken, domainScopedToken } from './canonical.js';
export { compareKmsKeys } from './kms.js';
export { planIntegrity, sealPlan, hasValidIntegrity } from './integrity.js';
export { targetForms, isTargetAddress, normalizeTargets, targetAddresses, unknownTargets } from './targets.js';
