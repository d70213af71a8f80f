/**
 * Settings issues (core/contracts/settings.ts `parseDatasourceSettings`) placed next to
 * their fields. Each issue names a path such as `connections[1].url`.
 */
import type { SettingsIssue } from '../../core/contracts/settings';

/** Paths the editor shows beside a field; anything else is listed at the top. */
const INLINE = [
  /^connections\[\d+\]\.(name|type|url|auth|basicAuthUser|timeoutSeconds|maxConcurrency|maxResponseMB|headerNames\[\d+\])$/,
  /^(defaultConnection|timeZone|catalogDir|ledgerPath|demo|cacheMaxEntries|cacheMaxMB)$/,
];

/** The messages for exactly `path`, joined; undefined when the field is fine. */
export function issueAt(issues: readonly SettingsIssue[], path: string): string | undefined {
  const messages = issues.filter((i) => i.path === path).map((i) => i.message);
  return messages.length > 0 ? messages.join('; ') : undefined;
}

/** Issues no field shows, to list above the form. */
export function unplacedIssues(issues: readonly SettingsIssue[]): SettingsIssue[] {
  return issues.filter((i) => !INLINE.some((re) => re.test(i.path)));
}
