/**
 * Indicators — every SRE indicator of book 11.2, one tab each, as graph
 * and/or table with the book's columns and sorting. Filters (team, service,
 * SLI, deployment, SLO, time scale, time window) are shared and kept in the
 * URL across tabs.
 */
import { CustomVariable, QueryVariable, SceneAppPage, SceneObject, TextBoxVariable, VizPanel } from '@grafana/scenes';
import { VariableRefresh, VariableSort } from '@grafana/schema';
import { AppContext, pageUrl } from '../context';
import { ExternalSeries, externalSeries } from '../scene/ExternalSeries';
import { item, pageScene, sloQueries } from '../scene/layout';
import { variableValue } from '../scene/sceneSelection';
import { DIMENSIONS, DS_REF, pageVariables, selectionQuery } from '../variables';
import { indicatorView } from './IndicatorTable';

const LABELS = ['service', 'endpoint', 'deployment', 'team'];

export const topNVariable = () => new CustomVariable({ name: 'topN', label: 'Top N', query: '3,5,10,20', value: '10', text: '10' });

/**
 * book 11.2.7: the customer an SLA with a `customerLabel` is shown for, from
 * `options/customers` (empty when no SLA has a customer label); "All" is the
 * SLA over all customers. Only the SLA tabs send it.
 */
export const customerVariable = () =>
  new QueryVariable({
    name: 'customer',
    label: 'Customer',
    datasource: DS_REF,
    query: { refId: 'customer', dimension: 'customers' },
    includeAll: true,
    defaultToAll: true,
    allValue: '$__all',
    refresh: VariableRefresh.onDashboardLoad,
    sort: VariableSort.alphabeticalAsc,
  });

/** Variables of the indicator and decision pages: the shared ones, top N, and the external ticket / TTR queries. */
export function indicatorVariables(ctx: AppContext) {
  return pageVariables(ctx, {
    extra: [
      topNVariable(),
      customerVariable(),
      new TextBoxVariable({ name: 'ticketsDs', label: 'Tickets datasource uid', value: '' }),
      new TextBoxVariable({ name: 'ticketsQuery', label: 'Tickets query', value: '' }),
      new TextBoxVariable({ name: 'ttrDs', label: 'Incidents datasource uid', value: '' }),
      new TextBoxVariable({ name: 'ttrQuery', label: 'Time to recovery query', value: '' }),
    ],
  });
}

export const PRESERVED_URL_KEYS = ['from', 'to', 'var-ds', ...DIMENSIONS.map((d) => `var-${d.name}`), 'var-timeScale', 'var-topN', 'var-customer', 'var-ticketsDs', 'var-ticketsQuery', 'var-ttrDs', 'var-ttrQuery'];

const q = selectionQuery();
const viz = (key: string, pluginId: string, title: string, queries: Parameters<typeof sloQueries>[0], options: Record<string, unknown> = {}) =>
  new VizPanel({ key, pluginId, title, options, $data: sloQueries(queries) });
const topN = (scene: Parameters<typeof variableValue>[0]) => ({ topN: variableValue(scene, 'topN') });
const timeScale = (scene: Parameters<typeof variableValue>[0]) => ({ timeScale: variableValue(scene, 'timeScale') });
/** SLA tabs: the time scale and the chosen customer ("All" sends none). */
const slaParams = (scene: Parameters<typeof variableValue>[0]) => {
  const customer = variableValue(scene, 'customer');
  return { ...timeScale(scene), customer: customer && customer !== '$__all' ? customer : undefined };
};

export interface IndicatorTab {
  slug: string;
  title: string;
  section: string;
  body: () => SceneObject[];
}

