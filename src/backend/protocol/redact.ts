/**
 * Secrets must never reach a log line. `redact` copies a value for logging
 * and masks every entry whose key looks like a credential, at any depth.
 *
 * @example redact({ url: 'http://p', basicAuthPassword: 'x' })
 *   // → { url: 'http://p', basicAuthPassword: '[redacted]' }
 */

export const REDACTED = '[redacted]';

// WHY a pattern, not a list: datasource settings and HTTP headers use many
// spellings (password, basicAuthPassword, apiToken, X-Api-Key, Authorization…).
const SECRET_KEY = /passw(or)?d|^pass$|token|secret|authori[sz]ation|api[-_]?key|cookie|credential|private[-_]?key/i;

/** True when a key names something that must not be logged. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** A copy of `value` with secret-looking keys masked (maps, arrays, plain objects; errors become text). */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') {
    return value;
  }
  if (value instanceof Error) {
    // WHY a string: an Error's own properties are not enumerable and would log as {}.
    return `${value.name}: ${value.message}`;
  }
  if (Array.isArray(value)) {
    return value.map((v) => redact(v, depth + 1));
  }
  if (value instanceof Map) {
    return redact(Object.fromEntries(value), depth);
  }
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) {
    return `<${value.byteLength} bytes>`;
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = isSecretKey(key) ? REDACTED : redact(v, depth + 1);
  }
  return out;
}
