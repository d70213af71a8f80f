/**
 * The app root: one SceneApp with a page per part of the app. Scenes keeps
 * every page's time range and filters in the URL, so links can be shared and
 * a reload keeps the view.
 */
import React, { useMemo } from 'react';
import { AppRootProps } from '@grafana/data';
import { SceneApp } from '@grafana/scenes';
import { AppContext, AppJsonData, defaultContext } from './context';
import { buildOverviewPage } from './pages/overview';
import { buildServicesPage } from './pages/serviceDetail';
import { buildIndicatorsPage } from './pages/indicators';
import { buildPoliciesPage } from './pages/policies';
import { buildDecisionsPage } from './pages/decisions';

/** Every page of the app, in navigation order. */
export function buildPages(ctx: AppContext) {
  return [buildOverviewPage(ctx), buildServicesPage(ctx), buildIndicatorsPage(ctx), buildPoliciesPage(ctx), buildDecisionsPage(ctx)];
}

export function buildApp(ctx: AppContext): SceneApp {
  return new SceneApp({ name: 'sloledger-app', pages: buildPages(ctx), urlSyncOptions: { updateUrlOnInit: true, createBrowserHistorySteps: true } });
}

export function App(props: AppRootProps<AppJsonData>) {
  const uid = props.meta.jsonData?.datasourceUid;
  const app = useMemo(() => buildApp(defaultContext({ datasourceUid: uid })), [uid]);
  return <app.Component model={app} />;
}
