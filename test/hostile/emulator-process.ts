/**
 * The emulator cases' helpers: `voiceid-gitops emulator` in a hostile child process (small heap, RSS ceiling,
 * hard timeout), its endpoint read from what it prints, and raw calls to it.
 */
import { spawnCli, type CaseOptions, type HostileChild } from './harness.js';

export interface EmulatorChild extends HostileChild {
  readonly endpoint: string;
}

/** Starts `emulator --port 0 --quota-scale 0 ARGS` and resolves once it listens. */
export async function spawnEmulator(args: readonly string[], options: CaseOptions = {}): Promise<EmulatorChild> {
  const c = spawnCli(['emulator', '--port', '0', '--quota-scale', '0', ...args], { timeoutMs: 30_000, ...options });
  let text = '';
  c.child.stdout!.on('data', (d: Buffer) => (text += d.toString()));
  await c.waitFor(/listening on http:\/\/\S+\n/, 'stdout');
  return { ...c, endpoint: /listening on (http:\/\/\S+)/.exec(text)![1]! };
}

const AUTH = 'AWS4-HMAC-SHA256 Credential=x/20261201/us-east-1/voiceid/aws4_request, SignedHeaders=host, Signature=00';

/** One AWS JSON 1.0 Voice ID call, as an SDK would send it (unverified SigV4). */
export function voiceId(endpoint: string, operation: string, input: unknown): Promise<Response> {
  return fetch(`${endpoint}/`, {
    method: 'POST',
    body: JSON.stringify(input),
    headers: { 'x-amz-target': `VoiceID.${operation}`, 'content-type': 'application/x-amz-json-1.0', authorization: AUTH },
  });
}

export async function admin(endpoint: string, path: string, body?: string): Promise<{ status: number; body: unknown }> {
  const r = await fetch(`${endpoint}/_emulator/${path}`, body === undefined ? {} : { method: 'POST', body });
  return { status: r.status, body: await r.json() };
}
