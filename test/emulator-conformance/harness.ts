/**
 * Conformance harness: starts the local Voice ID emulator in-process and builds the REAL AWS SDK clients against
 * it, so every test sees exactly what an SDK user would see (typed exceptions, Date timestamps, paginators).
 * Expected values in the tests are written by hand from ../shared/reference, never computed by the emulator.
 */
import { expect } from 'vitest';
import { CreateDomainCommand, ResourceNotFoundException, ServiceQuotaExceededException, VoiceIDClient } from '@aws-sdk/client-voice-id';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { KMSClient } from '@aws-sdk/client-kms';
import { startEmulator } from '../../src/emulator/index.js';
import type { EmulatorOptions, RunningEmulator } from '../../src/emulator/index.js';
import { perTest } from '../helpers/per-test.js';
import type { PerTest } from '../helpers/per-test.js';

export const REGION = 'us-east-1';
/** Default seeded KMS keys of the emulator contract (they exist with no setup). */
export const KEY_1 = '1234abcd-12ab-34cd-56ef-1234567890ab';
export const KEY_2 = '0987dcba-09fe-87dc-65ba-ab0987654321';
export const KEY_JOBS = '11112222-3333-4444-5555-666677778888';
export const KEY_1_ARN = `arn:aws:kms:us-east-1:111122223333:key/${KEY_1}`;
export const KEY_2_ARN = `arn:aws:kms:us-east-1:111122223333:key/${KEY_2}`;
export const ROLE_ARN = 'arn:aws:iam::111122223333:role/VoiceIdBatch';
/** 2026-11-21T10:00:00Z: a whole second, so epoch-second timestamps compare exactly. */
export const T0 = Date.UTC(2026, 10, 21, 10, 0, 0);

export const ID22 = /^[a-zA-Z0-9]{22}$/;
export const GENERATED_ID = /^id#[a-zA-Z0-9]{22}$/;

const credentials = { accessKeyId: 'AKIDCONFORMANCE', secretAccessKey: 'conformance-secret' };

/** A clock the test moves by hand: time-based transitions happen without sleeping. */
export interface FakeClock {
  readonly now: () => number;
  advance(ms: number): void;
}

export function fakeClock(start: number = T0): FakeClock {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}

export interface Harness {
  readonly emulator: RunningEmulator;
  readonly clock: FakeClock;
  /** SDK defaults (standard retries): what the reconciler uses. */
  readonly voiceId: VoiceIDClient;
  /** maxAttempts 1: raw errors (throttling, 500, dropped sockets) are seen as they are, no retry sleeps. */
  readonly raw: VoiceIDClient;
  readonly tagging: ResourceGroupsTaggingAPIClient;
  readonly kms: KMSClient;
  close(): Promise<void>;
}

export interface ClientOptions {
  readonly maxAttempts?: number;
}

export function voiceIdClient(endpoint: string, opts: ClientOptions = {}): VoiceIDClient {
  return new VoiceIDClient({ endpoint, region: REGION, credentials, ...opts });
}

export function taggingClient(endpoint: string, opts: ClientOptions = {}): ResourceGroupsTaggingAPIClient {
  return new ResourceGroupsTaggingAPIClient({ endpoint, region: REGION, credentials, maxAttempts: 1, ...opts });
}

export function kmsClient(endpoint: string, opts: ClientOptions = {}): KMSClient {
  return new KMSClient({ endpoint, region: REGION, credentials, maxAttempts: 1, ...opts });
}

/** Starts an emulator on an ephemeral loopback port with a fake clock (unless the test passes its own `now`). */
export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const clock = fakeClock();
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1', now: clock.now, ...options });
  const voiceId = voiceIdClient(emulator.endpoint);
  const raw = voiceIdClient(emulator.endpoint, { maxAttempts: 1 });
  const tagging = taggingClient(emulator.endpoint);
  const kms = kmsClient(emulator.endpoint);
  return {
    emulator,
    clock,
    voiceId,
    raw,
    tagging,
    kms,
    close: async () => {
      for (const c of [voiceId, raw, tagging, kms]) c.destroy();
      await emulator.close();
    },
  };
}

