/** Requests over 16 MiB (EMULATOR.md §2): a 413 with a JSON error body, never a connection reset. */
import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OptOutSpeakerCommand, VoiceIDServiceException } from '@aws-sdk/client-voice-id';
import { expectSdkError, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

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
    const url = new URL(h.emulator.endpoint);
    const answer = await new Promise<{ status: number; type: string; body: unknown }>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, method: 'POST', path: '/', headers: { 'x-amz-target': 'VoiceID.ListDomains', authorization: 'AWS4-HMAC-SHA256 x', 'transfer-encoding': 'chunked' } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body: JSON.parse(text) }));
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(MiB, 0x20);
      let sent = 0;
      const pump = (): void => {
        while (sent < 20 && req.write(chunk)) sent++;
        if (sent >= 20) req.end();
        else req.once('drain', () => (sent++, pump()));
      };
      pump();
    });
    expect(answer).toEqual({
      status: 413,
      type: 'application/x-amz-json-1.0',
      body: { __type: 'com.amazon.coral.service#RequestEntityTooLargeException', message: 'The request body is larger than the 16777216 bytes the service accepts.' },
    });
  });
});
