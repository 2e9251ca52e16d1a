/**
 * What an AWS SDK failure means: retryable or not (retry loop), and the one-line GitopsError the user sees
 * (source 'aws', operation, AWS error code and request id kept in `options.aws`). Classification reads only
 * plain fields (`name`, `code`, `$metadata`, `$fault`), so it works for SDK exceptions, Node socket errors and
 * hand-made test errors alike. No stack trace ever reaches the user for an AWS error.
 */
import type { RerunHint } from '../model/command-line.js';
import { GitopsError } from '../model/errors.js';
import { maskSpeakerId } from '../model/sensitive.js';

/** AWS ended support for Amazon Connect Voice ID on this date (voice-id-facts.md §1). */
export const VOICE_ID_END_OF_SUPPORT = '2026-05-20';
const EOS_URL = 'https://docs.aws.amazon.com/connect/latest/adminguide/amazonconnect-voiceid-end-of-support.html';

/** Regions where Voice ID was offered (voice-id-facts.md §6). */
export const VOICE_ID_REGIONS = ['ap-northeast-1', 'ap-southeast-1', 'ap-southeast-2', 'ca-central-1', 'eu-central-1', 'eu-west-2', 'us-east-1', 'us-west-2'];

const THROTTLING_CODES = new Set([
  'ThrottlingException', 'ThrottledException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded',
  'RequestThrottled', 'RequestThrottledException', 'SlowDown', 'ProvisionedThroughputExceededException',
]);
/** Node socket faults seen when a server drops the connection or the body is cut short. */
const NETWORK_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE', 'UND_ERR_SOCKET']);
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN']);
const NETWORK_MESSAGES = /socket hang up|aborted|premature close|ECONNRESET|Unexpected end of JSON input|Unterminated string|end of data|Deserialization error/i;
const END_OF_SUPPORT_MESSAGES = /end of support|end-of-support|no longer (available|supported|accessible|offered)|discontinued|has been retired/i;

export interface ErrorFacts {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly httpStatus?: number;
  readonly requestId?: string;
  readonly fault?: string;
  readonly hostname?: string;
  /** The peer of a failed connection (Node socket errors). */
  readonly address?: string;
  readonly port?: number;
}

/** Reads what any thrown value says about itself, without trusting its type. */
export function errorFacts(e: unknown): ErrorFacts {
  const o = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
  const meta = (o.$metadata ?? {}) as Record<string, unknown>;
  const cause = (typeof o.cause === 'object' && o.cause !== null ? o.cause : {}) as Record<string, unknown>;
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  const status = typeof meta.httpStatusCode === 'number' ? meta.httpStatusCode : undefined;
  return {
    name: str(o.name) ?? str(o.Code) ?? 'Error',
    message: oneLine(str(o.message) ?? str(o.Message) ?? String(e)),
    code: str(o.code) ?? str(cause.code),
    httpStatus: status,
    requestId: str(meta.requestId) ?? str(meta.extendedRequestId),
    fault: str(o.$fault),
    hostname: str(o.hostname) ?? str(cause.hostname),
    address: str(o.address) ?? str(cause.address),
    port: typeof o.port === 'number' ? o.port : typeof cause.port === 'number' ? cause.port : undefined,
  };
}

export type RetryKind = 'throttle' | 'transient';

/** Throttles, 5xx answers and dropped or truncated responses are retried with the same input; nothing else. */
export function retryKind(e: unknown): RetryKind | undefined {
  const f = errorFacts(e);
  if (THROTTLING_CODES.has(f.name) || f.httpStatus === 429) return 'throttle';
  if (f.code && DNS_CODES.has(f.code)) return undefined;
  if (f.httpStatus !== undefined && f.httpStatus >= 500) return 'transient';
  if (f.name === 'InternalServerException' || f.name === 'ServiceUnavailableException' || f.name === 'InternalFailure') return 'transient';
  if (f.name === 'TimeoutError' || f.name === 'RequestTimeout' || f.name === 'RequestTimeoutException') return 'transient';
  if (f.code && NETWORK_CODES.has(f.code)) return 'transient';
  // A body cut short surfaces as a JSON parse failure with the (2xx) response attached, or as 'aborted'.
  if (f.fault !== 'client' && NETWORK_MESSAGES.test(f.message)) return 'transient';
  return undefined;
}

