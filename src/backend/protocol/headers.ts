/**
 * Request headers Grafana adds. Alert evaluations carry `FromAlert: true`
 * (SDK `FromAlertHeaderName`) and no user; Grafana may canonicalise the key
 * (`Fromalert`), so compare case-insensitively. Forwarded browser headers
 * arrive with an `http_` prefix.
 */

export const FROM_ALERT_HEADER = 'FromAlert';

/** Value of a header by case-insensitive name. */
export function headerValue(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) {
    return undefined;
  }
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) {
      return value;
    }
  }
  return undefined;
}

/** True when Grafana's alert engine made the request. */
export function isFromAlert(headers: Record<string, string> | undefined): boolean {
  return headerValue(headers, FROM_ALERT_HEADER)?.trim().toLowerCase() === 'true';
}
