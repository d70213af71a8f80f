/**
 * Label values placed into query text, written once for the backend and the
 * frontend: a PromQL/LogQL double-quoted string (Go syntax) that reads back
 * as exactly the value, so a discovered or typed value can never end the
 * string and inject query text; and an RE2 pattern matching exactly a value.
 */

/**
 * The body of a double-quoted PromQL/LogQL string holding `value`: backslash,
 * double quote, line breaks and tab escaped (Go's strconv.Unquote, which
 * Prometheus and Loki use, reads other characters as themselves).
 *
 * @example escapeLabelValue('/a"b') → '/a\\"b'
 */
export function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n\r\t]/g, (c) => ESCAPES[c]);
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `value` as a whole double-quoted PromQL/LogQL string literal. */
export function quotedLabelValue(value: string): string {
  return `"${escapeLabelValue(value)}"`;
}

/**
 * An RE2 pattern matching exactly `value` (Prometheus anchors label regexes
 * at both ends), before it is quoted as a string.
 *
 * @example escapeRegex('a.b|c') → 'a\\.b\\|c'
 */
export function escapeRegex(value: string): string {
  return value.replace(/[\\^$*+?.()|[\]{}]/g, '\\$&');
}
