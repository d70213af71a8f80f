/**
 * Overview — "SLOs by service" for everyone (book 11.2.2, fig. 11.1): the
 * period length and days left, SLO counts by state, the services at risk
 * first, then the full table (the bundle's overview panel) whose rows link to
 * each service's detail page.
 */
import React from 'react';
import { SceneAppPage, VizPanel } from '@grafana/scenes';
import type { IndicatorResponse } from '../../core/contracts/resourceContract';
import { AppContext, pageUrl } from '../context';
import { getResource } from '../resourceClient';
import { item, pageScene, sloQueries } from '../scene/layout';
import { ResourceView } from '../scene/ResourceView';
import { withTimeRange } from '../scene/sceneSelection';
import { pageVariables, selectionQuery } from '../variables';
import { OverviewSummaryView } from './OverviewSummaryView';

export const OVERVIEW_ROW_LINK = (ctx: AppContext) => pageUrl(ctx, 'service/${service}/${sli}/${deployment}');

export function buildOverviewScene(ctx: AppContext) {
  const summary = new ResourceView<IndicatorResponse>({
    key: 'overview-summary',
    title: 'Error budget period and state',
    load: ({ uid, params }) => getResource<IndicatorResponse>(uid, 'indicators/slos-by-service', params),
    // a service's detail page opens on the overview's time range
    render: (res, _reload, lc) => <OverviewSummaryView res={res} ctx={ctx} linkTo={(url) => withTimeRange(url, lc.scene)} />,
  });
  const table = new VizPanel({
    key: 'overview-table',
    pluginId: 'sloledger-overview-panel',
    title: 'SLOs by service (book 11.2.2)',
    options: { groupBy: 'service', showDefaults: true, rowLink: OVERVIEW_ROW_LINK(ctx) },
    $data: sloQueries([{ queryType: 'catalog', ...selectionQuery() }]),
  });
  return pageScene(pageVariables(ctx), [item(summary, 120, { height: 'auto' }), item(table, 480)], 'now-28d');
}

export function buildOverviewPage(ctx: AppContext): SceneAppPage {
  return new SceneAppPage({
    title: 'Overview',
    subTitle: 'SLOs by service: error budget, burn rates and state (book 11.2.2)',
    url: pageUrl(ctx, 'overview'),
    routePath: 'overview/*',
    getScene: () => buildOverviewScene(ctx),
  });
}
