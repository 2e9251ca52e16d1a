import nock from 'nock';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createAwsClients } from '../../src/aws/client-factory.js';

const JSON_HEADERS = { 'content-type': 'application/x-amz-json-1.0' };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('client factory', () => {
  test('sends each service to the endpoint its variable in the injected env names', async () => {
    const voice = nock('http://voice.env.test').post('/').matchHeader('x-amz-target', 'VoiceID.ListDomains').reply(200, { DomainSummaries: [] }, JSON_HEADERS);
    const tag = nock('http://tag.env.test').post('/').matchHeader('x-amz-target', 'ResourceGroupsTaggingAPI_20170126.GetResources').reply(200, { ResourceTagMappingList: [] }, { 'content-type': 'application/x-amz-json-1.1' });
    const kms = nock('http://all.env.test').post('/').matchHeader('x-amz-target', 'TrentService.DescribeKey').reply(200, { KeyMetadata: { KeyId: 'k', Arn: 'arn:aws:kms:us-east-1:111122223333:key/k' } }, { 'content-type': 'application/x-amz-json-1.1' });
    const c = createAwsClients({
      env: {
        AWS_ENDPOINT_URL: 'http://all.env.test',
        AWS_ENDPOINT_URL_VOICE_ID: 'http://voice.env.test',
        AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API: 'http://tag.env.test',
        AWS_ACCESS_KEY_ID: 'a',
        AWS_SECRET_ACCESS_KEY: 'b',
        AWS_REGION: 'eu-west-2',
      },
    });
    await c.voiceId.listDomains({});
    await c.tagging.getResources({});
    await expect(c.kms.describeKey({ KeyId: 'alias/x' })).resolves.toMatchObject({ KeyMetadata: { Arn: 'arn:aws:kms:us-east-1:111122223333:key/k' } });
    expect([voice.isDone(), tag.isDone(), kms.isDone()]).toEqual([true, true, true]);
    expect(await c.region()).toBe('eu-west-2');
  });

  test('signs requests with the dummy local credentials in local mode', async () => {
    const scope = nock('http://127.0.0.1:4599').post('/').matchHeader('authorization', /Credential=AKIAVOICEIDLOCAL0000\/\d+\/us-east-1\/voiceid\//).reply(200, { DomainSummaries: [] }, JSON_HEADERS);
    const c = createAwsClients({ env: {}, localEndpoint: 'http://127.0.0.1:4599' });
    await c.voiceId.listDomains({});
    expect(scope.isDone()).toBe(true);
  });

  test('the SDK makes one attempt per pacer attempt (its own retries are off)', async () => {
    nock('http://voice.once.test').post('/').reply(500, { __type: 'InternalServerException', Message: 'x' }, JSON_HEADERS);
    nock('http://voice.once.test').post('/').reply(200, { DomainSummaries: [] }, JSON_HEADERS);
    const c = createAwsClients({ env: { AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' }, region: 'us-east-1', endpointUrl: 'http://voice.once.test', pacing: { sleep: async () => undefined } });
    await c.voiceId.listDomains({});
    expect(c.stats()).toEqual({ ListDomains: { calls: 2, throttles: 0, retries: 1, failures: 0, notFound: 0 } });
  });
});
