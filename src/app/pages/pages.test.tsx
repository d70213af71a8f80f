import '../testing/setupScenes';
import { EmbeddedScene, sceneGraph, SceneAppPage, SceneAppPageLike, SceneQueryRunner, VizPanel } from '@grafana/scenes';
import { buildPages } from '../App';
import { defaultContext, detailUrl } from '../context';
import { ExternalSeries } from '../scene/ExternalSeries';
import { ResourceView } from '../scene/ResourceView';
import { buildDecisionsPage, WORKFLOWS } from './decisions';
import { buildIndicatorsPage, INDICATOR_TABS } from './indicators';
import { buildPoliciesPage } from './policies';
import { buildServicesPage, routeOf } from './serviceDetail';
import { sloIdsFor } from './serviceDetailData';

const ctx = defaultContext({ datasourceUid: 'sloledger' });
const match = (url: string, params: Record<string, string> = {}) => ({ params, isExact: true, path: url, url });
const sceneOf = (page: SceneAppPageLike) => page.state.getScene!(match(page.state.url)) as EmbeddedScene;
const panels = (scene: EmbeddedScene) => sceneGraph.findAllObjects(scene, (o) => o instanceof VizPanel) as VizPanel[];
const queriesOf = (p: VizPanel) => (p.state.$data as SceneQueryRunner).state.queries as Array<Record<string, unknown>>;

describe('the app', () => {
  it('has its pages under /a/sloledger-app in navigation order', () => {
    expect(buildPages(ctx).map((p) => p.state.url)).toEqual(['/a/sloledger-app/overview', '/a/sloledger-app/service', '/a/sloledger-app/indicators', '/a/sloledger-app/policies', '/a/sloledger-app/decisions']);
  });

  it.each(['overview', 'service', 'indicators', 'policies', 'decisions'])('lists /a/sloledger-app/%s in plugin.json for the navigation', (slug) => {
    const plugin = require('../../plugin.json') as { includes: Array<{ type: string; path?: string; addToNav?: boolean }> };
    expect(plugin.includes.find((i) => i.path === `/a/%PLUGIN_ID%/${slug}`)).toMatchObject({ type: 'page', addToNav: true });
  });
});

describe('Service / SLO detail page (book 11.2.4)', () => {
  const services = buildServicesPage(ctx);
  const drill = services.state.drilldowns![0];
  const detail = drill.getPage(match('/a/sloledger-app/service/checkout/availability/prod', { service: 'checkout', sli: 'availability', deployment: 'prod' }), services);
  const scene = sceneOf(detail);

  it('answers at /service/<service>/<sli>/<deployment>', () => {
    expect(drill.routePath).toBe(':service/:sli/:deployment');
    expect(detail.state.url).toBe('/a/sloledger-app/service/checkout/availability/prod');
    expect(detailUrl(ctx, 'checkout', 'latency', '')).toBe('/a/sloledger-app/service/checkout/latency/all');
  });

  it('fixes service, SLI and deployment from the URL and keeps the other filters', () => {
    const vars = scene.state.$variables!;
    expect(vars.getByName('service')!.getValue()).toBe('checkout');
    expect(vars.getByName('sli')!.getValue()).toBe('availability');
    expect(vars.getByName('deployment')!.getValue()).toBe('prod');
    expect(vars.getByName('slo')).toBeDefined();
  });

  it('treats "all" as every deployment: the deployment filter stays free', () => {
    const all = drill.getPage(match('/x', { service: 'checkout', sli: 'availability', deployment: 'all' }), services);
    const deployment = sceneOf(all).state.$variables!.getByName('deployment')!;
    expect(deployment.state.type).toBe('query');
    expect(routeOf(match('/x', { service: 'a%2Fb', sli: 'latency' }))).toEqual({ service: 'a/b', sli: 'latency', deployment: 'all' });
  });

  it('shows budget depletion, burn rates, SLI, budget across periods and adherence history', () => {
    const byKey = Object.fromEntries(panels(scene).map((p) => [p.state.key, p]));
    expect(byKey['detail-budget'].state.pluginId).toBe('sloledger-budget-panel');
    expect(queriesOf(byKey['detail-burn']).map((q) => q.window)).toEqual(['1h', '6h', '24h']);
    expect(queriesOf(byKey['detail-sli'])[0]).toMatchObject({ queryType: 'sli', services: ['$service'] });
    expect(queriesOf(byKey['detail-periods'])[0]).toMatchObject({ queryType: 'depletion', timeScale: 'period' });
    expect(byKey['detail-adherence'].state.pluginId).toBe('sloledger-adherence-panel');
    expect(sceneGraph.findByKey(scene, 'detail-state')).toBeInstanceOf(ResourceView);
  });

  it('picks the SLOs of the route from the catalog', () => {
    const slos = [
      { id: 'c/a', service: 'checkout', sli: 'availability', deployment: 'prod' },
      { id: 'c/b', service: 'checkout', sli: 'availability', deployment: 'eu' },
      { id: 'c/l', service: 'checkout', sli: 'latency', deployment: 'prod' },
    ] as never;
    expect(sloIdsFor({ slos }, { service: 'checkout', sli: 'availability', deployment: 'prod' })).toEqual(['c/a']);
    expect(sloIdsFor({ slos }, { service: 'checkout', sli: 'availability', deployment: 'all' })).toEqual(['c/a', 'c/b']);
  });
});

