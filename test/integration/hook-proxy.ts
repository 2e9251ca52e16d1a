/**
 * A loopback HTTP proxy in front of the emulator that runs `hook()` once the service has answered the k-th call of
 * an operation and before the client gets that answer: a deterministic "someone else changed live state between
 * two of apply's calls".
 */
import { createServer, request } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HookProxy {
  readonly endpoint: string;
  /** Whether the hook ran. */
  ran(): boolean;
  close(): Promise<void>;
}

export async function startHookProxy(target: string, op: string, hook: () => Promise<void>, k = 1): Promise<HookProxy> {
  const upstream = new URL(target);
  let seen = 0;
  let ran = false;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const name = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
      const hit = name === op && ++seen === k;
      const forward = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (up: IncomingMessage) => {
        const body: Buffer[] = [];
        up.on('data', (c: Buffer) => body.push(c));
        up.on('end', () => {
          const reply = (): void => {
            res.writeHead(up.statusCode ?? 500, up.headers);
            res.end(Buffer.concat(body));
          };
          if (!hit) return reply();
          void hook().then(() => {
            ran = true;
            reply();
          }, () => res.destroy());
        });
      });
      forward.on('error', () => res.destroy());
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    ran: () => ran,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
