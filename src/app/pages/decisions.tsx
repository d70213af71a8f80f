/**
 * Decisions (book 11.5): the seven workflows as guided pages, one tab each.
 * Every step names its indicator and gives its answer; the logic is the
 * pure functions of src/core/decisions. Filters are shared with the
 * indicators page and kept in the URL.
 */
import React from 'react';
import { SceneAppPage, SceneReactObject } from '@grafana/scenes';
import { apiConsumptionTab } from '../decisions/apiConsumption';
import { chaosTab } from '../decisions/chaos';
import { featuresVsReliabilityTab } from '../decisions/featuresVsReliability';
import { settingSlaTab } from '../decisions/settingSla';
import { settingSloTab } from '../decisions/settingSlo';
import { sreCapacityTab } from '../decisions/sreCapacity';
import { tightenDependencyTab } from '../decisions/tightenDependency';
import { WorkflowTab } from '../decisions/workflow';
import { AppContext, pageUrl } from '../context';
import { item, pageScene } from '../scene/layout';
import { indicatorVariables, PRESERVED_URL_KEYS } from './indicators';

export const WORKFLOWS: WorkflowTab[] = [apiConsumptionTab, tightenDependencyTab, featuresVsReliabilityTab, settingSloTab, settingSlaTab, sreCapacityTab, chaosTab];

export function buildWorkflowScene(ctx: AppContext, w: WorkflowTab) {
  const purpose = new SceneReactObject({ reactNode: <p>{w.purpose}</p> });
  return pageScene(indicatorVariables(ctx), [item(purpose, 24, { height: 'auto' }), item(w.build(), 200, { height: 'auto' })]);
}

export function buildDecisionsPage(ctx: AppContext): SceneAppPage {
  return new SceneAppPage({
    title: 'Decisions',
    subTitle: 'Guided decision-making workflows (book 11.5)',
    url: pageUrl(ctx, 'decisions'),
    routePath: 'decisions/*',
    preserveUrlKeys: PRESERVED_URL_KEYS,
    tabs: WORKFLOWS.map(
      (w) =>
        new SceneAppPage({
          title: `${w.title} (${w.section})`,
          url: pageUrl(ctx, `decisions/${w.slug}`),
          routePath: w.slug,
          getScene: () => buildWorkflowScene(ctx, w),
        })
    ),
  });
}
