/**
 * Pure resolution of the standard AWS configuration from an INJECTED environment (the CLI's `deps.env`), so a
 * test's env, not the test runner's process.env, decides where calls go. Precedence per service, highest first:
 * `local` emulator endpoint, explicit `--endpoint-url`, `AWS_ENDPOINT_URL_<SERVICE_ID>`, `AWS_ENDPOINT_URL`
 * (the SDK's own order, see @smithy/core getEndpointUrlConfig), then the SDK default (which may still read
 * `endpoint_url` from the shared config file of the profile).
 */

export type Env = Readonly<Record<string, string | undefined>>;

export type ServiceKey = 'voiceId' | 'tagging' | 'kms';

/** The SDK service ids, upper-cased with `_`, give the env variable suffix. */
export const ENDPOINT_ENV: Readonly<Record<ServiceKey, string>> = {
  voiceId: 'AWS_ENDPOINT_URL_VOICE_ID',
  tagging: 'AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API',
  kms: 'AWS_ENDPOINT_URL_KMS',
};

export interface AwsConnectionOptions {
  readonly env: Env;
  readonly region?: string;
  readonly profile?: string;
  /** One endpoint for all three services (`--endpoint-url`). */
  readonly endpointUrl?: string;
  /** The in-process emulator's endpoint (`--local`): dummy static credentials are used. */
  readonly localEndpoint?: string;
}

export interface StaticCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface ResolvedConnection {
  readonly region?: string;
  readonly profile?: string;
  readonly endpoints: Readonly<Record<ServiceKey, string | undefined>>;
  /** Set when the env (or local mode) gives credentials directly; otherwise the SDK's default chain runs. */
  readonly credentials?: StaticCredentials;
  /** True when the SDK must not look for endpoints of its own (we resolved them, or the env says so). */
  readonly ignoreConfiguredEndpointUrls: boolean;
}

/** Credentials the emulator accepts; never valid anywhere else. */
export const LOCAL_CREDENTIALS: StaticCredentials = { accessKeyId: 'AKIAVOICEIDLOCAL0000', secretAccessKey: 'voiceid-gitops-local-emulator' };
export const LOCAL_DEFAULT_REGION = 'us-east-1';

export function resolveConnection(o: AwsConnectionOptions): ResolvedConnection {
  const env = o.env;
  const nonEmpty = (v: string | undefined): string | undefined => (v && v.trim() !== '' ? v.trim() : undefined);
  const ignoreEnv = nonEmpty(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS)?.toLowerCase() === 'true';
  const endpointFor = (key: ServiceKey): string | undefined =>
    nonEmpty(o.localEndpoint) ??
    nonEmpty(o.endpointUrl) ??
    (ignoreEnv ? undefined : nonEmpty(env[ENDPOINT_ENV[key]]) ?? nonEmpty(env.AWS_ENDPOINT_URL));
  const endpoints = { voiceId: endpointFor('voiceId'), tagging: endpointFor('tagging'), kms: endpointFor('kms') };
  const region = nonEmpty(o.region) ?? nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION) ?? (o.localEndpoint ? LOCAL_DEFAULT_REGION : undefined);
  const profile = nonEmpty(o.profile) ?? nonEmpty(env.AWS_PROFILE);
  return {
    ...(region ? { region } : {}),
    ...(profile ? { profile } : {}),
    endpoints,
    ...credentialsFrom(o, env),
    ignoreConfiguredEndpointUrls: ignoreEnv || Object.values(endpoints).some((e) => e !== undefined),
  };
}

function credentialsFrom(o: AwsConnectionOptions, env: Env): { credentials?: StaticCredentials } {
  if (o.localEndpoint) return { credentials: LOCAL_CREDENTIALS };
  // An explicit --profile wins over key variables, as in the AWS CLI.
  if (o.profile) return {};
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) return {};
  const sessionToken = env.AWS_SESSION_TOKEN;
  return { credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } };
}
