import { readFileSync } from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseDatasourceSettings } from '../../core/contracts/settings';
import { createHandlers } from '../handlers';
import { DataSourceSettings } from '../protocol/settings';
import { GrafanaAccess, grafanaAccessFrom } from './grafanaAccess';
import { GrafanaProxySource } from './grafanaProxy';

// Bodies in the shape Grafana's /api/ds/query answers (data frames as JSON: schema.fields, data.values; NaN as null)
const fixture = (name: string) => readFileSync(path.join(__dirname, '../../../tests/fixtures/grafana', name), 'utf8');
const START = 1_764_547_200_000; // a multiple of the 5-minute step
const STEP = 300_000;
const TOKEN = 'glsa_plugin-service-account-secret';
const signal = new AbortController().signal;

type Reply = { status: number; body: string };
async function fakeGrafana(reply: (req: http.IncomingMessage, body: string) => Reply) {
  const seen: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string }> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const r = reply(req, body);
      res.writeHead(r.status, { 'content-type': 'application/json' }).end(r.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise((r) => server.close(r)) };
}

function proxy(type: 'prometheus' | 'loki', access: GrafanaAccess) {
  const { settings } = parseDatasourceSettings({ connections: [{ name: 'shared', type, grafanaUid: 'prom-main', timeoutSeconds: 2 }] });
  return new GrafanaProxySource({ ...settings.connections[0], grafanaUid: settings.connections[0].grafanaUid! }, () => access);
}

describe('Grafana datasource proxy source', () => {
  it('queries /api/ds/query with the service account token and sums the series per step, NaN where none has a point', async () => {
    const g = await fakeGrafana(() => ({ status: 200, body: fixture('ds-query-prometheus.json') }));
    const counts = await proxy('prometheus', { appUrl: g.url, token: TOKEN }).rangeCounts('sum by (code) (increase(http_requests_total[5m]))', START, START + 3 * STEP, STEP, signal);
    // 1190 + 10, 1205.5 (the 500 series has no point), 1187 + null (NaN in Grafana's JSON)
    expect(Array.from(counts)).toEqual([1200, 1205.5, 1187]);
    const sent = g.seen[0];
    expect(sent).toMatchObject({ method: 'POST', url: '/api/ds/query', headers: expect.objectContaining({ authorization: `Bearer ${TOKEN}` }) });
    expect(JSON.parse(sent.body)).toEqual({
      from: String(START + STEP),
      to: String(START + 3 * STEP),
      queries: [
        {
          refId: 'A',
          datasource: { uid: 'prom-main', type: 'prometheus' },
          expr: 'sum by (code) (increase(http_requests_total[5m]))',
          range: true,
          instant: false,
          interval: '300s',
          intervalMs: STEP,
          maxDataPoints: 3,
          format: 'time_series',
        },
      ],
    });
    await g.close();
  });

  it('asks a range of more than 11,000 buckets in pieces, so Grafana never widens the step', async () => {
    // one frame per request: each bucket's end time (ms) as its count
    const g = await fakeGrafana((_req, body) => {
      const { from, to, queries } = JSON.parse(body) as { from: string; to: string; queries: Array<{ intervalMs: number; maxDataPoints: number }> };
      const times: number[] = [];
      for (let t = Number(from); t <= Number(to); t += queries[0].intervalMs) {times.push(t);}
      const frame = { schema: { fields: [{ name: 'Time', type: 'time' }, { name: 'Value', type: 'number' }] }, data: { values: [times, times.map((t) => t / 1000)] } };
      return { status: times.length > 11_000 ? 400 : 200, body: JSON.stringify({ results: { A: { status: 200, frames: [frame] } } }) };
    });
    const n = 12_345;
    const counts = await proxy('prometheus', { appUrl: g.url, token: TOKEN }).rangeCounts('x', START, START + n * STEP, STEP, signal).finally(() => g.close());
    expect(counts.every((v, i) => v === (START + (i + 1) * STEP) / 1000)).toBe(true);
    expect(g.seen.map((r) => JSON.parse(r.body).queries[0].maxDataPoints)).toEqual([10_000, 2_345]);
  });

  it('asks a Loki datasource for a range query at the bucket step', async () => {
    const g = await fakeGrafana(() => ({ status: 200, body: fixture('ds-query-loki.json') }));
    const counts = await proxy('loki', { appUrl: g.url + '/', token: TOKEN }).rangeCounts('sum(count_over_time({service="catalog"}[5m]))', START, START + 2 * STEP, STEP, signal);
    expect(Array.from(counts)).toEqual([42, 40]);
    expect(JSON.parse(g.seen[0].body).queries[0]).toMatchObject({ queryType: 'range', step: '300s', datasource: { type: 'loki' } });
    await g.close();
  });

  it.each([
    ['a query error Grafana reports inside results', 400, fixture('ds-query-error.json'), 'query-error', 'parse error: unexpected "}"'],
    ['a refused token', 401, '{"message":"invalid API key"}', 'unauthorized', 'refused the plugin service account token'],
    ['a service account without permission', 403, '{"message":"access denied"}', 'unauthorized', 'iam permissions need datasources:query'],
    ['an unknown datasource UID', 404, '{"message":"data source not found"}', 'query-error', 'no datasource with UID prom-main'],
    ['a body that is not JSON', 502, '<html>bad gateway</html>', 'http', 'not JSON'],
  ])('reports %s in words, never with the token', async (_name, status, body, kind, text) => {
    const g = await fakeGrafana(() => ({ status, body }));
    const err = await proxy('prometheus', { appUrl: g.url, token: TOKEN })
      .rangeCounts('x', START, START + STEP, STEP, signal)
      .catch((e) => e);
    expect(err).toMatchObject({ name: 'SourceError', kind });
    expect(err.message).toContain(text);
    expect(err.message).not.toContain(TOKEN);
    await g.close();
  });

  it('says plainly in health when Grafana provides no service account, without calling anything', async () => {
    const g = await fakeGrafana(() => ({ status: 500, body: '{}' }));
    const health = await proxy('prometheus', { appUrl: g.url }).health(signal);
    expect(health.ok).toBe(false);
    expect(health.message).toMatch(/shared \(Grafana datasource prom-main\): Grafana gives this plugin no service account: .*externalServiceAccounts.*managed_service_accounts_enabled/);
    expect(g.seen).toEqual([]);
    await g.close();
  });

  it.each([
    ['OK', 200, '{"status":"OK","message":"Successfully queried the Prometheus API."}', true, 'reachable through Grafana datasource prom-main'],
    ['unhealthy', 400, '{"status":"ERROR","message":"Post \\"http://prometheus:9090/api/v1/query\\": dial tcp: connection refused"}', false, 'is not healthy: Post'],
  ])('checks an %s datasource through Grafana\'s datasource health endpoint', async (_name, status, body, ok, text) => {
    const g = await fakeGrafana(() => ({ status, body }));
    const health = await proxy('prometheus', { appUrl: g.url, token: TOKEN }).health(signal);
    expect(health).toEqual({ ok, message: expect.stringContaining(text) });
    expect(g.seen[0]).toMatchObject({ method: 'GET', url: '/api/datasources/uid/prom-main/health' });
    await g.close();
  });

  it('reads Grafana access from the request config first, then the environment', () => {
    expect(grafanaAccessFrom({ GF_APP_URL: 'http://127.0.0.1:3000/', GF_PLUGIN_APP_CLIENT_SECRET: 'a' }, { GF_PLUGIN_APP_CLIENT_SECRET: 'b' })).toEqual({ appUrl: 'http://127.0.0.1:3000', token: 'a' });
    expect(grafanaAccessFrom({}, { GF_APP_URL: 'http://127.0.0.1:3000', GF_PLUGIN_APP_CLIENT_SECRET: 'b' })).toEqual({ appUrl: 'http://127.0.0.1:3000', token: 'b' });
  });
});