/** Runs `call`, expecting it to reject; returns the error so the test can assert on it. */
export async function failure(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

export interface ExpectedError {
  readonly name: string;
  readonly status?: number;
  readonly conflictType?: string;
  readonly resourceType?: string;
}

/** The error as the SDK surfaces it: a typed exception instance with name, status and typed members. */
export async function expectSdkError<T>(
  call: Promise<unknown>,
  type: abstract new (...args: never[]) => T,
  expected: ExpectedError,
): Promise<T & { readonly message: string; readonly Message?: string }> {
  const e = await failure(call);
  expect(e).toBeInstanceOf(type);
  const err = e as T & {
    readonly name: string;
    readonly message: string;
    readonly Message?: string;
    readonly ConflictType?: string;
    readonly ResourceType?: string;
    readonly $metadata: { readonly httpStatusCode?: number };
  };
  expect(err.name).toBe(expected.name);
  if (expected.status !== undefined) expect(err.$metadata.httpStatusCode).toBe(expected.status);
  if (expected.conflictType !== undefined) expect(err.ConflictType).toBe(expected.conflictType);
  if (expected.resourceType !== undefined) expect(err.ResourceType).toBe(expected.resourceType);
  expect(typeof err.message).toBe('string');
  expect(err.message.length).toBeGreaterThan(0);
  return err;
}

/** HTTP status per error shape: the Smithy model's @httpError codes (voice-id-constraints.md §3). */
export const STATUS = {
  ValidationException: 400,
  AccessDeniedException: 403,
  ResourceNotFoundException: 404,
  ConflictException: 409,
  ServiceQuotaExceededException: 402,
  ThrottlingException: 429,
  InternalServerException: 500,
} as const;

export function domainArn(domainId: string): string {
  return `arn:aws:voiceid:us-east-1:111122223333:domain/${domainId}`;
}

/** Creates an ACTIVE domain through the real CreateDomain call and returns its id. */
export async function createDomain(
  h: Pick<Harness, 'voiceId'>,
  name = 'conformance-domain',
  extra: { readonly description?: string; readonly kmsKeyId?: string; readonly tags?: Readonly<Record<string, string>> } = {},
): Promise<string> {
  const out = await h.voiceId.send(
    new CreateDomainCommand({
      Name: name,
      Description: extra.description,
      ServerSideEncryptionConfiguration: { KmsKeyId: extra.kmsKeyId ?? KEY_1 },
      Tags: extra.tags ? Object.entries(extra.tags).map(([Key, Value]) => ({ Key, Value })) : undefined,
    }),
  );
  const id = out.Domain?.DomainId;
  if (id === undefined) throw new Error('CreateDomain returned no DomainId');
  return id;
}

/** The file's harness: one started before each test with these options, closed after it (`h.start` replaces it). */
export function harnessPerTest(options: EmulatorOptions = {}): PerTest<Harness, EmulatorOptions | undefined> {
  return perTest(startHarness, (h) => h.close(), { beforeEach: options });
}

/** The file's harness for tests that each start their own (`await h.start({ ...options })`), closed after it. */
export function harnessStartedByEachTest(): PerTest<Harness, EmulatorOptions | undefined> {
  return perTest(startHarness, (h) => h.close());
}

/** The call fails as Voice ID answers an unknown resource of this ResourceType (voice-id-constraints.md §3). */
export async function expectNotFound(call: Promise<unknown>, resourceType: string): Promise<void> {
  await expectSdkError(call, ResourceNotFoundException, { name: 'ResourceNotFoundException', status: STATUS.ResourceNotFoundException, resourceType });
}

/** The call fails as Voice ID answers a request over one of its resource quotas. */
export async function expectQuotaExceeded(call: Promise<unknown>): Promise<void> {
  await expectSdkError(call, ServiceQuotaExceededException, { name: 'ServiceQuotaExceededException', status: STATUS.ServiceQuotaExceededException });
}
