/** src/aws: the only importer of @aws-sdk/* outside the emulator. Everything else imports from here. */
export type * from './api.js';
export type { CallStats, OperationStats } from './call-stats.js';
export { diffStats, totalStats } from './call-stats.js';
export { createAwsClients } from './client-factory.js';
export type { AwsClientOptions, AwsClients } from './client-factory.js';
export { resolveConnection, LOCAL_CREDENTIALS, ENDPOINT_ENV } from './client-config.js';
export type { AwsConnectionOptions, Env, ResolvedConnection } from './client-config.js';
export { createPacer, backoffDelay, DEFAULT_RETRY_POLICY } from './pacer.js';
export type { CallContext, Pacer, PacerOptions, RetryPolicy } from './pacer.js';
export { createRateLimiter, realSleep } from './rate-limiter.js';
export type { Clock, RateLimitOptions, RateLimiter, Sleep } from './rate-limiter.js';
export { classifyAwsError, errorFacts, retryKind, VOICE_ID_END_OF_SUPPORT } from './errors.js';
export type { RetryKind } from './errors.js';
export { collect, pages, tokenArg } from './paginate.js';
export { Answers, recordAnswers } from './answers.js';
export type { DomainAnswers, JobKind } from './answers.js';
