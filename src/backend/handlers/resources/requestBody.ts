/**
 * Request bodies of the resource API, read defensively: a size limit (413),
 * JSON that must parse to an object (400 naming where it broke), never a
 * throw. Write routes (policy conditions, book 10) read their body here.
 */
import { CallResourceRequest, CallResourceResponse, jsonResource } from '../../protocol/handlers';

export const MAX_BODY_BYTES = 1_000_000;

export type BodyResult<T> = { ok: T } | { response: CallResourceResponse };

/** The body as text, or 413 when it is over `maxBytes`. */
export function readTextBody(req: Pick<CallResourceRequest, 'body'>, maxBytes = MAX_BODY_BYTES): BodyResult<string> {
  if (req.body.length > maxBytes) {
    return { response: jsonResource({ error: `the request body is ${req.body.length} bytes, over the limit of ${maxBytes}` }, 413) };
  }
  return { ok: req.body.toString('utf8') };
}

/** The body parsed as a JSON object, or 413/400 saying what is wrong. */
export function readJsonBody(req: Pick<CallResourceRequest, 'body'>, maxBytes = MAX_BODY_BYTES): BodyResult<Record<string, unknown>> {
  const text = readTextBody(req, maxBytes);
  if ('response' in text) {
    return text;
  }
  if (text.ok.trim() === '') {
    return { response: jsonResource({ error: 'the request body is empty: send a JSON object' }, 400) };
  }
  let value: unknown;
  try {
    value = JSON.parse(text.ok);
  } catch (error) {
    return { response: jsonResource({ error: `the request body is not JSON: ${(error as Error).message}` }, 400) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { response: jsonResource({ error: `the request body must be a JSON object, not ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}` }, 400) };
  }
  return { ok: value as Record<string, unknown> };
}
