import { fakeTemplateSrv, FakeVariables } from './testUtils';
import { CoreApp, DataQueryRequest, DataSourceInstanceSettings, PluginMetaInfo, PluginType } from '@grafana/data';
import { BackendSrv, setBackendSrv, setTemplateSrv, TemplateSrv } from '@grafana/runtime';
import { lastValueFrom, of, throwError } from 'rxjs';
import { DEFAULT_QUERY } from '../core/contracts/queryModel';
import { prepareAnnotationQuery } from './annotations';
import { SloLedgerDataSource } from './SloLedgerDataSource';
import { SloLedgerOptions, SloLedgerQuery, SloLedgerVariableQuery } from './types';
import { SloLedgerVariableSupport, toVariableQuery } from './variableSupport';

const makeSettings = (jsonData: SloLedgerOptions = {}): DataSourceInstanceSettings<SloLedgerOptions> => ({
  id: 1,
  uid: 'slo-uid',
  type: 'sloledger-datasource',
  name: 'SLO Ledger',
  access: 'proxy',
  readOnly: false,
  jsonData,
  meta: {
    id: 'sloledger-datasource',
    name: 'SLO Ledger',
    type: PluginType.datasource,
    module: '',
    baseUrl: '',
    info: {} as PluginMetaInfo,
  },
});

const makeQuery = (overrides: Partial<SloLedgerQuery> = {}): SloLedgerQuery => ({ refId: 'A', ...DEFAULT_QUERY, ...overrides });

/** The backend boundary: every resource request answers `answer` (or fails). */
function setup({ vars = {}, jsonData = {}, answer = { values: [] as Array<{ value: string; label: string }> }, fail = false }: { vars?: FakeVariables; jsonData?: SloLedgerOptions; answer?: unknown; fail?: boolean } = {}) {
  const fetch = jest.fn(() => (fail ? throwError(() => ({ status: 404, data: { error: 'unknown dimension "x"' } })) : of({ data: answer, status: 200 })));
  setBackendSrv({ fetch } as unknown as BackendSrv);
  const templateSrv = fakeTemplateSrv(vars);
  setTemplateSrv(templateSrv as unknown as TemplateSrv);
  return { ds: new SloLedgerDataSource(makeSettings(jsonData)), fetch, templateSrv };
}

describe('SloLedgerDataSource', () => {
  it('expands multi-value variables into the selection lists it sends', () => {
    const { ds } = setup({ vars: { team: ['payments', 'search'], service: 'checkout' } });
    const out = ds.applyTemplateVariables(makeQuery({ teams: ['$team'], services: ['$service', 'accounts'] }), {});
    expect(out.teams).toEqual(['payments', 'search']);
    expect(out.services).toEqual(['checkout', 'accounts']);
  });

  it('sends the value of a $customer variable as the query\'s customer (book 11.2.7)', () => {
    const { ds } = setup({ vars: { customer: 'globex' } });
    expect(ds.applyTemplateVariables(makeQuery({ queryType: 'adherence', customer: '$customer' }), {}).customer).toBe('globex');
  });

  it.each([
    ['a complete budget query runs', makeQuery(), true],
    ['a hidden query does not run', makeQuery({ hide: true }), false],
    ['an ad hoc query without total does not run', makeQuery({ queryType: 'adhoc', adhoc: { source: 'demo', good: 'x[$__window]', total: '', objective: 99 } }), false],
    ['a burn-rate query with a bad window does not run', makeQuery({ queryType: 'burnrate', window: 'soon' }), false],
    ['a complete ad hoc query runs', makeQuery({ queryType: 'adhoc', adhoc: { source: 'demo', good: 'g[$__window]', total: 't[$__window]', objective: 99.9 } }), true],
  ])('filterQuery: %s', (_name, query, expected) => {
    const { ds } = setup();
    expect(ds.filterQuery(query)).toBe(expected);
  });

  it('offers the shared default query in dashboards and Explore', () => {
    const { ds } = setup();
    expect(ds.getDefaultQuery(CoreApp.Explore)).toEqual(DEFAULT_QUERY);
    expect(ds.getDefaultQuery(CoreApp.Dashboard)).toEqual(DEFAULT_QUERY);
  });

  it('reads dimension values from options/<dimension>, narrowed by the expanded selection', async () => {
    const { ds, fetch } = setup({ vars: { team: ['payments', 'search'] }, answer: { values: [{ value: 'checkout', label: 'checkout' }] } });
    const options = await ds.fetchOptions('services', { teams: ['$team'] });
    expect(options).toEqual([{ value: 'checkout', label: 'checkout' }]);
    expect(fetch).toHaveBeenCalledWith(
      expect.objectContaining({ method: 'GET', url: '/api/datasources/uid/slo-uid/resources/options/services', params: { team: ['payments', 'search'] } })
    );
  });

  it('lists the dashboard variables as $name', () => {
    const { ds } = setup({ vars: { team: 'a', service: 'b' } });
    expect(ds.variableNames()).toEqual(['$team', '$service']);
  });

  it.each([
    ['no connections: demo on by default', {}, true],
    ['connections and no demo flag: demo off', { connections: [{ name: 'p', type: 'prometheus' as const, url: 'http://p' }] }, false],
    ['an explicit flag wins', { demo: true, connections: [{ name: 'p', type: 'prometheus' as const, url: 'http://p' }] }, true],
  ])('demoEnabled: %s', (_name, jsonData, expected) => {
    expect(setup({ jsonData }).ds.demoEnabled()).toBe(expected);
  });
});

