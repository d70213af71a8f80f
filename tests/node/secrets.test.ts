/**
 * Secrets never leave the backend (issue 9): the real backend process (the
 * executable when fresh, else the bundle on Node 24) with basic-auth
 * password, bearer token, header values and a CA certificate in
 * secureJsonData, against a fake Prometheus that fails and echoes the request
 * headers back (a misbehaving proxy). Every resource response, every decoded
 * frame, the CheckHealth answer and every stderr line are searched for the
 * secret values, raw, base64 (Basic) and URL-encoded: none may appear.
 */
import { decodeFrame } from '../../src/backend/protocol/arrowDecode';
import { WirePluginContext } from '../../src/backend/protocol/wire';
import { startFakeSourceServer, FakeSourceServer } from './faults/fakeSourceServer';
import { BackendProcess, connectPlugin, launchBackend, PluginClient } from './harness';

jest.setTimeout(60_000);

const SECRETS = {
  'basic.basicAuthPassword': 'pa55-Secret-basic',
  'bearer.bearerToken': 'tok-Secret-bearer-123',
  'header.header.X-Api-Key': 'hdr-Secret-apikey',
  'warn.bearerToken': 'tok-Secret-warnings-456',
  'unauth.bearerToken': 'tok-Secret-unauth-789',
  'basic.tlsCACert': '-----BEGIN CERTIFICATE-----\nMIIBsecretCAcert\n-----END CERTIFICATE-----',
};
const NEEDLES = [...Object.values(SECRETS), Buffer.from(`svc-user:${SECRETS['basic.basicAuthPassword']}`).toString('base64'), 'MIIBsecretCAcert'];

function catalog(names: string[]): string {
  return [
    'apiVersion: sloledger/v1',
    'teams: [{ name: t }]',
    'services:',
    '  - name: svc',
    '    team: t',
    '    slos:',
    ...names.flatMap((n) => [`      - name: ${n}`, '        sli: availability', '        objective: 99.9', `        source: { type: prometheus, name: ${n} }`, '        bad: sum(increase(req_total{code="500"}[$__window]))', '        total: sum(increase(req_total[$__window]))']),
  ].join('\n');
}

describe('secrets through the real backend', () => {
  let server: FakeSourceServer;
  let backend: BackendProcess;
  let client: PluginClient;
  const collected: string[] = [];

  beforeAll(async () => {
    server = await startFakeSourceServer();
    backend = await launchBackend();
    client = connectPlugin(backend.address);
  });
  afterAll(async () => {
    client?.close();
    backend?.kill();
    await server?.close();
  });

  function pluginContext(): WirePluginContext {
    const connections = [
      { name: 'basic', type: 'prometheus', url: server.url('echo400'), auth: 'basic', basicAuthUser: 'svc-user' },
      { name: 'bearer', type: 'prometheus', url: server.url('echo500'), auth: 'bearer' },
      { name: 'header', type: 'prometheus', url: server.url('echo400'), headerNames: ['X-Api-Key'] },
      { name: 'warn', type: 'prometheus', url: server.url('echoWarnings'), auth: 'bearer' },
      { name: 'unauth', type: 'prometheus', url: server.url('echo401'), auth: 'bearer' },
    ];
    return {
      orgId: 1,
      pluginId: 'sloledger-datasource',
      user: { login: 'admin', role: 'Admin' },
      dataSourceInstanceSettings: {
        id: 7,
        uid: 'secrets',
        name: 'SLO Ledger',
        jsonData: Buffer.from(JSON.stringify({ demo: false, connections, catalogYaml: catalog(connections.map((c) => c.name)) })),
        decryptedSecureJsonData: SECRETS,
        lastUpdatedMS: 1,
      },
    } as WirePluginContext;
  }

  it('the fake server really received the secrets (the test can see a leak)', async () => {
    const now = Math.floor(Date.now() / 60_000) * 60_000;
    const timeRange = { fromEpochMS: now - 6 * 3_600_000, toEpochMS: now };
    const res = await client.queryData({
      pluginContext: pluginContext(),
      queries: ['catalog', 'budget', 'sli', 'burnrate', 'adherence', 'episodes'].map((queryType, i) => ({ refId: `Q${i}`, queryType, json: Buffer.from(JSON.stringify({ refId: `Q${i}`, window: '1h' })), timeRange })),
    });
    for (const response of Object.values(res.responses)) {
      collected.push(JSON.stringify({ ...response, frames: undefined }));
      for (const bytes of response.frames ?? []) {
        const { frame, schema } = decodeFrame(bytes);
        collected.push(JSON.stringify(schema), JSON.stringify(frame, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : typeof v === 'bigint' ? String(v) : v)));
      }
    }
    const health = await client.checkHealth({ pluginContext: pluginContext(), headers: {} });
    collected.push(JSON.stringify(health), Buffer.from(health.jsonDetails ?? []).toString());
    for (const [method, url, body] of [
      ['GET', 'catalog', ''],
      ['GET', 'options/slos', ''],
      ['POST', 'validate', catalog(['x'])],
      ['GET', 'nope', ''],
      ['POST', 'catalog', '{}'],
    ] as const) {
      const messages = await client.callResource({ pluginContext: pluginContext(), path: url, method, url, headers: {}, body: Buffer.from(body) });
      collected.push(...messages.map((m) => JSON.stringify({ ...m, body: Buffer.from(m.body ?? []).toString() })));
    }
    await new Promise((r) => setTimeout(r, 200)); // let stderr drain
    collected.push(backend.stderr());

    // the echoes did carry the credentials: the server saw them, so a leak would be visible
    const seenHeaders = JSON.stringify(server.seen.map((r) => r.headers));
    expect(seenHeaders).toContain(SECRETS['bearer.bearerToken']);
    expect(seenHeaders).toContain(SECRETS['header.header.X-Api-Key']);
    expect(seenHeaders).toContain(Buffer.from(`svc-user:${SECRETS['basic.basicAuthPassword']}`).toString('base64'));
    // and the errors did reach the responses, redacted
    expect(collected.join('\n')).toContain('[redacted]');
  });

  it.each(NEEDLES.map((n) => [n]))('no response, frame, health answer or log line contains %s', (needle) => {
    const all = collected.join('\n');
    expect(all.length).toBeGreaterThan(1000);
    for (const variant of [needle, encodeURIComponent(needle), JSON.stringify(needle).slice(1, -1)]) {
      expect(all).not.toContain(variant);
    }
  });
});
