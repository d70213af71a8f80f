/**
 * The backend as Grafana sees it: launched with go-plugin's environment, a
 * handshake as the only stdout, gRPC health, the pluginv2 services with
 * Arrow frames, robustness against malformed calls, and a clean exit on the
 * controller's Shutdown. Runs the built executable when it is fresh, else
 * the bundle on Node 24 (tests/node/harness/launch.ts).
 *
 * The QueryData/CheckHealth/CallResource expectations below follow the
 * real SLO handlers over the demo source with a one-SLO catalog in the
 * datasource settings.
 */
import { status as GrpcStatus } from '@grpc/grpc-js';
import { decodeFrame, hasArrowFileMagic } from '../../src/backend/protocol/arrowDecode';
import { WirePluginContext } from '../../src/backend/protocol/wire';
import { BackendProcess, HANDSHAKE, PluginClient, connectPlugin, grafanaEnv, launchBackend, runBackend } from './harness';

jest.setTimeout(60_000);

const HCLOG_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}(Z|[+-]\d{2}:\d{2})$/;

const DEMO_CATALOG = `apiVersion: sloledger/v1
teams: [{ name: payments }]
services:
  - name: checkout
    team: payments
    slos:
      - name: orders
        sli: availability
        objective: 99.9
        source: demo
        good: demo_good{slo="orders"}[$__window]
        total: demo_total{slo="orders"}[$__window]
`;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 1);

function makePluginContext(overrides: Partial<WirePluginContext> = {}): WirePluginContext {
  return {
    orgId: 1,
    pluginId: 'sloledger-datasource',
    user: { login: 'admin', role: 'Admin' },
    dataSourceInstanceSettings: {
      id: 3,
      uid: 'sloledger',
      name: 'SLO Ledger',
      url: 'http://prometheus:9090',
      jsonData: Buffer.from(JSON.stringify({ demo: true, catalogYaml: DEMO_CATALOG })),
      decryptedSecureJsonData: { 'prom.password': 'never-logged' },
      lastUpdatedMS: 1_763_800_000_000,
    },
    grafanaConfig: { GF_APP_URL: 'http://localhost:3000/' },
    ...overrides,
  };
}