describe('template variable support', () => {
  const request = (query: unknown): DataQueryRequest<SloLedgerVariableQuery> =>
    ({ targets: [query], scopedVars: {}, range: undefined, requestId: 'v' }) as unknown as DataQueryRequest<SloLedgerVariableQuery>;

  it('is a custom variable support of the datasource', () => {
    expect(setup().ds.variables).toBeInstanceOf(SloLedgerVariableSupport);
  });

  it.each([
    ['teams', 'options/teams', {}],
    ['services', 'options/services', { team: ['payments'] }],
    ['slis', 'options/slis', { team: ['payments'], service: ['checkout'] }],
    ['deployments', 'options/deployments', {}],
    ['slos', 'options/slos', { sli: ['latency'] }],
    ['endpoints', 'options/endpoints', { service: ['checkout'] }],
    ['customers', 'options/customers', {}],
  ] as const)('lists %s from %s', async (dimension, path, params) => {
    const { ds, fetch } = setup({ vars: { team: 'payments' }, answer: { values: [{ value: 'v1', label: 'Value 1' }] } });
    const narrowing = { teams: 'team' in params ? ['$team'] : undefined, services: 'service' in params ? ['checkout'] : undefined, slis: 'sli' in params ? ['latency'] : undefined };
    const response = await lastValueFrom((ds.variables as SloLedgerVariableSupport).query(request({ refId: 'v', dimension, ...narrowing })));
    expect(fetch).toHaveBeenCalledWith(expect.objectContaining({ url: `/api/datasources/uid/slo-uid/resources/${path}`, params }));
    const frame = response.data[0];
    expect(frame.fields.map((f: { name: string; values: unknown[] }) => [f.name, [...f.values]])).toEqual([
      ['text', ['Value 1']],
      ['value', ['v1']],
    ]);
  });

  it('reports a failing resource as an error instead of throwing', async () => {
    const { ds } = setup({ fail: true });
    const response = await lastValueFrom((ds.variables as SloLedgerVariableSupport).query(request({ refId: 'v', dimension: 'teams' })));
    expect(response.data).toEqual([]);
    expect(response.error?.message).toContain('unknown dimension "x"');
  });

  it.each([
    ['a bare dimension name', 'services', { refId: 'variable', dimension: 'services' }],
    ['an unknown dimension lists SLOs', { dimension: 'people' }, { refId: 'variable', dimension: 'slos' }],
    ['nothing lists SLOs', undefined, { refId: 'variable', dimension: 'slos' }],
  ])('reads %s', (_name, raw, expected) => {
    expect(toVariableQuery(raw)).toEqual(expected);
  });
});

describe('annotations', () => {
  it('is supported with its own editor', () => {
    const { ds } = setup();
    expect(ds.annotations?.QueryEditor).toBeDefined();
    expect(ds.annotations?.getDefaultQuery?.()).toEqual({ queryType: 'episodes', annotationKinds: ['episodes', 'exhaustion'], includeDefaults: true });
  });

  it('always runs an episodes query with the stored selection and kinds', () => {
    const query = prepareAnnotationQuery({
      name: 'SLO events',
      enable: true,
      iconColor: 'red',
      target: { refId: 'X', queryType: 'budget', services: ['checkout'], annotationKinds: ['deployments'], deploymentQuery: 'up' },
    });
    expect(query).toEqual(expect.objectContaining({ refId: 'X', queryType: 'episodes', services: ['checkout'], annotationKinds: ['deployments'], deploymentQuery: 'up' }));
  });

  it('uses the default kinds for an annotation never edited, and skips one with no kind', () => {
    expect(prepareAnnotationQuery({ name: 'a', enable: true, iconColor: 'red' })).toEqual(expect.objectContaining({ refId: 'Anno', queryType: 'episodes', annotationKinds: ['episodes', 'exhaustion'] }));
    expect(prepareAnnotationQuery({ name: 'a', enable: true, iconColor: 'red', target: { refId: 'A', annotationKinds: [] } })).toBeUndefined();
  });
});
