import { BadRequestError } from './errors';
import { isFromAlert, headerValue } from './headers';
import { parseJsonObject, parsePluginContext } from './settings';
import { WirePluginContext } from './wire';

function makeWireContext(overrides: Partial<WirePluginContext> = {}): WirePluginContext {
  return {
    orgId: 1,
    pluginId: 'sloledger-datasource',
    pluginVersion: '0.1.0',
    user: { login: 'ana', name: 'Ana', email: 'ana@example.com', role: 'Editor' },
    dataSourceInstanceSettings: {
      id: 7,
      uid: 'slo-ds',
      name: 'SLO Ledger',
      url: 'http://prometheus:9090',
      jsonData: Buffer.from('{"catalog":"services: []","connections":[{"name":"prom"}]}'),
      decryptedSecureJsonData: { 'prom.password': 'hunter2' },
      lastUpdatedMS: 1_763_800_000_123,
    },
    appInstanceSettings: null,
    grafanaConfig: { GF_APP_URL: 'http://grafana:3000/' },
    ...overrides,
  };
}

describe('parsePluginContext', () => {
  it('converts datasource settings, user and grafanaConfig to plain values', () => {
    const ctx = parsePluginContext(makeWireContext());
    expect(ctx).toMatchObject({
      orgId: 1,
      pluginId: 'sloledger-datasource',
      user: { login: 'ana', role: 'Editor' },
      grafanaConfig: { GF_APP_URL: 'http://grafana:3000/' },
      dataSource: {
        id: 7,
        uid: 'slo-ds',
        url: 'http://prometheus:9090',
        jsonData: { catalog: 'services: []', connections: [{ name: 'prom' }] },
        decryptedSecureJsonData: { 'prom.password': 'hunter2' },
        lastUpdatedMS: 1_763_800_000_123,
        basicAuthEnabled: false,
      },
    });
    expect(ctx.app).toBeUndefined();
  });

  it('leaves the user out of requests Grafana makes itself (alerting)', () => {
    expect(parsePluginContext(makeWireContext({ user: null })).user).toBeUndefined();
  });

  it('accepts a missing context', () => {
    expect(parsePluginContext(undefined)).toMatchObject({ orgId: 0, pluginId: '', grafanaConfig: {} });
  });

  it('accepts int64 values given as strings by another decoder', () => {
    const ctx = parsePluginContext({ orgId: '3' as unknown as number, dataSourceInstanceSettings: { lastUpdatedMS: '17' as unknown as number } });
    expect(ctx.orgId).toBe(3);
    expect(ctx.dataSource?.lastUpdatedMS).toBe(17);
  });

  it('fails with a clear BadRequestError on jsonData that is not JSON', () => {
    const wire = makeWireContext({ dataSourceInstanceSettings: { name: 'SLO Ledger', jsonData: Buffer.from('{catalog:') } });
    expect(() => parsePluginContext(wire)).toThrow(BadRequestError);
    expect(() => parsePluginContext(wire)).toThrow(/datasource "SLO Ledger" settings: jsonData is not valid JSON/);
  });

  it('parses app settings', () => {
    const ctx = parsePluginContext({ appInstanceSettings: { jsonData: Buffer.from('{"a":1}'), lastUpdatedMS: 5 } });
    expect(ctx.app).toEqual({ jsonData: { a: 1 }, decryptedSecureJsonData: {}, lastUpdatedMS: 5, apiVersion: '' });
  });
});

describe('parseJsonObject', () => {
  it.each([
    ['empty bytes', '', {}],
    ['null', 'null', {}],
    ['an object', '{"a":[1,2]}', { a: [1, 2] }],
    ['UTF-8 text', '{"name":"Zürich ✓"}', { name: 'Zürich ✓' }],
  ])('reads %s', (_name, text, expected) => {
    expect(parseJsonObject(Buffer.from(text), 'x')).toEqual(expected);
  });

  it.each([
    ['an array', '[1]', /must be a JSON object, got an array/],
    ['a string', '"s"', /must be a JSON object, got string/],
    ['broken JSON', '{', /x is not valid JSON/],
  ])('rejects %s', (_name, text, message) => {
    expect(() => parseJsonObject(Buffer.from(text), 'x')).toThrow(message);
  });

  it('reads a Buffer that is a slice of a larger pool', () => {
    const pool = Buffer.from('xxx{"a":1}yyy');
    expect(parseJsonObject(pool.subarray(3, 10), 'x')).toEqual({ a: 1 });
  });
});

describe('isFromAlert', () => {
  it.each([
    [{ FromAlert: 'true' }, true],
    [{ Fromalert: 'true' }, true],
    [{ fromalert: 'TRUE' }, true],
    [{ FromAlert: 'false' }, false],
    [{ http_FromAlert: 'true' }, false],
    [{}, false],
    [undefined, false],
  ])('%j → %s', (headers, expected) => {
    expect(isFromAlert(headers)).toBe(expected);
  });

  it('finds any header case-insensitively', () => {
    expect(headerValue({ 'X-Scope-OrgID': 't1' }, 'x-scope-orgid')).toBe('t1');
  });
});
