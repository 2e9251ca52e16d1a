/**
 * The HTTP layer: AWS calls on `POST /`, the admin API under `/_emulator/`, injected latency, dropped sockets.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { EmulatorCore } from './core.js';
import { errorResponse, JSON_10 } from './protocol.js';
import { unknownOperation } from './errors.js';
import type { EmulatorAdmin, FaultConfig, SeedState } from './types.js';

const MAX_BODY = 16 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) req.destroy(new Error('request body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

/** SigV4 is accepted unverified; only a request with no credentials at all is refused, as AWS does. */
function authenticated(req: IncomingMessage): boolean {
  const url = req.url ?? '';
  return req.headers.authorization !== undefined || url.includes('X-Amz-Signature=') || url.includes('X-Amz-Credential=');
}

async function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string, body: string, admin: EmulatorAdmin): Promise<void> {
  const parse = (): unknown => (body.trim() === '' ? {} : JSON.parse(body));
  const key = `${req.method ?? 'GET'} ${path}`;
  try {
    switch (key) {
      case 'GET /_emulator/health':
        return sendJson(res, 200, { ok: true });
      case 'GET /_emulator/state':
        return sendJson(res, 200, admin.snapshot());
      case 'POST /_emulator/seed':
        return sendJson(res, 200, await admin.seed(parse() as SeedState));
      case 'POST /_emulator/faults':
        admin.setFaults(parse() as FaultConfig);
        return sendJson(res, 200, { ok: true });
      case 'GET /_emulator/calls':
        return sendJson(res, 200, admin.callCounts());
      case 'POST /_emulator/calls/reset':
        admin.resetCallCounts();
        return sendJson(res, 200, { ok: true });
      case 'POST /_emulator/reset':
        admin.reset();
        return sendJson(res, 200, { ok: true });
      default:
        return sendJson(res, 404, { error: `no admin route ${key}` });
    }
  } catch (e) {
    sendJson(res, 400, { error: e instanceof Error ? e.message : String(e) });
  }
}

export function createEmulatorServer(core: EmulatorCore, admin: EmulatorAdmin): Server {
  return createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (path.startsWith('/_emulator/')) return handleAdmin(req, res, path, body, admin);
      if (req.method !== 'POST' || path !== '/') {
        const r = errorResponse(unknownOperation(404), JSON_10, 'none');
        res.writeHead(r.status, r.headers);
        return void res.end(r.body);
      }
      const target = req.headers['x-amz-target'];
      const outcome = core.call(typeof target === 'string' ? target : undefined, authenticated(req), body);
      if (outcome.latencyMs > 0) await sleep(outcome.latencyMs);
      if (outcome.kind === 'drop') return void req.socket.destroy();
      res.writeHead(outcome.response.status, { ...outcome.response.headers, 'content-length': Buffer.byteLength(outcome.response.body) });
      res.end(outcome.response.body);
    })().catch(() => req.socket.destroy());
  });
}
