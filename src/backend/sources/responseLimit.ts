/**
 * Reads a response body up to a byte limit. A matrix of millions of points
 * (a selector matching every series, a tiny step) would otherwise be buffered
 * whole and parsed into memory the whole process shares; past the limit the
 * read stops, the connection is released and the error says what to change.
 */
import { SourceError } from './types';

const MB = 1024 * 1024;

/** The body's bytes, up to `maxBytes` (./answerReader.ts reads them without a string in between). */
export async function readBodyBytesWithin(res: Response, maxBytes: number): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel();
    throw tooLarge(maxBytes, declared);
  }
  if (!res.body) {
    return Buffer.alloc(0);
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function tooLarge(maxBytes: number, declared?: number): SourceError {
  const size = declared !== undefined ? `${(declared / MB).toFixed(1)} MB` : `more than ${(maxBytes / MB).toFixed(1)} MB`;
  return new SourceError(
    'bad-response',
    'response',
    `the answer is ${size}, over the ${(maxBytes / MB).toFixed(1)} MB limit: narrow the query (aggregate with sum(...)) or raise maxResponseMB in the connection settings`
  );
}
