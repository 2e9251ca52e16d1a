/**
 * AWS JSON 1.0 / 1.1 framing (EMULATOR.md §2): targets, request bodies, success and error responses as the
 * service sends them.
 */
import type { ServiceError } from './errors.js';
import { serializationError } from './errors.js';

export interface WireResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export const JSON_10 = 'application/x-amz-json-1.0';
export const JSON_11 = 'application/x-amz-json-1.1';

/** Parses a request body: empty = `{}`; anything but a JSON object is a SerializationException. */
export function parseBody(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw serializationError('Unable to parse the request body as JSON.');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw serializationError('The request body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}

export function successResponse(output: unknown, contentType: string, requestId: string): WireResponse {
  return {
    status: 200,
    headers: { 'content-type': contentType, 'x-amzn-requestid': requestId },
    body: JSON.stringify(output ?? {}),
  };
}

/** Voice ID's modelled errors carry `Message` (model member); Coral and the older JSON services send `message`. */
export function errorResponse(err: ServiceError, contentType: string, requestId: string): WireResponse {
  const type = err.namespace === '' ? err.type : `${err.namespace}#${err.type}`;
  const messageKey = err.namespace === 'com.amazonaws.voiceid' ? 'Message' : 'message';
  return {
    status: err.status,
    headers: { 'content-type': contentType, 'x-amzn-requestid': requestId, 'x-amzn-errortype': err.type },
    body: JSON.stringify({ __type: type, [messageKey]: err.message, ...err.extra }),
  };
}
