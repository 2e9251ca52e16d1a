import { describe, expect, test } from 'vitest';
import { backoffDelay, createPacer, DEFAULT_RETRY_POLICY } from '../../src/aws/pacer.js';
import { GitopsError } from '../../src/model/errors.js';
import { KEY_1_ARN, startFixture } from '../live/emulator-fixture.js';
import { virtualClock } from './virtual-clock.js';

const throttle = (): Error => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 429, requestId: 'r-throttle' }, $fault: 'client' });
const serverError = (): Error => Object.assign(new Error('boom'), { name: 'InternalServerException', $metadata: { httpStatusCode: 500 }, $fault: 'server' });
const reset = (): Error => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
const validation = (): Error => Object.assign(new Error('bad DomainId'), { name: 'ValidationException', $metadata: { httpStatusCode: 400, requestId: 'r-val' }, $fault: 'client' });

/** A send that fails with the given errors in turn, then succeeds. */
function flaky<T>(failures: (() => Error)[], result: T) {
  let n = 0;
  return async (): Promise<T> => {
    const f = failures[n++];
    if (f) throw f();
    return result;
  };
}

describe('pacer retries', () => {
  test('retries throttles, 5xx and dropped sockets, then returns the result', async () => {
    const clock = virtualClock();
    const pacer = createPacer({ now: clock.now, sleep: clock.sleep, random: () => 0.5 });
    const result = await clock.run(pacer.call({ service: 'voiceid', operation: 'DescribeDomain' }, flaky([throttle, serverError, reset], 'ok')));
    expect(result).toBe('ok');
    expect(pacer.stats()).toEqual({ DescribeDomain: { calls: 4, throttles: 1, retries: 3, failures: 0, notFound: 0 } });
  });

  test('a CreateDomain whose answer was lost after the service acted is retried with its ClientToken: one domain', async () => {
    // Seed 8 draws 0.156 then 0.625: the first attempt is acted on and its connection dropped, the retry answers.
    const fx = await startFixture({ faults: { operations: ['CreateDomain'], dropAfterActionRate: 0.5, seed: 8 } });
    try {
      const created = await fx.aws.voiceId.createDomain({ Name: 'd', ServerSideEncryptionConfiguration: { KmsKeyId: KEY_1_ARN }, Tags: [], ClientToken: 'tok-1' });
      expect(fx.aws.stats().CreateDomain).toMatchObject({ calls: 2, retries: 1, failures: 0 });
      const listed = await fx.aws.voiceId.listDomains({});
      expect(listed.DomainSummaries?.map((d) => d.DomainId)).toEqual([created.Domain?.DomainId]);
    } finally {
      await fx.close();
    }
  });

  test('backs off with full jitter, doubling the ceiling per retry up to the cap', () => {
    const policy = { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5, 9].map((r) => backoffDelay(r, policy, () => 0.5))).toEqual([50, 100, 200, 400, 500, 500]);
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
  });

  test('sleeps the jittered backoff between attempts (and never for real)', async () => {
    const clock = virtualClock();
    const pacer = createPacer({ now: clock.now, sleep: clock.sleep, random: () => 0.5, rateLimits: { scale: 0 } });
    await clock.run(pacer.call({ service: 'voiceid', operation: 'ListWatchlists' }, flaky([throttle, throttle, throttle], 'ok')));
    expect(clock.sleeps).toEqual([50, 100, 200]);
    expect(clock.now()).toBe(350);
  });

  test('gives up after the last attempt with AWS_THROTTLED', async () => {
    const clock = virtualClock();
    const pacer = createPacer({ now: clock.now, sleep: clock.sleep, random: () => 0.1, retry: { maxAttempts: 3 }, rateLimits: { scale: 0 } });
    const failing = clock.run(pacer.call({ service: 'voiceid', operation: 'ListDomains' }, flaky([throttle, throttle, throttle, throttle], 'x')));
    await expect(failing).rejects.toMatchObject({ code: 'AWS_THROTTLED', source: 'aws', options: { aws: { operation: 'ListDomains', awsCode: 'ThrottlingException', requestId: 'r-throttle' } } });
    expect(pacer.stats().ListDomains).toEqual({ calls: 3, throttles: 3, retries: 2, failures: 1, notFound: 0 });
  });

  test('a paced operation gives a throttled call three times the attempts (its rate is being found)', async () => {
    const clock = virtualClock();
    const pacer = createPacer({ now: clock.now, sleep: clock.sleep, random: () => 0.1, retry: { maxAttempts: 3 } });
    const failing = clock.run(pacer.call({ service: 'voiceid', operation: 'ListDomains' }, flaky(Array.from({ length: 12 }, () => throttle), 'x')));
    await expect(failing).rejects.toMatchObject({ code: 'AWS_THROTTLED' });
    expect(pacer.stats().ListDomains).toMatchObject({ calls: 9, throttles: 9, failures: 1 });
  });

  test('does not retry a validation error', async () => {
    const clock = virtualClock();
    const pacer = createPacer({ now: clock.now, sleep: clock.sleep });
    const failing = clock.run(pacer.call({ service: 'voiceid', operation: 'DescribeDomain' }, flaky([validation], 'x')));
    await expect(failing).rejects.toBeInstanceOf(GitopsError);
    await expect(failing).rejects.toMatchObject({ code: 'AWS_VALIDATION' });
    expect(pacer.stats().DescribeDomain).toMatchObject({ calls: 1, retries: 0, failures: 1 });
  });

  test('paces retries through the operation bucket, whose rate each throttle lowers, instead of a backoff', async () => {
    const clock = virtualClock();
    const pacer = createPacer({ now: clock.now, sleep: clock.sleep, random: () => 0.5 });
    await clock.run(pacer.call({ service: 'voiceid', operation: 'ListDomains' }, flaky([throttle, throttle], 'ok')));
    // ListDomains: 2 TPS, burst 2. Attempts 1 and 2 use the burst at t=0 and are throttled: one event, 2 x 0.7 = 1.4
    // TPS, so the third waits one token at 1.4 TPS.
    expect(clock.now()).toBeCloseTo(1000 / 1.4);
    expect(pacer.limiter.rate('ListDomains')).toBeLessThan(2);
  });

  test('keeps at most maxConcurrency calls in flight', async () => {
    const clock = virtualClock();
    const pacer = createPacer({ now: clock.now, sleep: clock.sleep, maxConcurrency: 2, rateLimits: { scale: 0 } });
    let inFlight = 0;
    let peak = 0;
    const send = async (): Promise<void> => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await clock.sleep(10);
      inFlight--;
    };
    await clock.run(Promise.all(Array.from({ length: 6 }, () => pacer.call({ service: 'voiceid', operation: 'DescribeSpeaker' }, send))));
    expect(peak).toBe(2);
    expect(clock.now()).toBe(30);
  });

  test('starts no call once the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const pacer = createPacer({ signal: controller.signal });
    await expect(pacer.call({ service: 'voiceid', operation: 'ListDomains' }, async () => 'x')).rejects.toMatchObject({ code: 'INTERRUPTED' });
    expect(pacer.stats()).toEqual({});
  });

  test('counts a not-found answer apart from failures (probing an absent speaker is expected)', async () => {
    const pacer = createPacer({ sleep: async () => undefined });
    const notFound = (): Error => Object.assign(new Error('no such speaker'), { name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });
    await expect(pacer.call({ service: 'voiceid', operation: 'DescribeSpeaker' }, flaky([notFound], 'x'))).rejects.toMatchObject({ code: 'AWS_NOT_FOUND' });
    expect(pacer.stats().DescribeSpeaker).toEqual({ calls: 1, throttles: 0, retries: 0, failures: 0, notFound: 1 });
  });

  test('an abort during a backoff ends the call with INTERRUPTED, not the abort reason', async () => {
    const controller = new AbortController();
    const sleep = async (): Promise<void> => {
      controller.abort(new Error('SIGINT'));
      throw new Error('SIGINT');
    };
    const pacer = createPacer({ sleep, signal: controller.signal, rateLimits: { scale: 0 } });
    await expect(pacer.call({ service: 'voiceid', operation: 'ListDomains' }, flaky([throttle], 'x'))).rejects.toMatchObject({ code: 'INTERRUPTED' });
  });

  test('the default policy survives a 30% throttle rate with overwhelming probability', () => {
    expect(0.3 ** DEFAULT_RETRY_POLICY.maxAttempts).toBeLessThan(1e-5);
  });
});
