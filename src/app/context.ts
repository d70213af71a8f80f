/**
 * What every page builder gets (plain data, so the browser preview can mount
 * a page without Grafana): the app's base URL and the SLO Ledger datasource
 * the app is configured to use (empty: the first datasource of that type).
 */
import pluginJson from '../plugin.json';

export const APP_ID = pluginJson.id;
export const DATASOURCE_TYPE = 'sloledger-datasource';

export interface AppContext {
  /** e.g. "/a/sloledger-app". */
  basePath: string;
  /** uid of the SLO Ledger datasource chosen on the configuration page. */
  datasourceUid?: string;
}

/** jsonData of the app plugin (written by the configuration page). */
export interface AppJsonData {
  datasourceUid?: string;
}

export const defaultContext = (jsonData: AppJsonData = {}): AppContext => ({ basePath: `/a/${APP_ID}`, datasourceUid: jsonData.datasourceUid || undefined });

/** URL of a page of the app, e.g. pageUrl(ctx, 'indicators') → "/a/sloledger-app/indicators". */
export const pageUrl = (ctx: AppContext, path: string) => `${ctx.basePath}/${path.replace(/^\/+/, '')}`;

/** A deployment segment for SLOs without deployments (book 11.2.4 URL /service/<service>/<sli>/<deployment>). */
export const ANY_DEPLOYMENT = 'all';

/**
 * The easy-to-remember detail URL (book 11.2.4): /service/<service>/<sli>/<deployment>.
 *
 * @example detailUrl(ctx, 'checkout', 'availability', 'prod') → "/a/sloledger-app/service/checkout/availability/prod"
 */
export function detailUrl(ctx: AppContext, service: string, sli: string, deployment?: string): string {
  const seg = (s: string) => encodeURIComponent(s);
  return pageUrl(ctx, `service/${seg(service)}/${seg(sli)}/${seg(deployment || ANY_DEPLOYMENT)}`);
}
