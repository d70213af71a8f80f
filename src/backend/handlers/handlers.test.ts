import path from 'node:path';
import { DataSourceSettings } from '../protocol/settings';
import { decodeFrame } from '../protocol/arrowDecode';
import { encodeFrame } from '../protocol/arrow';
import { createHandlers } from './index';

const root = path.resolve(__dirname, '../../..');
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 1);
const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } as never;

function settings(jsonData: Record<string, unknown>, uid = 'ds'): DataSourceSettings {
  return { id: 1, uid, name: 'SLO Ledger', url: '', user: '', database: '', basicAuthEnabled: false, basicAuthUser: '', jsonData, decryptedSecureJsonData: {}, lastUpdatedMS: 1, apiVersion: '' };
}
const context = { orgId: 1, pluginId: 'sloledger-datasource', pluginVersion: '', userAgent: '', apiVersion: '', namespace: '', grafanaConfig: {} };
const signal = new AbortController().signal;
const example = settings({ demo: true, catalogDir: path.join(root, 'provisioning/slos') });

function query(queryType: string, json: Record<string, unknown> = {}) {
  return { refId: 'A', queryType, maxDataPoints: 1000, intervalMs: 60000, timeRange: { fromMs: NOW - DAY, toMs: NOW }, json };
}

describe('SLO handlers', () => {
  const handlers = createHandlers(logger);

  it('answers a catalog query for the example catalog: demo SLOs computed, others say what is missing', async () => {
    const res = await handlers.queryData({ context, settings: example, headers: {}, fromAlert: false, queries: [query('catalog')] }, signal);
    const frame = res.get('A')!.frames[0];
    const { frame: decoded } = decodeFrame(encodeFrame(frame, 'A'));
    const col = (name: string) => Array.from(decoded.fields.find((f) => f.name === name)!.values as ArrayLike<unknown>);
    // 7 native SLOs, the OpenSLO copy of orders-availability + the demo's default availability SLOs for the discovered accounts endpoints without one (book 6.7)
    expect(col('slo')).toHaveLength(10);
    expect(col('slo').filter((_, i) => col('isDefault')[i])).toEqual(['accounts/default-availability:/user', 'accounts/default-availability:/user/lang']);
    const demoRow = col('slo').indexOf('accounts/login-availability-demo');
    expect(col('error')[demoRow]).toBe('');
    expect(col('remaining')[demoRow]).toEqual(expect.any(Number));
    // the timeslices SLO (5-minute slices good at 95%) computes like any other
    const slicesRow = col('slo').indexOf('accounts/login-slices-demo');
    expect(col('error')[slicesRow]).toBe('');
    expect(col('remaining')[slicesRow]).toEqual(expect.any(Number));
    const promRow = col('slo').indexOf('checkout/orders-availability');
    expect(col('error')[promRow]).toBe('no prometheus connection is configured: add one in the datasource settings');
  });

  it('keeps the good SLOs when one fails, with the error as a notice on its own frame', async () => {
    const res = await handlers.queryData({ context, settings: example, headers: {}, fromAlert: false, queries: [query('budget', { services: ['accounts'] })] }, signal);
    const frames = res.get('A')!.frames;
    // sla/login-sla aggregates computed SLOs only, so its series (book fig. 11.9) is there too
    expect(frames.map((f) => f.name).sort()).toEqual(['accounts/default-availability:/user', 'accounts/default-availability:/user/lang', 'accounts/login-availability-demo', 'accounts/login-slices-demo', 'accounts/user-latency', 'sla/login-sla']);
    const failed = frames.find((f) => f.name === 'accounts/user-latency')!;
    expect(failed.meta?.notices?.[0]).toMatchObject({ severity: 'error' });
    const good = frames.find((f) => f.name === 'accounts/login-availability-demo')!;
    expect(good.fields[1].name).toBe('remaining');
  });

  it('says what an incomplete query is missing instead of failing', async () => {
    const res = await handlers.queryData({ context, settings: example, headers: {}, fromAlert: false, queries: [query('adhoc')] }, signal);
    expect(res.get('A')).toMatchObject({ status: 400, error: 'Incomplete query: Ad hoc: a total expression' });
  });

  it('answers a burn-rate query for an alert rule with the requested window', async () => {
    const res = await handlers.queryData({ context, settings: example, headers: {}, fromAlert: true, queries: [query('burnrate', { slos: ['accounts/login-availability-demo'], window: '6h' })] }, signal);
    const frame = res.get('A')!.frames[0];
    expect(frame.fields[1]).toMatchObject({ name: 'burnrate', labels: expect.objectContaining({ window: '6h' }) });
  });

  it('reports catalog errors at file:line in CheckHealth', async () => {
    const broken = settings({ demo: true, catalogDir: path.join(root, 'tests/fixtures/catalog') }, 'broken');
    const res = await handlers.checkHealth({ context, settings: broken, headers: {} }, signal);
    expect(res.status).toBe('ERROR');
    expect(res.message).toContain('broken.yaml:16:15: services[0].slos[1].good: must contain the $__window placeholder');
  });

  it('reports an unreachable Prometheus in CheckHealth', async () => {
    const s = settings({ connections: [{ name: 'prom', type: 'prometheus', url: 'http://127.0.0.1:9', timeoutSeconds: 2 }], catalogDir: path.join(root, 'provisioning/slos') }, 'down');
    const res = await handlers.checkHealth({ context, settings: s, headers: {} }, signal);
    expect(res.status).toBe('ERROR');
    expect(res.message).toContain('prom: cannot reach http://127.0.0.1:9/api/v1/query');
  });

  it.each([
    ['options for variables', 'GET', 'options/services', '', 200, { values: [{ value: 'accounts', label: 'accounts' }, { value: 'catalog', label: 'catalog' }, { value: 'checkout', label: 'checkout' }] }],
    ['an unknown dimension', 'GET', 'options/colours', '', 404, { error: 'unknown dimension "colours" (one of teams, services, slis, deployments, slos, endpoints)' }],
    ['an unknown route', 'GET', 'nope', '', 404, { error: 'no resource "nope" (known: catalog, options/<dimension>, slos/<id>, indicators/<name>, policies, gates/<service>, validate, ledger/periods, policies/<policy>/conditions|enactments|reviews)' }],
    ['validate with GET', 'GET', 'validate', '', 405, { error: 'validate takes POST with YAML in the body' }],
  ])('answers %s', async (_n, method, p, body, status, json) => {
    const res = await handlers.callResource({ context, settings: example, path: p, url: p, method, headers: {}, body: Buffer.from(body) }, signal);
    expect(res.status).toBe(status);
    expect(JSON.parse(String(res.body))).toEqual(json);
  });

  it('validates posted YAML with located issues', async () => {
    const res = await handlers.callResource({ context, settings: example, path: 'validate', url: 'validate', method: 'POST', headers: {}, body: Buffer.from('apiVersion: sloledger/v2\n') }, signal);
    expect(JSON.parse(String(res.body))).toMatchObject({ valid: false, slos: 0, issues: [{ file: 'request', line: 1, message: 'unsupported apiVersion "sloledger/v2": use sloledger/v1' }] });
  });
});