export const INDICATOR_TABS: IndicatorTab[] = [
  {
    slug: 'adherence', title: 'SLO adherence', section: '11.2.3',
    body: () => [viz('adherence', 'sloledger-adherence-panel', 'SLO adherence by period (fig. 11.2)', [{ queryType: 'adherence', timeScale: '$timeScale' as never, ...q }], { showSli: true, cellLink: '' })],
  },
  {
    slug: 'depletion', title: 'SLO error budget depletion', section: '11.2.4',
    body: () => [
      viz('depletion-graph', 'sloledger-budget-panel', 'Error budget depletion (fig. 11.4)', [{ queryType: 'budget', timeScale: 'daily', ...q }], { layout: 'multiples', onlyPremature: false, showEpisodes: true, showDeployments: true }),
      indicatorView('slo-depletion', 'End-of-period budget and depletion speed (fig. 11.5)', ['service', 'endpoint', 'deployment', 'slo', 'period', 'endRemaining', 'avgSpeed', 'highestSpeed', 'episodes'], timeScale),
    ],
  },
  {
    slug: 'exhaustion', title: 'Premature exhaustion', section: '11.2.5',
    body: () => [
      viz('exhaustion-graph', 'sloledger-budget-panel', 'Periods with premature exhaustion (fig. 11.6)', [{ queryType: 'budget', timeScale: 'daily', ...q }], { layout: 'multiples', onlyPremature: true, showEpisodes: false, showDeployments: false }),
      indicatorView('premature-exhaustion', 'Time to exhaustion (fig. 11.7)', [...LABELS, 'slo', 'period', 'exhaustedAt', 'timeToExhaustionMs', 'endRemaining'], timeScale),
    ],
  },
  { slug: 'slas', title: 'SLAs by service', section: '11.2.6', body: () => [indicatorView('slas-by-service', 'SLAs by service (fig. 11.8)', ['service', 'sla', 'name', 'level', 'objective', 'period', 'sliValue', 'endRemaining', 'state'])] },
  { slug: 'sla-depletion', title: 'SLA error budget depletion', section: '11.2.7', body: () => [indicatorView('sla-depletion', 'SLA budget at period end: contractual and endpoint-level (fig. 11.10)', ['level', 'service', 'sla', 'customer', 'objective', 'period', 'endRemaining', 'sliValue'], slaParams)] },
  {
    slug: 'sla-adherence', title: 'SLA adherence', section: '11.2.8',
    body: () => [indicatorView('sla-adherence', 'SLA adherence by period (fig. 11.11)', ['service', 'sla', 'customer', 'level', 'objective', 'period', 'state', 'sliValue'], slaParams)],
  },
  { slug: 'tickets', title: 'Customer support tickets', section: '11.2.9', body: () => [externalSeries('Customer support tickets', 'ticketsDs', 'ticketsQuery', 'growth', 'tickets')] },
  { slug: 'on-call', title: 'On-call rotations', section: '11.2.10', body: () => [indicatorView('on-call-rotations', 'On-call rotations by team (fig. 11.14)', ['team', 'rotation', 'services', 'people'])] },
  { slug: 'recovery', title: 'Incident time to recovery', section: '11.2.11', body: () => [externalSeries('Incident time to recovery', 'ttrDs', 'ttrQuery', 'slope', 'min')] },
  {
    slug: 'least-available', title: 'Least available endpoints', section: '11.2.12',
    body: () => [indicatorView('least-available-endpoints', 'Least available endpoints, lowest first (fig. 11.16)', ['service', 'endpoint', 'deployment', 'team', 'sliValue', 'bad', 'total'], topN)],
  },
  {
    slug: 'slowest', title: 'Slowest endpoints', section: '11.2.13',
    body: () => [indicatorView('slowest-endpoints', 'Slowest endpoints: least share within the latency threshold (fig. 11.17)', ['service', 'endpoint', 'deployment', 'team', 'thresholdMs', 'sliValue', 'total'], topN)],
  },
];

export function buildIndicatorScene(ctx: AppContext, tab: IndicatorTab) {
  return pageScene(indicatorVariables(ctx), tab.body().map((b) => item(b, b instanceof ExternalSeries || b instanceof VizPanel ? 360 : 160, b instanceof VizPanel ? {} : { height: 'auto' })));
}

export function buildIndicatorsPage(ctx: AppContext): SceneAppPage {
  return new SceneAppPage({
    title: 'Indicators',
    subTitle: 'The SRE indicators of book 11.2',
    url: pageUrl(ctx, 'indicators'),
    routePath: 'indicators/*',
    preserveUrlKeys: PRESERVED_URL_KEYS,
    tabs: INDICATOR_TABS.map(
      (tab) =>
        new SceneAppPage({
          title: `${tab.title} (${tab.section})`,
          url: pageUrl(ctx, `indicators/${tab.slug}`),
          routePath: tab.slug,
          getScene: () => buildIndicatorScene(ctx, tab),
        })
    ),
  });
}
