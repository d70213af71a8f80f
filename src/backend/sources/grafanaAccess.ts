/**
 * How the backend reaches Grafana itself (PLATFORM.md §1.3, §8): Grafana's
 * URL and the token of the plugin's external service account. Grafana passes
 * both with every request in PluginContext.grafanaConfig (preferred) and, at
 * start, in the environment. The token exists only when Grafana runs with the
 * `externalServiceAccounts` feature toggle and
 * `[auth] managed_service_accounts_enabled = true` (Grafana ≥ 10.3, one
 * organisation) and the plugin's plugin.json asks for `iam` permissions.
 */

export const APP_URL_KEY = 'GF_APP_URL';
export const SERVICE_ACCOUNT_TOKEN_KEY = 'GF_PLUGIN_APP_CLIENT_SECRET';

export interface GrafanaAccess {
  /** Grafana's root URL, e.g. http://127.0.0.1:3000/ (no trailing slash kept). */
  appUrl?: string;
  /** Bearer token of the plugin's service account; a secret: never logged or returned. */
  token?: string;
}

/** Reads the access from a request's grafanaConfig, falling back to the process environment. */
export function grafanaAccessFrom(config: Record<string, string> | undefined, env: Record<string, string | undefined>): GrafanaAccess {
  const pick = (key: string) => {
    const value = config?.[key] || env[key];
    return value && value.trim() !== '' ? value.trim() : undefined;
  };
  const appUrl = pick(APP_URL_KEY);
  return { appUrl: appUrl?.replace(/\/+$/, ''), token: pick(SERVICE_ACCOUNT_TOKEN_KEY) };
}

/** Why Grafana cannot be queried on the plugin's behalf, in words an admin can act on; undefined when it can. */
export function grafanaAccessProblem(access: GrafanaAccess): string | undefined {
  if (!access.token) {
    return (
      'Grafana gives this plugin no service account: run Grafana ≥ 10.3 with the feature toggle externalServiceAccounts ' +
      'and [auth] managed_service_accounts_enabled = true (single-organisation setups only), then restart it; ' +
      'or give the connection its own URL'
    );
  }
  if (!access.appUrl) {
    return `Grafana passed no ${APP_URL_KEY}: set [server] root_url so the plugin can reach Grafana's /api/ds/query`;
  }
  return undefined;
}
