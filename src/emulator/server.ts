/**
 * The HTTP layer: AWS calls on `POST /`, the admin API under `/_emulator/`, injected latency, dropped sockets,
 * the 16 MiB body cap (413), and a close that ends whatever is pending (latency timers, open sockets).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isGitopsError } from '../model/errors.js';
import type { EmulatorCore } from './core.js';
import { errorResponse, JSON_10, JSON_11 } from './protocol.js';
import { requestTooLarge, unknownOperation } from './errors.js';
import { uuid } from './random.js';
import type { EmulatorAdmin } from './types.js';

export const MAX_BODY = 16 * 1024 * 1024;
/** After a 413, the rest of an oversized body is read and discarded (never stored) for this long at most. */
const DRAIN_MS = 5_000;

/** The body as text, or undefined once it passes MAX_BODY (nothing more is kept from that point). */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer): void => {
      size += c.length;
      if (size <= MAX_BODY) return void chunks.push(c);
      req.off('data', onData);
      chunks.length = 0;
      resolve(undefined);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Timers the server waits on (injected latency), cancelled all at once when the emulator closes. */
export class PendingTimers {
  private readonly timers = new Map<NodeJS.Timeout, () => void>();
  closed = false;

  /** Resolves after `ms`, or at once (false) when cancelled. */
  sleep(ms: number): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve(true);
      }, ms);
      this.timers.set(t, () => resolve(false));
    });
  }

  cancelAll(): void {
    this.closed = true;
    for (const [t, cancel] of this.timers) {
      clearTimeout(t);
      cancel();
    }
    this.timers.clear();
  }
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

/** SigV4 is accepted unverified; only a request with no credentials at all is refused, as AWS does. */
function authenticated(req: IncomingMessage): boolean {
  const url = req.url ?? '';
  return req.headers.authorization !== undefined || url.includes('X-Amz-Signature=') || url.includes('X-Amz-Credential=');
}

/** The admin body as JSON; an empty body is `{}`. */
function parseAdminBody(body: string): unknown {
  if (body.trim() === '') return {};
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw Object.assign(new Error('the body is not valid JSON'), { adminInput: true });
  }
}

function emptyBody(path: string, value: unknown): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.keys(value).length > 0) {
    throw Object.assign(new Error(`${path} takes no body (or {})`), { adminInput: true });
  }
}

async function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string, body: string, admin: EmulatorAdmin, durable: () => Promise<void>): Promise<void> {
  const key = `${req.method ?? 'GET'} ${path}`;
  try {
    switch (key) {
      case 'GET /_emulator/health':
        return sendJson(res, 200, { ok: true });
      case 'GET /_emulator/state': {
        const snapshot = admin.snapshot();
        await durable();
        return sendJson(res, 200, snapshot);
      }
      case 'POST /_emulator/seed':
        return sendJson(res, 200, await admin.seed(parseAdminBody(body) as never));
      case 'POST /_emulator/enroll': {
        const b = parseAdminBody(body) as { domainId?: unknown; customerSpeakerIds?: unknown } | null;
        return sendJson(res, 200, await admin.enroll(b?.domainId as string, b?.customerSpeakerIds as string[]));
      }
      case 'POST /_emulator/faults':
        admin.setFaults(parseAdminBody(body) as never);
        return sendJson(res, 200, { ok: true });
      case 'GET /_emulator/calls':
        return sendJson(res, 200, admin.callCounts());
      case 'POST /_emulator/calls/reset':
        emptyBody(path, parseAdminBody(body));
        admin.resetCallCounts();
        return sendJson(res, 200, { ok: true });
      case 'POST /_emulator/reset':
        emptyBody(path, parseAdminBody(body));
        admin.reset();
        await durable();
        return sendJson(res, 200, { ok: true });
      default:
        return sendJson(res, 404, { error: `no admin route ${key}` });
    }
  } catch (e) {
    const bad = (isGitopsError(e) && e.code === 'EMULATOR_ADMIN_INVALID') || (e as { adminInput?: boolean }).adminInput === true;
    sendJson(res, bad ? 400 : 500, { error: e instanceof Error ? e.message : String(e) });
  }
}

/**
 * 413 with an error body in the protocol of the target (so an SDK raises a service exception, not a socket
 * error), `Connection: close`, then the rest of the body is drained unkept for a while: a client still sending
 * when the socket closes would see a reset instead of the answer.
 */
function tooLarge(req: IncomingMessage, res: ServerResponse): void {
  const target = req.headers['x-amz-target'];
  const contentType = typeof target === 'string' && !target.startsWith('VoiceID.') ? JSON_11 : JSON_10;
  const r = errorResponse(requestTooLarge(MAX_BODY), contentType, uuid(Math.random));
  res.writeHead(r.status, { ...r.headers, connection: 'close', 'content-length': Buffer.byteLength(r.body) });
  res.end(r.body);
  req.resume();
  const t = setTimeout(() => req.socket.destroy(), DRAIN_MS);
  t.unref();
  req.once('end', () => clearTimeout(t));
}

/** `durable` resolves once every change so far is on disk; an answer that acknowledges a change waits for it. */
export function createEmulatorServer(core: EmulatorCore, admin: EmulatorAdmin, timers: PendingTimers, durable: () => Promise<void>): Server {
  return createServer((req, res) => {
    void (async () => {
      if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) return tooLarge(req, res);
      const body = await readBody(req);
      if (body === undefined) return tooLarge(req, res);
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (path.startsWith('/_emulator/')) return handleAdmin(req, res, path, body, admin, durable);
      if (req.method !== 'POST' || path !== '/') {
        const r = errorResponse(unknownOperation(404), JSON_10, 'none');
        res.writeHead(r.status, r.headers);
        return void res.end(r.body);
      }
      const target = req.headers['x-amz-target'];
      const outcome = core.call(typeof target === 'string' ? target : undefined, authenticated(req), body);
      const [, saved] = await Promise.all([
        outcome.latencyMs > 0 ? timers.sleep(outcome.latencyMs) : true,
        outcome.durable?.done.then(() => true, () => false) ?? true,
      ]);
      if (timers.closed || outcome.kind === 'drop') return void req.socket.destroy();
      // A change that could not be saved is not acknowledged (a read that only settled the clock still answers).
      const response = !saved && outcome.durable?.mutation === true ? outcome.durable.failed() : outcome.response;
      res.writeHead(response.status, { ...response.headers, 'content-length': Buffer.byteLength(response.body) });
      res.end(response.body);
    })().catch(() => req.socket.destroy());
  });
}
