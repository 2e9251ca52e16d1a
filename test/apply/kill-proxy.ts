/**
 * A loopback HTTP proxy in front of the emulator that SIGKILLs the CLI child at an exact point: when the k-th
 * write call arrives (`before`: the service never sees it) or once the service has answered it (`after`: the
 * service acted, the client never learns it — e.g. between CreateDomain and its response).
 */
import { createServer, request } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const WRITE_OPS = new Set([
  'CreateDomain', 'UpdateDomain', 'DeleteDomain', 'TagResource', 'UntagResource', 'OptOutSpeaker', 'CreateWatchlist',
  'UpdateWatchlist', 'DeleteWatchlist', 'StartSpeakerEnrollmentJob', 'StartFraudsterRegistrationJob',
]);

export interface KillPoint {
  /** 1-based index among the calls of `op` (or of all write calls when `op` is absent), in arrival order. */
  readonly k: number;
  readonly op?: string;
  readonly phase: 'before' | 'after';
}

export interface KillProxy {
  readonly endpoint: string;
  /** The operation the kill landed on, once it did. */
  killedAt(): string | undefined;
  close(): Promise<void>;
}

export async function startKillProxy(target: string, point: KillPoint, kill: () => void): Promise<KillProxy> {
  const upstream = new URL(target);
  let writes = 0;
  let killed: string | undefined;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const op = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
      const counted = point.op === undefined ? WRITE_OPS.has(op) : op === point.op;
      const hit = killed === undefined && counted && ++writes === point.k;
      if (hit && point.phase === 'before') {
        killed = op;
        kill();
        res.destroy();
        return;
      }
      const forward = request(
        { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
        (up: IncomingMessage) => {
          const body: Buffer[] = [];
          up.on('data', (c: Buffer) => body.push(c));
          up.on('end', () => {
            if (hit) {
              killed = op;
              kill();
              res.destroy();
              return;
            }
            res.writeHead(up.statusCode ?? 500, up.headers);
            res.end(Buffer.concat(body));
          });
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    killedAt: () => killed,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
