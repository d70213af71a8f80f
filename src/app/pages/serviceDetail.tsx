/**
 * Service / SLO detail (book 11.2.4) at an easy-to-remember URL:
 * /a/sloledger-app/service/<service>/<sli>/<deployment> ("all" when the SLOs
 * have no deployment). Budget depletion over the time range (replenishing at
 * each period start) and per period, burn rates, SLI, episodes, adherence
 * history, dependencies with their budget state, the applicable policy and
 * what it demands now. The parent page lists every service's detail links.
 */
import React from 'react';
import { SceneAppPage, SceneAppPageLike, SceneRouteMatch, VizPanel } from '@grafana/scenes';
import type { CatalogResponse } from '../../core/contracts/resourceContract';
import { AppContext, ANY_DEPLOYMENT, detailUrl, pageUrl } from '../context';
import { getResource } from '../resourceClient';
import { item, pageScene, row, sloQueries } from '../scene/layout';
import { ResourceView } from '../scene/ResourceView';
import { RowsTable } from '../scene/RowsTable';
import { withTimeRange } from '../scene/sceneSelection';
import { pageVariables, selectionQuery } from '../variables';
import { DetailRoute, loadServiceDetail } from './serviceDetailData';
import { ServiceDetailView } from './ServiceDetailView';

type DetailParams = { service?: string; sli?: string; deployment?: string };

export function routeOf(match: SceneRouteMatch<DetailParams>): DetailRoute {
  const dec = (s: string | undefined) => decodeURIComponent(s ?? '');
  return { service: dec(match.params.service), sli: dec(match.params.sli), deployment: dec(match.params.deployment) || ANY_DEPLOYMENT };
}

export function buildServiceDetailScene(ctx: AppContext, r: DetailRoute) {
  // "all" leaves the deployment filter free (it defaults to All)
  const fixed = r.deployment === ANY_DEPLOYMENT ? { service: r.service, sli: r.sli } : { service: r.service, sli: r.sli, deployment: r.deployment };
  const q = selectionQuery();
  const panel = (key: string, pluginId: string, title: string, queries: Parameters<typeof sloQueries>[0], options: Record<string, unknown> = {}, fieldConfig?: VizPanel['state']['fieldConfig']) =>
    new VizPanel({ key, pluginId, title, options, $data: sloQueries(queries), ...(fieldConfig ? { fieldConfig } : {}) });
  return pageScene(
    pageVariables(ctx, { fixed }),
    [
      item(
        new ResourceView({ key: 'detail-state', title: `${r.service} · ${r.sli} · ${r.deployment}`, load: ({ uid, params }) => loadServiceDetail(uid, r, params), render: (d) => <ServiceDetailView d={d} /> }),
        200,
        { height: 'auto' }
      ),
      item(panel('detail-budget', 'sloledger-budget-panel', 'Error budget depletion (book fig. 11.4)', [{ queryType: 'budget', timeScale: 'daily', ...q }], { layout: 'multiples', onlyPremature: false, showEpisodes: true, showDeployments: true }), 360),
      row(
        item(panel('detail-burn', 'timeseries', 'Burn rates (1 = on pace to spend the budget)', ['1h', '6h', '24h'].map((window) => ({ queryType: 'burnrate' as const, window, ...q })))),
        item(panel('detail-sli', 'timeseries', 'SLI', [{ queryType: 'sli', ...q }], {}, { defaults: { unit: 'percentunit' }, overrides: [] }))
      ),
      row(
        item(panel('detail-periods', 'table', 'Budget across periods (book 11.2.4, fig. 11.5)', [{ queryType: 'depletion', timeScale: 'period', ...q }], { sortBy: [{ displayName: 'periodStart', desc: true }] })),
        item(panel('detail-adherence', 'sloledger-adherence-panel', 'Adherence history (book 11.2.3)', [{ queryType: 'adherence', timeScale: 'period', ...q }], { showSli: true, cellLink: '' }))
      ),
    ]
  );
}

/** The parent page: every service with links to its detail pages (one per SLI and deployment). */
function serviceListScene(ctx: AppContext) {
  type Link = { service: string; team: string; sli: string; deployment: string; slos: number };
  return pageScene(pageVariables(ctx, { omit: ['slo'] }), [
    item(
      new ResourceView<Link[]>({
        key: 'service-list',
        title: 'Services',
        load: async ({ uid, params }) => {
          const c = await getResource<CatalogResponse>(uid, 'catalog', { team: params.team, service: params.service, sli: params.sli, deployment: params.deployment });
          const links = new Map<string, Link>();
          for (const s of c.slos) {
            const key = `${s.service}|${s.sli}|${s.deployment ?? ''}`;
            const l = links.get(key) ?? { service: s.service, team: s.team, sli: s.sli, deployment: s.deployment || ANY_DEPLOYMENT, slos: 0 };
            l.slos += 1;
            links.set(key, l);
          }
          return [...links.values()].sort((a, b) => a.service.localeCompare(b.service) || a.sli.localeCompare(b.sli));
        },
        render: (links, _reload, lc) => (
          <RowsTable<Link>
            rows={links}
            empty="No SLOs match the filters: add SLOs to the catalog of the SLO Ledger datasource."
            columns={[
              // the detail page opens on the list's time range
              { key: 'link', header: 'Detail page', cell: (l) => <a href={withTimeRange(detailUrl(ctx, l.service, l.sli, l.deployment), lc.scene)}>{detailUrl(ctx, l.service, l.sli, l.deployment).replace(ctx.basePath, '')}</a> },
              { key: 'team', header: 'Team', cell: (l) => l.team },
              { key: 'slos', header: 'SLOs', cell: (l) => String(l.slos) },
            ]}
          />
        ),
      }),
      200,
      { height: 'auto' }
    ),
  ]);
}

export function buildServiceDetailPage(ctx: AppContext, match: SceneRouteMatch<DetailParams>, parent: SceneAppPageLike): SceneAppPage {
  const r = routeOf(match);
  return new SceneAppPage({
    title: `${r.service} · ${r.sli} · ${r.deployment}`,
    subTitle: 'Budget depletion, burn rates, SLI, episodes, adherence, dependencies and policy (book 11.2.4)',
    url: detailUrl(ctx, r.service, r.sli, r.deployment),
    routePath: match.path,
    getParentPage: () => parent,
    getScene: () => buildServiceDetailScene(ctx, r),
  });
}

export function buildServicesPage(ctx: AppContext): SceneAppPage {
  const page: SceneAppPage = new SceneAppPage({
    title: 'Services',
    subTitle: 'Each service’s detail page: /service/<service>/<sli>/<deployment>',
    url: pageUrl(ctx, 'service'),
    routePath: 'service/*',
    getScene: () => serviceListScene(ctx),
    drilldowns: [
      { routePath: ':service/:sli/:deployment', getPage: (m, parent) => buildServiceDetailPage(ctx, m as SceneRouteMatch<DetailParams>, parent) },
      { routePath: ':service/:sli', getPage: (m, parent) => buildServiceDetailPage(ctx, m as SceneRouteMatch<DetailParams>, parent) },
    ],
  });
  return page;
}
