import './testEnv';
import { checkQuery, CUSTOMER_QUERY_TYPES } from '../core/contracts/queryModel';
import overview from './dashboards/slo-overview.json';
import detail from './dashboards/slo-detail.json';
import indicators from './dashboards/error-budget-indicators.json';
import pluginJson from './plugin.json';
import { SloLedgerQuery } from './types';
import { toVariableQuery } from './variableSupport';

interface Panel {
  title: string;
  type: string;
  datasource?: { type: string; uid: string };
  targets: Array<SloLedgerQuery & { datasource?: { type: string; uid: string } }>;
}
interface Dashboard {
  uid: string;
  title: string;
  panels: Panel[];
  templating: { list: Array<{ name: string; type: string; query: unknown; datasource?: { type: string; uid: string } }> };
  annotations: { list: Array<{ datasource?: { type: string; uid: string }; target?: SloLedgerQuery }> };
}

const DASHBOARDS: Array<[string, Dashboard]> = [
  ['dashboards/slo-overview.json', overview as unknown as Dashboard],
  ['dashboards/slo-detail.json', detail as unknown as Dashboard],
  ['dashboards/error-budget-indicators.json', indicators as unknown as Dashboard],
];
const PANEL_TYPES = ['sloledger-budget-panel', 'sloledger-adherence-panel', 'sloledger-overview-panel', 'timeseries', 'table'];
const OURS = { type: 'sloledger-datasource', uid: '${datasource}' };

describe.each(DASHBOARDS)('%s', (path, dashboard) => {
  it('is listed in plugin.json under its title', () => {
    expect(pluginJson.includes).toContainEqual({ type: 'dashboard', name: dashboard.title, path });
  });

  it('selects the datasource through a datasource variable of type sloledger-datasource', () => {
    expect(dashboard.templating.list[0]).toEqual(expect.objectContaining({ name: 'datasource', type: 'datasource', query: 'sloledger-datasource' }));
  });

  it('uses only our panels and Grafana timeseries/table, every query complete and on our datasource', () => {
    for (const panel of dashboard.panels) {
      expect(PANEL_TYPES).toContain(panel.type);
      expect(panel.datasource).toEqual(OURS);
      for (const target of panel.targets) {
        expect(target.datasource).toEqual(OURS);
        expect({ panel: panel.title, check: checkQuery(target) }).toEqual({ panel: panel.title, check: { ok: true } });
      }
    }
  });

  it('has query variables the variable support reads, chained to the ones before', () => {
    const vars = dashboard.templating.list.filter((v) => v.type === 'query');
    for (const v of vars) {
      expect(v.datasource).toEqual(OURS);
      expect(toVariableQuery(v.query).dimension).toBe((v.query as { dimension: string }).dimension);
    }
    const service = vars.find((v) => v.name === 'service');
    expect(service?.query).toEqual(expect.objectContaining({ dimension: 'services', teams: ['$team'] }));
  });

  it('annotates with episodes queries only', () => {
    for (const a of dashboard.annotations.list.filter((x) => x.datasource?.type === 'sloledger-datasource')) {
      expect(a.target?.queryType).toBe('episodes');
    }
  });
});

it('the detail dashboard offers team, service, SLI, SLO and deployment', () => {
  expect((detail as unknown as Dashboard).templating.list.map((v) => v.name)).toEqual(['datasource', 'team', 'service', 'sli', 'slo', 'deployment']);
});

it('the indicators dashboard shows premature exhaustion with onlyPremature and both endpoint lists', () => {
  const targets = (indicators as unknown as Dashboard).panels.flatMap((p) => p.targets);
  expect(targets.filter((t) => t.onlyPremature).map((t) => t.queryType)).toEqual(['budget', 'exhaustion']);
  expect(targets.filter((t) => t.queryType === 'endpoints').map((t) => t.endpointsMode)).toEqual(['least-available', 'slowest']);
});

it('the indicators dashboard has a single-value Customer variable from options/customers, used by every panel whose query type takes it (book 11.2.7)', () => {
  const dashboard = indicators as unknown as Dashboard;
  const customer = dashboard.templating.list.find((v) => v.name === 'customer') as unknown as { query: unknown; multi: boolean; allValue: string };
  expect(toVariableQuery(customer.query).dimension).toBe('customers');
  // one customer per query: the backend refuses several; "All" ($__all) reads every customer together
  expect([customer.multi, customer.allValue]).toEqual([false, '$__all']);
  const targets = dashboard.panels.flatMap((p) => p.targets.map((t) => ({ panel: p.title, type: t.queryType, customer: t.customer })));
  const takers = targets.filter((t) => CUSTOMER_QUERY_TYPES.includes(t.type!));
  expect(takers.map((t) => t.panel)).toEqual(['SLO adherence', 'Error budget depletion', 'Depletion per period', 'Premature exhaustion (graph)', 'Premature exhaustion']);
  expect(takers.filter((t) => t.customer === '$customer').map((t) => t.panel)).toEqual(['SLO adherence', 'Error budget depletion', 'Depletion per period', 'Premature exhaustion']);
  expect(targets.filter((t) => !CUSTOMER_QUERY_TYPES.includes(t.type!)).every((t) => t.customer === undefined)).toBe(true);
});
