/**
 * Crash safety of the backend process (issue 9): malformed gRPC messages on
 * every service, settings that are not JSON, absurd time ranges and many
 * queries at once each get an error answer while the process keeps serving;
 * it exits cleanly on Shutdown. Complements tests/node/protocol.test.ts.
 */
import { spawn } from 'node:child_process';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { WirePluginContext } from '../../src/backend/protocol/wire';
import { BackendProcess, connectPlugin, launchBackend, PluginClient } from './harness';

jest.setTimeout(60_000);

const CATALOG = `apiVersion: sloledger/v1
teams: [{ name: t }]
services:
  - name: svc
    team: t
    slos:
      - name: demo
        sli: availability
        objective: 99.9
        source: demo
        good: demo_good{slo="demo"}[$__window]
        total: demo_total{slo="demo"}[$__window]
`;

function context(jsonData: Buffer = Buffer.from(JSON.stringify({ demo: true, catalogYaml: CATALOG })), uid = 'crash'): WirePluginContext {
  return { orgId: 1, pluginId: 'sloledger-datasource', user: { login: 'a', role: 'Admin' }, dataSourceInstanceSettings: { id: 9, uid, name: 'SLO Ledger', jsonData, lastUpdatedMS: 1 } } as WirePluginContext;
}

describe('the backend survives bad input', () => {
  let backend: BackendProcess;
  let client: PluginClient;
  const DAY = 86_400_000;
  const now = Date.UTC(2026, 10, 1);

  beforeAll(async () => {
    backend = await launchBackend();
    client = connectPlugin(backend.address);
  });
  afterAll(() => {
    client?.close();
    backend?.kill();
  });

  it.each([
    ['/pluginv2.Data/QueryData', Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f])],
    ['/pluginv2.Diagnostics/CheckHealth', Buffer.from([0x0a, 0x05, 0x01])],
    ['/pluginv2.Resource/CallResource', Buffer.from([0xff, 0xff, 0xff])],
    ['/pluginv2.Diagnostics/CollectMetrics', Buffer.from([0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01])],
    ['/grpc.health.v1.Health/Check', Buffer.from([0xff, 0xff, 0xff])],
  ])('answers malformed protobuf on %s with an error status and keeps serving', async (path, bytes) => {
    const res = await client.raw(path, bytes);
    expect(res.error).toBeDefined();
    expect([GrpcStatus.INTERNAL, GrpcStatus.INVALID_ARGUMENT, GrpcStatus.UNIMPLEMENTED]).toContain(res.error!.code);
    expect(await client.healthCheck('plugin')).toEqual({ status: 'SERVING' });
  });

  it('answers settings whose jsonData is not JSON with a clear error, not a dead plugin', async () => {
    const res = await client.queryData({ pluginContext: context(Buffer.from('{"demo": tr'), 'broken'), queries: [{ refId: 'A', queryType: 'catalog', json: Buffer.from('{}'), timeRange: { fromEpochMS: now - DAY, toEpochMS: now } }] });
    const health = await client.checkHealth({ pluginContext: context(Buffer.from('\u0000\u0001'), 'broken2'), headers: {} });
    expect(res.responses.A.frames.length + (res.responses.A.error ? 1 : 0)).toBeGreaterThan(0);
    expect(health.status).toBeDefined();
    expect(await client.healthCheck('plugin')).toEqual({ status: 'SERVING' });
  });

  it.each<[string, number, number, string]>([
    ['a range that ends before it starts', now, now - DAY, ''],
    ['an empty range', now, now, ''],
    ['thirty thousand years', 0, 1e15, 'the time range spans 31688 years, over the limit of 54: choose a shorter range'],
    ['negative times', -1e13, -1e13 + DAY, ''],
  ])('answers a query over %s without hanging or crashing', async (_name, fromEpochMS, toEpochMS, error) => {
    const started = Date.now();
    const res = await client.queryData({ pluginContext: context(), queries: ['catalog', 'budget', 'sli', 'adherence'].map((queryType, i) => ({ refId: `R${i}`, queryType, json: Buffer.from(JSON.stringify({ window: '1h' })), timeRange: { fromEpochMS, toEpochMS } })) });
    expect(Object.keys(res.responses).sort()).toEqual(['R0', 'R1', 'R2', 'R3']);
    expect(res.responses.R0.error ?? '').toBe(error);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(await client.healthCheck('plugin')).toEqual({ status: 'SERVING' });
  });

  it('answers 300 queries in one request', async () => {
    const queries = Array.from({ length: 300 }, (_, i) => ({ refId: `Q${i}`, queryType: i % 2 ? 'sli' : 'budget', json: Buffer.from(i % 7 === 0 ? '{' : '{}'), timeRange: { fromEpochMS: now - DAY, toEpochMS: now } }));
    const res = await client.queryData({ pluginContext: context(), queries });
    expect(Object.keys(res.responses)).toHaveLength(300);
    expect(res.responses.Q0).toMatchObject({ status: 400 });
    expect(res.responses.Q1.frames.length).toBe(1);
  });

  it('still exits cleanly with code 0 on Shutdown after all that', async () => {
    await client.shutdown();
    expect(await backend.exited).toEqual({ code: 0, signal: null });
  });
});

describe('when the host dies', () => {
  it('exits by itself within seconds once Grafana is killed without a Shutdown', async () => {
    // an intermediate "Grafana": starts the backend, prints its pid, and is then SIGKILLed
    const { backendCommand, grafanaEnv } = await import('./harness');
    const cmd = backendCommand();
    const host = spawn(process.execPath, ['-e', `const c = require('node:child_process').spawn(${JSON.stringify(cmd.command)}, ${JSON.stringify(cmd.args)}, { env: ${JSON.stringify(grafanaEnv())}, stdio: ['ignore', 'pipe', 'ignore'] }); c.stdout.once('data', () => process.stdout.write(String(c.pid) + '\\n')); setInterval(() => {}, 1000);`], { stdio: ['ignore', 'pipe', 'ignore'] });
    const pid = await new Promise<number>((resolve) => host.stdout!.once('data', (d) => resolve(Number(String(d).trim()))));
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(alive()).toBe(true);
    host.kill('SIGKILL');
    const deadline = Date.now() + 8_000;
    while (alive() && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const stillAlive = alive();
    if (stillAlive) {
      process.kill(pid, 'SIGKILL');
    }
    expect(stillAlive).toBe(false);
  });
});
