import { describe, expect, test } from 'vitest';
import { LOCAL_CREDENTIALS, resolveConnection } from '../../src/aws/client-config.js';

describe('AWS configuration from the injected env', () => {
  test('a service-specific endpoint variable beats AWS_ENDPOINT_URL for that service only', () => {
    const c = resolveConnection({ env: { AWS_ENDPOINT_URL: 'http://all:1', AWS_ENDPOINT_URL_VOICE_ID: 'http://voice:2' } });
    expect(c.endpoints).toEqual({ voiceId: 'http://voice:2', tagging: 'http://all:1', kms: 'http://all:1' });
  });

  test('each service reads its own variable', () => {
    const c = resolveConnection({ env: { AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API: 'http://tag:3', AWS_ENDPOINT_URL_KMS: 'http://kms:4' } });
    expect(c.endpoints).toEqual({ voiceId: undefined, tagging: 'http://tag:3', kms: 'http://kms:4' });
  });

  test('--endpoint-url overrides every variable for all three services', () => {
    const c = resolveConnection({ env: { AWS_ENDPOINT_URL_VOICE_ID: 'http://voice:2' }, endpointUrl: 'http://cli:9' });
    expect(c.endpoints).toEqual({ voiceId: 'http://cli:9', tagging: 'http://cli:9', kms: 'http://cli:9' });
  });

  test('the local emulator endpoint wins and brings dummy static credentials and a default Region', () => {
    const c = resolveConnection({ env: { AWS_ACCESS_KEY_ID: 'real', AWS_SECRET_ACCESS_KEY: 'real' }, localEndpoint: 'http://127.0.0.1:4599', endpointUrl: 'http://cli:9' });
    expect(c).toMatchObject({ region: 'us-east-1', credentials: LOCAL_CREDENTIALS, endpoints: { voiceId: 'http://127.0.0.1:4599', kms: 'http://127.0.0.1:4599' } });
  });

  test('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true drops the endpoint variables', () => {
    const c = resolveConnection({ env: { AWS_ENDPOINT_URL: 'http://all:1', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' } });
    expect(c).toMatchObject({ endpoints: { voiceId: undefined, tagging: undefined, kms: undefined }, ignoreConfiguredEndpointUrls: true });
  });

  test('without any endpoint the SDK keeps its own resolution (shared config endpoint_url)', () => {
    expect(resolveConnection({ env: {} }).ignoreConfiguredEndpointUrls).toBe(false);
  });

  test('the Region comes from the option, then AWS_REGION, then AWS_DEFAULT_REGION', () => {
    expect(resolveConnection({ env: { AWS_REGION: 'eu-west-2', AWS_DEFAULT_REGION: 'us-west-2' }, region: 'ca-central-1' }).region).toBe('ca-central-1');
    expect(resolveConnection({ env: { AWS_REGION: 'eu-west-2', AWS_DEFAULT_REGION: 'us-west-2' } }).region).toBe('eu-west-2');
    expect(resolveConnection({ env: { AWS_DEFAULT_REGION: 'us-west-2' } }).region).toBe('us-west-2');
  });

  test('key variables of the env become static credentials, session token included', () => {
    const c = resolveConnection({ env: { AWS_ACCESS_KEY_ID: 'AKID', AWS_SECRET_ACCESS_KEY: 'S', AWS_SESSION_TOKEN: 'T' } });
    expect(c.credentials).toEqual({ accessKeyId: 'AKID', secretAccessKey: 'S', sessionToken: 'T' });
  });

  test('an explicit --profile leaves credentials to the SDK chain for that profile', () => {
    const c = resolveConnection({ env: { AWS_ACCESS_KEY_ID: 'AKID', AWS_SECRET_ACCESS_KEY: 'S', AWS_PROFILE: 'env-profile' }, profile: 'cli-profile' });
    expect(c).toMatchObject({ profile: 'cli-profile' });
    expect(c.credentials).toBeUndefined();
  });

  test('AWS_PROFILE names the profile when no option does', () => {
    expect(resolveConnection({ env: { AWS_PROFILE: 'ops' } }).profile).toBe('ops');
  });
});