describe('CheckHealth with a Grafana datasource connection', () => {
  const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } as never;
  const catalogYaml = 'apiVersion: sloledger/v1\nteams: [{name: t}]\nservices:\n  - name: s\n    team: t\n    slos:\n      - {name: a, sli: availability, objective: 99, source: {type: prometheus, name: shared}, good: "g[$__window]", total: "t[$__window]"}\n';
  const request = (grafanaConfig: Record<string, string>) => ({
    headers: {},
    context: { orgId: 1, pluginId: 'sloledger-datasource', pluginVersion: '', userAgent: '', apiVersion: '', namespace: '', grafanaConfig },
    settings: {
      id: 1,
      uid: 'slo',
      name: 'SLO Ledger',
      url: '',
      user: '',
      database: '',
      basicAuthEnabled: false,
      basicAuthUser: '',
      lastUpdatedMS: 1,
      apiVersion: '',
      jsonData: { demo: false, catalogYaml, connections: [{ name: 'shared', type: 'prometheus', grafanaUid: 'prom-main' }] },
      decryptedSecureJsonData: {},
    } satisfies DataSourceSettings,
  });

  it('says plainly that Grafana cannot provide the account', async () => {
    const saved = process.env.GF_PLUGIN_APP_CLIENT_SECRET;
    delete process.env.GF_PLUGIN_APP_CLIENT_SECRET;
    const result = await createHandlers(logger).checkHealth(request({ GF_APP_URL: 'http://127.0.0.1:9' }), signal);
    process.env.GF_PLUGIN_APP_CLIENT_SECRET = saved;
    expect(result.status).toBe('ERROR');
    expect(result.message).toContain('Grafana gives this plugin no service account');
  });

  it('is OK when the request brings the token and Grafana finds the datasource healthy', async () => {
    const g = await fakeGrafana(() => ({ status: 200, body: '{"status":"OK","message":"ok"}' }));
    const result = await createHandlers(logger).checkHealth(request({ GF_APP_URL: g.url, GF_PLUGIN_APP_CLIENT_SECRET: TOKEN }), signal);
    expect(result).toMatchObject({ status: 'OK', message: expect.stringContaining('sources: shared') });
    expect(g.seen[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
    await g.close();
  });
});