export interface ClassifyContext {
  /** Operation name as AWS spells it, e.g. `ListDomains`. */
  readonly operation: string;
  /** IAM service prefix: `voiceid`, `tag` or `kms`. */
  readonly service: 'voiceid' | 'tag' | 'kms';
  readonly region?: string;
  /** The shared-config profile the credentials come from (--profile / AWS_PROFILE), named in credential errors. */
  readonly profile?: string;
  /** Values that must not appear in messages (customer speaker ids), replaced by `mask(value)` (default maskSpeakerId). */
  readonly redact?: readonly string[];
  readonly mask?: (value: string) => string;
  /** The hint of AWS_QUOTA_EXCEEDED instead of the service's quotas (the embedded emulator's can be raised). */
  readonly quotaHint?: string;
  /** The run's command changed as a hint says (the CLI's), so a hint prints the user's own command line. */
  readonly rerun?: (hint: RerunHint) => string;
  /** The endpoint URL the call went to, named in network failures. */
  readonly endpoint?: string;
  /** Retries were exhausted (the message says so). */
  readonly attempts?: number;
  readonly now?: () => number;
}

export function classifyAwsError(e: unknown, ctx: ClassifyContext): GitopsError {
  if (e instanceof GitopsError) return e;
  const f = errorFacts(e);
  const c: Classifier = {
    f,
    ctx,
    what: `${serviceLabel(ctx.service)} ${ctx.operation}`,
    tail: f.requestId ? ` (${f.name}, request id ${f.requestId})` : ` (${f.name})`,
    make: (code, message, hint) =>
      new GitopsError(code, redact(message, ctx), 'aws', {
        aws: { operation: ctx.operation, awsCode: f.code && !f.name.endsWith('Exception') ? f.code : f.name, requestId: f.requestId, httpStatus: f.httpStatus },
        cause: e,
        ...hintOptions(hint, ctx),
      }),
  };
  if (/region is missing/i.test(f.message)) {
    return new GitopsError('AWS_NO_REGION', 'no AWS Region configured', 'user', { ...hintOptions(REGION_HINT, ctx), cause: e });
  }
  return byEnvironment(c) ?? byNetwork(c) ?? byCode(c) ?? byRetryKind(c, retryKind(e));
}

interface Classifier {
  readonly f: ErrorFacts;
  readonly ctx: ClassifyContext;
  /** e.g. `Voice ID ListDomains`. */
  readonly what: string;
  /** ` (AwsCode, request id X)`. */
  readonly tail: string;
  make(code: string, message: string, hint?: string | RerunHint): GitopsError;
}

/** A command hint is filled in here when the CLI gave `rerun`, else by the CLI when it prints the error. */
function hintOptions(hint: string | RerunHint | undefined, ctx: ClassifyContext): { hint?: string; rerun?: RerunHint } {
  if (hint === undefined) return {};
  if (typeof hint === 'string') return { hint };
  return ctx.rerun ? { hint: ctx.rerun(hint) } : { rerun: hint };
}

const REGION_HINT: RerunHint = {
  add: ['--region', 'us-east-1'],
  say: (c) => `Voice ID was offered in ${VOICE_ID_REGIONS.join(', ')}: set region: in the YAML, or AWS_REGION, or pass one: ${c}`,
};

/** The same command again, once the cause is fixed. */
const again = (before: string): RerunHint => ({ say: (c) => `${before}, then run ${c} again` });
const LOCAL: RerunHint = { add: ['--local'], drop: ['--endpoint-url', '--profile'], say: (c) => `or run against the embedded emulator: ${c}` };

/** Credentials, end of support, and Regions without Voice ID: problems of the setup, not of one request. */
function byEnvironment({ f, ctx, what, tail, make }: Classifier): GitopsError | undefined {
  if (f.name === 'CredentialsProviderError' || /could not load credentials|missing credentials/i.test(f.message)) {
    const profile = ctx.profile;
    if (profile !== undefined) {
      return make(
        'AWS_NO_CREDENTIALS',
        `no AWS credentials found for ${what} with profile "${profile}"`,
        again(`check that profile "${profile}" exists in ~/.aws/config or ~/.aws/credentials (or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE) and has credentials or an SSO session (\`aws sso login --profile ${profile}\`)`),
      );
    }
    return make('AWS_NO_CREDENTIALS', `no AWS credentials found for ${what}`, { ...LOCAL, say: (c) => `configure credentials (AWS_PROFILE, environment variables, SSO or OIDC in CI), ${LOCAL.say(c)}` });
  }
  if (['UnrecognizedClientException', 'InvalidSignatureException', 'ExpiredTokenException', 'InvalidClientTokenId', 'ExpiredToken'].includes(f.name)) {
    return make('AWS_INVALID_CREDENTIALS', `${what}: the AWS credentials were rejected${tail}`, again(`refresh the credentials (an expired session? \`aws sso login${ctx.profile ? ` --profile ${ctx.profile}` : ''}\`)`));
  }
  if (ctx.service === 'voiceid' && END_OF_SUPPORT_MESSAGES.test(f.message)) {
    return make('AWS_VOICE_ID_ENDED', `${what}: Voice ID answered that it is no longer available: ${f.message}${tail}; AWS ended support for Amazon Connect Voice ID on ${VOICE_ID_END_OF_SUPPORT}`, { as: ['export'], keepPaths: true, add: ['--out', 'voiceid-export.yaml'], say: (c) => `see ${EOS_URL}; ${c} backs up what is still readable` });
  }
  if ((f.name === 'UnknownEndpoint' || /unknown endpoint|could not resolve endpoint/i.test(f.message)) && !offersVoiceId(ctx.region)) {
    return make('AWS_REGION_UNSUPPORTED', `${what}: no endpoint for this region${tail}`, REGION_HINT);
  }
  return undefined;
}

