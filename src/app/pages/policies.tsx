/**
 * Error budget policies (book ch. 10): each policy with its seven parts,
 * the conditions met now (automatic ones computed by the datasource, manual
 * ones as a checklist for the person going on call, recorded in the ledger),
 * the consequences in force, release gates per service and environment, and
 * policies past their next review date flagged.
 */
import React from 'react';
import { SceneAppPage } from '@grafana/scenes';
import { AppContext, pageUrl } from '../context';
import { item, pageScene } from '../scene/layout';
import { ResourceView } from '../scene/ResourceView';
import { pageVariables } from '../variables';
import { loadPolicies, PolicyView } from './policiesData';
import { PoliciesView } from './PoliciesView';

export function buildPoliciesScene(ctx: AppContext) {
  const view = new ResourceView<PolicyView[]>({
    key: 'policies',
    title: 'Error budget policies',
    load: ({ uid, params }) => loadPolicies(uid, params),
    render: (views, reload, lc) => <PoliciesView views={views} uid={lc.uid} reload={reload} nowMs={Number(lc.params.to)} />,
  });
  return pageScene(pageVariables(ctx, { omit: ['sli', 'deployment', 'slo'] }), [item(view, 200, { height: 'auto' })], 'now-28d');
}

export function buildPoliciesPage(ctx: AppContext): SceneAppPage {
  return new SceneAppPage({
    title: 'Error budget policies',
    subTitle: 'Conditions met now, consequences in force, release gates (book ch. 10)',
    url: pageUrl(ctx, 'policies'),
    routePath: 'policies/*',
    getScene: () => buildPoliciesScene(ctx),
  });
}
