/**
 * Plain handler results → protobuf response objects: frames become Arrow
 * files, errors are mapped once, resource bodies are split into messages.
 */
import { encodeFrame } from './arrow';
import { MappedError, mapError } from './errors';
import { CallResourceResponse, CheckHealthResult, DataResponse } from './handlers';
import { Logger } from './logger';
import { WireCallResourceResponse, WireCheckHealthResponse, WireDataResponse, WireStringList } from './wire';

/** Resource bodies are sent in messages of at most this size (Grafana appends them). */
export const RESOURCE_CHUNK_BYTES = 1 << 20;

/** One refId's answer. A frame that cannot be encoded fails that refId only. */
export function toWireDataResponse(refId: string, response: DataResponse, log: Logger): WireDataResponse {
  const out: WireDataResponse = { frames: [] };
  try {
    out.frames = response.frames.map((frame) => encodeFrame(frame, refId));
  } catch (err) {
    const m = mapError(err);
    log.error('frame encoding failed', { refId, ...m.log });
    return mappedErrorResponse(m);
  }
  if (response.error !== undefined) {
    const m = typeof response.error === 'string' ? undefined : mapError(response.error);
    out.error = m ? m.message : (response.error as string);
    out.status = response.status ?? m?.status ?? 500;
    out.errorSource = response.errorSource ?? m?.source ?? 'plugin';
    if (m) {
      log.warn('query failed', { refId, status: out.status, ...m.log });
    }
  } else if (response.status !== undefined) {
    out.status = response.status;
  }
  return out;
}

/** A refId answered with a mapped error. */
export function mappedErrorResponse(m: MappedError): WireDataResponse {
  return { frames: [], error: m.message, status: m.status, errorSource: m.source };
}

export function toWireHealth(result: CheckHealthResult): WireCheckHealthResponse {
  const out: WireCheckHealthResponse = { status: result.status, message: result.message };
  if (result.details !== undefined) {
    out.jsonDetails = Buffer.from(JSON.stringify(result.details), 'utf8');
  }
  return out;
}

/**
 * Grafana takes status and headers from the first message and appends the
 * bodies of the rest, so the first carries both and the body follows in chunks.
 */
export function toWireResourceMessages(response: CallResourceResponse): WireCallResourceResponse[] {
  const body = toBuffer(response.body);
  const headers: Record<string, WireStringList> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    headers[name] = { values: Array.isArray(value) ? value : [value] };
  }
  const messages: WireCallResourceResponse[] = [{ code: response.status, headers, body: body.subarray(0, RESOURCE_CHUNK_BYTES) }];
  for (let at = RESOURCE_CHUNK_BYTES; at < body.length; at += RESOURCE_CHUNK_BYTES) {
    messages.push({ code: response.status, body: body.subarray(at, at + RESOURCE_CHUNK_BYTES) });
  }
  return messages;
}

function toBuffer(body: CallResourceResponse['body']): Buffer {
  if (body === undefined) {
    return Buffer.alloc(0);
  }
  if (typeof body === 'string') {
    return Buffer.from(body, 'utf8');
  }
  return Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}
