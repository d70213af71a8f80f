/**
 * Removes secret values from text that came back from a source. A proxy or a
 * misconfigured server may echo request headers (Authorization, API keys)
 * into its error body, and that body reaches the user's panel and the log:
 * every secret of the connection, and the Basic credential it encodes, is
 * replaced before any message leaves the source.
 */
import { REDACTED } from '../protocol/redact';

/** Secrets shorter than this are not searched for: "1" would shred every message and hides nothing. */
const MIN_SECRET_LENGTH = 4;

export function secretNeedles(values: readonly string[]): string[] {
  const out = new Set<string>();
  for (const v of values) {
    if (v.length >= MIN_SECRET_LENGTH) {
      out.add(v);
      out.add(encodeURIComponent(v)); // echoed inside a URL or a form body
      out.add(JSON.stringify(v).slice(1, -1)); // echoed inside a JSON string
    }
  }
  // longest first, so a secret that contains another is replaced whole
  return [...out].filter((n) => n.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

/**
 * @example scrubSecrets('bad token abcd1234', ['abcd1234']) → 'bad token [redacted]'
 */
export function scrubSecrets(text: string, needles: readonly string[]): string {
  let out = text;
  for (const needle of needles) {
    if (out.includes(needle)) {
      out = out.split(needle).join(REDACTED);
    }
  }
  return out;
}