describe('the backend under a Grafana-like host', () => {
  let backend: BackendProcess;
  let client: PluginClient;

  beforeAll(async () => {
    backend = await launchBackend();
    client = connectPlugin(backend.address);
  });

  afterAll(() => {
    client?.close();
    backend?.kill();
  });

  it('prints exactly one handshake line on stdout, on loopback, protocol grpc', () => {
    expect(backend.handshake).toMatch(HANDSHAKE);
    expect(backend.stdout()).toBe(backend.handshake);
  });

  it('answers gRPC health for "plugin" and "" and NOT_FOUND for other names', async () => {
    expect(await client.healthCheck('plugin')).toEqual({ status: 'SERVING' });
    expect(await client.healthCheck('')).toEqual({ status: 'SERVING' });
    await expect(client.healthCheck('other')).rejects.toMatchObject({ code: GrpcStatus.NOT_FOUND });
  });

  it('answers CheckHealth with datasource settings in the plugin context', async () => {
    const res = await client.checkHealth({ pluginContext: makePluginContext(), headers: {} });
    expect(res).toMatchObject({ status: 'OK', message: expect.stringMatching(/^SLO Ledger is working: 1 SLOs in 1 services; sources: demo(; ledger: sqlite:.*)?$/) });
  });

  it('answers QueryData with one Arrow file frame per query, decoded field by field', async () => {
    const timeRange = { fromEpochMS: NOW - DAY, toEpochMS: NOW };
    const res = await client.queryData({
      pluginContext: makePluginContext(),
      headers: { FromAlert: 'true' },
      queries: [
        { refId: 'A', queryType: 'sli', json: Buffer.from('{"refId":"A"}'), timeRange },
        { refId: 'B', queryType: 'budget', json: Buffer.from('{"refId":"B"}'), timeRange },
      ],
    });
    expect(Object.keys(res.responses).sort()).toEqual(['A', 'B']);
    for (const [refId, valueName] of [
      ['A', 'sli'],
      ['B', 'remaining'],
    ]) {
      const response = res.responses[refId];
      expect(response.error).toBe('');
      expect(response.frames).toHaveLength(1);
      const bytes = response.frames[0];
      expect(hasArrowFileMagic(bytes)).toBe(true);
      const { frame, schema } = decodeFrame(bytes);
      expect(schema.metadata).toMatchObject({ name: 'checkout/orders', refId });
      expect(schema.fields.map((f) => [f.name, f.type, f.nullable])).toEqual([
        ['time', 'Timestamp<NANOSECOND>', false],
        [valueName, 'Float64', true],
      ]);
      const values = frame.fields[1].values as Array<number | null>;
      expect(values.length).toBe(289); // 1 day of 5-minute buckets, both ends included
      expect(values.every((v) => v === null || (v <= 1 && (valueName === 'remaining' || v >= 0)))).toBe(true);
      expect(JSON.parse(schema.fields[1].metadata.labels)).toMatchObject({ slo: 'checkout/orders', team: 'payments', objective: '0.999' });
    }
  });

  it('answers a query with broken JSON with a per-refId 400, not a failed call', async () => {
    const res = await client.queryData({ pluginContext: makePluginContext(), queries: [{ refId: 'X', json: Buffer.from('{') }] });
    expect(res.responses.X).toMatchObject({ status: 400, errorSource: 'downstream', frames: [] });
  });

  it('accepts requests above the default 4 MB gRPC limit', async () => {
    const big = JSON.stringify({ catalog: 'x'.repeat(6 * 1024 * 1024) });
    const pluginContext = makePluginContext({ dataSourceInstanceSettings: { uid: 'big', jsonData: Buffer.from(big) } });
    const res = await client.queryData({ pluginContext, queries: [{ refId: 'A', queryType: 'catalog', json: Buffer.from('{}') }] });
    expect(res.responses.A.frames).toHaveLength(1);
  });

  it('streams CallResource responses with status and headers in the first message', async () => {
    const messages = await client.callResource({
      pluginContext: makePluginContext(),
      path: '/options/teams',
      method: 'GET',
      url: 'options/teams?service=checkout',
      headers: { Accept: { values: ['application/json'] } },
      body: Buffer.alloc(0),
    });
    expect(messages.length).toBeGreaterThanOrEqual(1);
    expect(messages[0].code).toBe(200);
    expect(messages[0].headers?.['Content-Type']).toEqual({ values: ['application/json'] });
    const body = Buffer.concat(messages.map((m) => Buffer.from(m.body ?? []))).toString();
    expect(JSON.parse(body)).toEqual({ values: [{ value: 'payments', label: 'payments' }] });
  });

  it('answers a CD pipeline asking the release gate (gates/<service>) with deny and the reasons', async () => {
    // rolling 28 days at 99.9%: the demo's 23-day outage always lies inside the window, so more than 70% is spent
    const catalog = DEMO_CATALOG.replace("      - name: orders\n", "      - name: orders\n        period: 28d\n").replace('    team: payments\n', '    team: payments\n    deployments: [prod]\n') + `policies:
  - name: payments-policy
    scope: { teams: [payments] }
    purpose: Reliability first
    conditions: [{ id: B, kind: budget-spent, pct: 70, description: 70% spent }]
    consequences: [{ id: J, when: [B], blocksReleases: true, environments: [prod], description: Stop releases to production }]
    escalation: Engineering manager
    agreedBy: [ops, dev, po]
    nextReview: 2030-01-01
`;
    const settings = { ...makePluginContext().dataSourceInstanceSettings!, uid: 'gated', jsonData: Buffer.from(JSON.stringify({ demo: true, catalogYaml: catalog })) };
    const messages = await client.callResource({
      pluginContext: makePluginContext({ dataSourceInstanceSettings: settings }),
      path: '/gates/checkout',
      method: 'GET',
      url: 'gates/checkout?environment=prod',
      headers: {},
      body: Buffer.alloc(0),
    });
    expect(messages[0].code).toBe(200);
    const body = JSON.parse(Buffer.concat(messages.map((m) => Buffer.from(m.body ?? []))).toString());
    expect(body).toMatchObject({ service: 'checkout', environment: 'prod', decision: 'deny' });
    expect(body.reasons[0]).toMatch(/^policy payments-policy, consequence J "Stop releases to production" is in force \(condition B met: checkout\/orders: \d+\.\d% of the rolling 28d budget spent/);
  });

  it('exposes process metrics through CollectMetrics', async () => {
    const res = await client.collectMetrics();
    expect(Buffer.from(res.metrics.prometheus).toString()).toMatch(/^process_resident_memory_bytes \d+$/m);
  });

  it('answers bytes that are not protobuf with an error status and keeps serving', async () => {
    const res = await client.raw('/pluginv2.Data/QueryData', Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x12]));
    expect(res.error?.code).toBe(GrpcStatus.INTERNAL);
    expect(res.error?.details).toMatch(/deserializ/i);
    expect(await client.healthCheck('plugin')).toEqual({ status: 'SERVING' });
  });

  it.each([
    ['/pluginv2.Data/QueryChunkedData'],
    ['/pluginv2.Stream/RunStream'],
    ['/pluginv2.AdmissionControl/ValidateAdmission'],
    ['/plugin.GRPCStdio/StreamStdio'],
  ])('answers %s with UNIMPLEMENTED', async (path) => {
    const res = await client.raw(path, Buffer.alloc(0));
    expect(res.error?.code).toBe(GrpcStatus.UNIMPLEMENTED);
  });

  it('writes only hclog JSON lines on stderr, with 6-digit timestamps and no secrets', () => {
    const lines = backend.logLines();
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(['trace', 'debug', 'info', 'warn', 'error']).toContain(line['@level']);
      expect(typeof line['@message']).toBe('string');
      expect(String(line['@timestamp'])).toMatch(HCLOG_TIMESTAMP);
    }
    expect(backend.stderr()).not.toContain('never-logged');
  });

  it('ignores SIGINT (the host stops the plugin, not Ctrl-C)', async () => {
    backend.child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 200));
    expect(await client.healthCheck('plugin')).toEqual({ status: 'SERVING' });
  });

  it('exits promptly with code 0 after the controller Shutdown, stdout still the handshake only', async () => {
    const started = performance.now();
    await client.shutdown();
    const { code } = await backend.exited;
    expect(code).toBe(0);
    expect(performance.now() - started).toBeLessThan(1500);
    expect(backend.stdout()).toBe(backend.handshake);
  });
});

describe('starting the backend', () => {
  it('stops cleanly on SIGTERM', async () => {
    const backend = await launchBackend();
    backend.child.kill('SIGTERM');
    expect(await backend.exited).toEqual({ code: 0, signal: null });
  });

  it('refuses a wrong cookie like a Go plugin: message, exit 1, nothing on stdout', async () => {
    const res = await runBackend(grafanaEnv({ grafana_plugin_type: 'app' }));
    expect(res).toMatchObject({ code: 1, stdout: '' });
    expect(res.stderr).toContain('This binary is a plugin. These are not meant to be executed directly.');
  });

  it('refuses a host that does not offer protocol version 2', async () => {
    const res = await runBackend(grafanaEnv({ PLUGIN_PROTOCOL_VERSIONS: '1' }));
    expect(res).toMatchObject({ code: 1, stdout: '' });
    expect(res.stderr).toContain('Incompatible API version');
  });

  it('starts in CLI mode without the cookie', async () => {
    const res = await runBackend({});
    expect(res.stdout).not.toMatch(HANDSHAKE);
    expect(res.code).not.toBeNull();
  });
});
