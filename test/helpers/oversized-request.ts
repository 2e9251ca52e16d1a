/** An oversized request body for the emulator's 16 MiB cap (EMULATOR.md §2), as a client that streams it would send it. */
import { request } from 'node:http';

export interface RawAnswer {
  readonly status: number;
  readonly type: string;
  readonly body: string;
}

/**
 * POSTs `mebibytes` MiB of spaces to a Voice ID endpoint as a chunked body (no Content-Length, so the server
 * cannot refuse it up front and must cut it off), honouring back-pressure; resolves with the whole answer.
 */
export function postChunked(endpoint: string, mebibytes: number): Promise<RawAnswer> {
  const url = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const headers = { 'x-amz-target': 'VoiceID.ListDomains', authorization: 'AWS4-HMAC-SHA256 x', 'transfer-encoding': 'chunked' };
    const req = request({ host: url.hostname, port: url.port, method: 'POST', path: '/', headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body }));
    });
    req.on('error', reject);
    const chunk = Buffer.alloc(1 << 20, 0x20);
    let sent = 0;
    const pump = (): void => {
      while (sent < mebibytes && req.write(chunk)) sent++;
      if (sent >= mebibytes) req.end();
      else req.once('drain', () => (sent++, pump()));
    };
    pump();
  });
}
