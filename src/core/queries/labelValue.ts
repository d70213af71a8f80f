/**
 * A label value placed inside a double-quoted PromQL/LogQL string
 * (`route="$endpoint"`): backslash, double quote and line breaks escaped, so
 * a discovered value can never end the string and inject query text.
 *
 * @example escapeLabelValue('/a"b') → '/a\\"b'
 */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}
