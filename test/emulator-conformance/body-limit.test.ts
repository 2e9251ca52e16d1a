/** Requests over 16 MiB (EMULATOR.md §2): a 413 with a JSON error body, never a connection reset. */
import { describe, expect, it } from 'vitest';
import { OptOutSpeakerCommand, VoiceIDServiceException } from '@aws-sdk/client-voice-id';
import { postChunked } from '../helpers/oversized-request.js';
import { expectSdkError, harnessPerTest } from './harness.js';

const h = harnessPerTest();

const MiB = 1024 * 1024;

describe('request bodies over 16 MiB', () => {
  it('the SDK gets a service exception with status 413 for a 17 MiB request', async () => {
    for (const size of [17 * MiB]) {
      const e = await expectSdkError(h.raw.send(new OptOutSpeakerCommand({ DomainId: 'a'.repeat(22), SpeakerId: 'x'.repeat(size) })), VoiceIDServiceException, {
        name: 'RequestEntityTooLargeException',
        status: 413,
      });
      expect(e.message).toBe('The request body is larger than the 16777216 bytes the service accepts.');
    }
  });

  it('a chunked body (no Content-Length) is cut off at the cap and answered 413 with a JSON 1.0 error', async () => {
    const answer = await postChunked(h.emulator.endpoint, 20);
    expect({ ...answer, body: JSON.parse(answer.body) as unknown }).toEqual({
      status: 413,
      type: 'application/x-amz-json-1.0',
      body: { __type: 'com.amazon.coral.service#RequestEntityTooLargeException', message: 'The request body is larger than the 16777216 bytes the service accepts.' },
    });
  });
});