describe('Indicators page (book 11.2)', () => {
  const page = buildIndicatorsPage(ctx);
  const tabs = page.state.tabs as SceneAppPage[];

  it('has one tab per indicator of 11.2.3 to 11.2.13, each at its own URL', () => {
    expect(INDICATOR_TABS.map((t) => t.section)).toEqual(['11.2.3', '11.2.4', '11.2.5', '11.2.6', '11.2.7', '11.2.8', '11.2.9', '11.2.10', '11.2.11', '11.2.12', '11.2.13']);
    expect(tabs[1].state.url).toBe('/a/sloledger-app/indicators/depletion');
  });

  it('keeps the filters and the time range in the URL across tabs', () => {
    expect(page.state.preserveUrlKeys).toEqual(expect.arrayContaining(['from', 'to', 'var-team', 'var-service', 'var-sli', 'var-deployment', 'var-slo', 'var-timeScale']));
  });

  it.each([
    ['adherence', ['sloledger-adherence-panel'], []],
    ['depletion', ['sloledger-budget-panel'], ['indicator-slo-depletion']],
    ['exhaustion', ['sloledger-budget-panel'], ['indicator-premature-exhaustion']],
    ['slas', [], ['indicator-slas-by-service']],
    ['sla-depletion', [], ['indicator-sla-depletion']],
    ['sla-adherence', [], ['indicator-sla-adherence']],
    ['on-call', [], ['indicator-on-call-rotations']],
    ['least-available', [], ['indicator-least-available-endpoints']],
    ['slowest', [], ['indicator-slowest-endpoints']],
  ])('the %s tab shows its graph panels %j and tables %j', (slug, pluginIds, views) => {
    const scene = sceneOf(tabs.find((t) => t.state.routePath === slug)!);
    expect(panels(scene).map((p) => p.state.pluginId)).toEqual(pluginIds);
    expect(sceneGraph.findAllObjects(scene, (o) => o instanceof ResourceView).map((o) => o.state.key)).toEqual(views);
  });

  it('binds the adherence time scale to the $timeScale filter', () => {
    const scene = sceneOf(tabs[0]);
    expect(queriesOf(panels(scene)[0])[0]).toMatchObject({ queryType: 'adherence', timeScale: '$timeScale' });
  });

  it('marks premature exhaustion on the depletion graph of 11.2.5 (fig. 11.6)', () => {
    const scene = sceneOf(tabs[2]);
    expect(panels(scene)[0].state.options).toMatchObject({ onlyPremature: true });
  });

  it.each([
    ['tickets', 'ticketsDs'],
    ['recovery', 'ttrDs'],
  ])('reads %s from a user-chosen datasource (%s)', (slug, variable) => {
    const scene = sceneOf(tabs.find((t) => t.state.routePath === slug)!);
    const ext = sceneGraph.findObject(scene, (o) => o instanceof ExternalSeries) as ExternalSeries;
    expect(ext.state.dsVariable).toBe(variable);
    expect(scene.state.$variables!.getByName(variable)).toBeDefined();
  });
});

describe('Policies and Decisions pages', () => {
  it('builds the policies page at /policies with a policies view', () => {
    const page = buildPoliciesPage(ctx);
    expect(page.state.url).toBe('/a/sloledger-app/policies');
    expect(sceneGraph.findByKey(sceneOf(page), 'policies')).toBeInstanceOf(ResourceView);
  });

  it('has the seven workflows of book 11.5 as tabs', () => {
    const page = buildDecisionsPage(ctx);
    expect(WORKFLOWS.map((w) => w.section)).toEqual(['11.5.1', '11.5.2', '11.5.3', '11.5.4', '11.5.5', '11.5.6', '11.5.7']);
    const tabs = page.state.tabs as SceneAppPage[];
    expect(tabs.map((t) => t.state.url.replace('/a/sloledger-app/decisions/', ''))).toEqual(['api-consumption', 'tighten-dependency', 'features-vs-reliability', 'setting-slo', 'setting-sla', 'sre-capacity', 'chaos']);
    for (const t of tabs) {
      const scene = sceneOf(t);
      expect(sceneGraph.findAllObjects(scene, (o) => o instanceof ResourceView)).toHaveLength(1);
      expect(scene.state.$variables!.getByName('topN')).toBeDefined();
    }
  });
});