const NO_ROUTE_CODES = new Set(['ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL', 'ENETDOWN', 'EHOSTDOWN']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT']);
const TLS_CODES = /^(CERT_|ERR_TLS_|ERR_SSL_|EPROTO$|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|UNABLE_TO_(VERIFY|GET_ISSUER)|HOSTNAME_MISMATCH$)/;

/** The port of `host:port` or a URL (the emulator's default when none). */
function portOf(endpoint: string): string {
  return endpoint.match(/:(\d+)\/?$/)?.[1] ?? '4599';
}

/** Whether Voice ID was offered in this Region (unknown Region: assume it was, and say what failed instead). */
function offersVoiceId(region: string | undefined): boolean {
  return region === undefined || VOICE_ID_REGIONS.includes(region);
}

/** The host a call went to: the endpoint URL's, else the one the socket error names. */
function endpointOf(f: ErrorFacts, ctx: ClassifyContext): string {
  if (ctx.endpoint) return ctx.endpoint;
  const host = f.hostname ?? hostIn(f.message) ?? f.address;
  return host ? `${host}${f.port !== undefined ? `:${f.port}` : ''}` : 'the endpoint';
}

/**
 * Failures before any answer, told apart so the hint fits: no DNS answer at all (offline), a name that does not
 * exist (a Region without Voice ID only when the Region really is not one of Voice ID's), no route, nothing
 * listening, a timeout, a TLS handshake that failed. Each names the endpoint.
 */
function byNetwork({ f, ctx, what, make }: Classifier): GitopsError | undefined {
  if (f.httpStatus !== undefined) return undefined;
  const code = f.code ?? '';
  const endpoint = endpointOf(f, ctx);
  const retried = ctx.attempts !== undefined && ctx.attempts > 1 ? ` after ${ctx.attempts} attempts` : '';
  if (DNS_CODES.has(code)) {
    const host = f.hostname ?? hostIn(f.message);
    const region = host?.match(/^voiceid(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com/)?.[1];
    if (ctx.service === 'voiceid' && region !== undefined && !VOICE_ID_REGIONS.includes(region)) {
      return make('AWS_REGION_UNSUPPORTED', `Voice ID is not available in region ${region}: ${host} does not resolve`, REGION_HINT);
    }
    if (code === 'EAI_AGAIN') {
      return make('AWS_DNS', `${what} failed: no DNS answer for ${host ?? endpoint} (EAI_AGAIN): this machine cannot reach a DNS server`, { ...LOCAL, say: (c) => `check the network connection (offline? VPN?), ${LOCAL.say(c)}` });
    }
    return make('AWS_DNS', `${what} failed: ${host ?? endpoint} does not resolve (ENOTFOUND)`, again('check the host name of --endpoint-url / AWS_ENDPOINT_URL*, the Region, and the network\'s DNS'));
  }
  if (NO_ROUTE_CODES.has(code)) {
    return make('AWS_NO_ROUTE', `${what} failed: no route to ${endpoint} (${code})${retried}`, again('check the network connection, VPN, proxy or firewall route to that host'));
  }
  if (code === 'ECONNREFUSED') {
    return make('AWS_CONNECTION_REFUSED', `${what} failed: ${endpoint} refused the connection (ECONNREFUSED)`, `nothing listens there: start the emulator (\`voiceid-gitops emulator --port ${portOf(endpoint)}\`), or fix --endpoint-url / AWS_ENDPOINT_URL*`);
  }
  // The SDK also names a reset connection TimeoutError (to retry it): that one is AWS_NETWORK.
  if (TIMEOUT_CODES.has(code) || (f.name === 'TimeoutError' && !NETWORK_CODES.has(code))) {
    return make('AWS_TIMEOUT', `${what} failed: ${endpoint} did not answer in time (${code || f.name})${retried}`, again('check the network, proxy or firewall (a silently dropped connection times out)'));
  }
  if (TLS_CODES.test(code)) {
    return make('AWS_TLS', `${what} failed: the TLS handshake with ${endpoint} failed: ${f.message} (${code})`, { say: (c) => `behind a TLS-inspecting proxy, give Node its CA: \`NODE_EXTRA_CA_CERTS=/path/to/proxy-ca.pem ${c.slice(1)}; otherwise check that the endpoint is the host it claims to be` });
  }
  return undefined;
}

/** The service's declared error shapes. */
function byCode({ f, ctx, what, tail, make }: Classifier): GitopsError | undefined {
  switch (f.name) {
    case 'AccessDeniedException':
    case 'AccessDenied':
    case 'UnauthorizedOperation': {
      const permission = f.message.match(/perform:?\s+([a-z0-9-]+:[A-Za-z0-9]+)/)?.[1] ?? `${ctx.service}:${ctx.operation}`;
      const afterEos = (ctx.now ?? Date.now)() >= Date.parse(`${VOICE_ID_END_OF_SUPPORT}T00:00:00Z`);
      const eos = ctx.service === 'voiceid' && afterEos ? `; AWS ended support for Voice ID on ${VOICE_ID_END_OF_SUPPORT}, so an account may have lost access altogether (${EOS_URL})` : '';
      return make('AWS_ACCESS_DENIED', `access denied to ${what}: missing permission ${permission}${tail}`, { as: ['iam-policy', '--mode', 'apply'], drop: ['--local', '--local-state', '--local-max-domains', '--profile', '--endpoint-url', '--root'], say: (c) => `grant ${permission} to the caller's IAM role (${c} prints the policy)${eos}` });
    }
    case 'ValidationException':
    case 'InvalidParameterException':
      return make('AWS_VALIDATION', `${what} rejected the request: ${f.message}${tail}`);
    case 'ResourceNotFoundException':
    case 'NotFoundException':
      return make('AWS_NOT_FOUND', `${what}: not found: ${f.message}${tail}`);
    case 'ConflictException':
      return make('AWS_CONFLICT', `${what}: conflict: ${f.message}${tail}`, { as: ['plan'], keepPaths: true, say: (c) => `the resource is busy or changed meanwhile: plan again with ${c}` });
    case 'ServiceQuotaExceededException':
      return make('AWS_QUOTA_EXCEEDED', `${what}: service quota exceeded: ${f.message}${tail}`, ctx.quotaHint ?? 'Voice ID quotas: 3 domains per account, 100,000 speakers per domain, 3 watchlists per domain (ask AWS for an increase)');
    default:
      return undefined;
  }
}

/** What is left once retries ran out: throttling, server faults, the network; anything else as it came. */
function byRetryKind({ f, ctx, what, tail, make }: Classifier, kind: RetryKind | undefined): GitopsError {
  const retried = ctx.attempts !== undefined && ctx.attempts > 1 ? ` after ${ctx.attempts} attempts` : '';
  if (kind === 'throttle') {
    return make('AWS_THROTTLED', `${what} was still throttled${retried}${tail}`, { add: ['--concurrency', '4'], say: (c) => `lower the concurrency: ${c} (or ask AWS for a higher quota)` });
  }
  if (kind === 'transient' && f.httpStatus !== undefined && f.httpStatus >= 500) {
    return make('AWS_SERVICE_ERROR', `${what} failed with HTTP ${f.httpStatus}${retried}: ${f.message}${tail}`, again('a service-side fault: wait a few minutes'));
  }
  if (kind === 'transient' || f.code === 'ECONNREFUSED') {
    const why = DESERIALIZATION.test(f.message) ? `the response was cut short (${f.message.replace(DESERIALIZATION, '').trim()})` : f.message;
    return make('AWS_NETWORK', `${what} failed${retried}: ${why}${f.code ? ` (${f.code})` : ''}`, again('check the network and the endpoint'));
  }
  return make('AWS_ERROR', `${what} failed: ${f.message}${tail}`);
}

const DESERIALIZATION = /\s*Deserialization error: to see the raw response.*$/;

function serviceLabel(s: ClassifyContext['service']): string {
  return s === 'voiceid' ? 'Voice ID' : s === 'tag' ? 'Resource Groups Tagging' : 'KMS';
}

function hostIn(message: string): string | undefined {
  return message.match(/(?:ENOTFOUND|EAI_AGAIN)\s+([A-Za-z0-9.-]+)/)?.[1];
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function redact(message: string, ctx: ClassifyContext): string {
  let out = message;
  for (const v of ctx.redact ?? []) if (v) out = out.split(v).join((ctx.mask ?? maskSpeakerId)(v));
  return out;
}
