/**
 * Faults at the sources, end to end through the handlers: each SLO reads from
 * its own connection to a fake Prometheus on 127.0.0.1 that misbehaves in one
 * way. Every failing SLO gets its own clear error, the healthy ones still
 * answer, partial results carry a warning, nothing is left unhandled, and the
 * bucket cache keeps within its limits.
 */
import { Instance } from '../../../src/backend/handlers/instance/instance';
import { runQuery } from '../../../src/backend/handlers/query/pipeline';
import { createHandlers } from '../../../src/backend/handlers';
import { DataSourceSettings } from '../../../src/backend/protocol/settings';
import { Frame } from '../../../src/backend/protocol/frame';
import { ResilientSource } from '../../../src/backend/sources/resilient';
import { Behaviour, FakeSourceServer, startFakeSourceServer } from './fakeSourceServer';

jest.setTimeout(30_000);
const HOUR = 3_600_000;
const signal = new AbortController().signal;
const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } as never;
const context = { orgId: 1, pluginId: 'sloledger-datasource', pluginVersion: '', userAgent: '', apiVersion: '', namespace: '', grafanaConfig: {} };

const BEHAVIOURS: Array<Behaviour | 'down'> = ['ok', 'down', 'slow', 'error500', 'throttle429', 'flaky503', 'garbage', 'truncated', 'wrongShape', 'huge', 'warnings', 'reset'];

/** One SLO per connection, each named after the fault its connection shows. */
function catalogYaml(names: readonly string[]): string {
  const slos = names.map(
    (n) => `      - name: ${n}
        sli: availability
        objective: 99.9
        source: { type: prometheus, name: ${n} }
        bad: sum(increase(req_total{code="500"}[$__window]))
        total: sum(increase(req_total[$__window]))`
  );
  return ['apiVersion: sloledger/v1', 'defaults:', '  period: 1d', 'teams:', '  - name: t', 'services:', '  - name: svc', '    team: t', '    slos:', ...slos, ''].join('\n');
}

function jsonData(server: FakeSourceServer, extra: Record<string, unknown> = {}) {
  return {
    demo: false,
    catalogYaml: catalogYaml(BEHAVIOURS),
    connections: BEHAVIOURS.map((b) => ({ name: b, type: 'prometheus', url: b === 'down' ? server.refusedUrl : server.url(b), timeoutSeconds: b === 'slow' ? 0.5 : 5, maxResponseMB: b === 'huge' ? 0.1 : 64 })),
    ...extra,
  };
}

function dsSettings(data: Record<string, unknown>, lastUpdatedMS = 1): DataSourceSettings {
  return { id: 1, uid: 'ds', name: 'SLO Ledger', url: '', user: '', database: '', basicAuthEnabled: false, basicAuthUser: '', jsonData: data, decryptedSecureJsonData: {}, lastUpdatedMS, apiVersion: '' };
}

const now = () => Math.floor(Date.now() / 60_000) * 60_000;
const query = (queryType: string, json: Record<string, unknown> = {}, toMs = now()) => ({ refId: 'A', queryType, maxDataPoints: 1000, intervalMs: 60_000, timeRange: { fromMs: toMs - 6 * HOUR, toMs }, json });

function column(frame: Frame, name: string): unknown[] {
  return Array.from(frame.fields.find((f) => f.name === name)!.values as ArrayLike<unknown>);
}

// these tests count what the query path asks of the sources: no ledger closing in the background
const QUERY_PATH_ONLY = { closePeriodsAfterRefresh: false, backfillDelayMs: null };

describe('source faults, through the handlers', () => {
  let server: FakeSourceServer;
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => unhandled.push(e);

  beforeAll(async () => {
    server = await startFakeSourceServer(5_000);
    process.on('unhandledRejection', onUnhandled);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await server.close();
  });

  it('gives every failing SLO its own clear error while the healthy ones answer', async () => {
    const instance = new Instance(dsSettings(jsonData(server)), QUERY_PATH_ONLY);
    expect(instance.settingsIssues).toEqual([]);
    const res = await runQuery(instance, query('catalog'), signal);
    expect(res.error).toBeUndefined();
    const frame = res.frames[0];
    const errors = Object.fromEntries(column(frame, 'slo').map((id, i) => [String(id).replace('svc/', ''), String(column(frame, 'error')[i])]));
    const remaining = Object.fromEntries(column(frame, 'slo').map((id, i) => [String(id).replace('svc/', ''), column(frame, 'remaining')[i]]));
    const base = server.base;
    expect(errors).toEqual({
      ok: '',
      flaky503: '',
      warnings: '',
      down: expect.stringMatching(new RegExp(`^down: cannot reach ${server.refusedUrl}/api/v1/query_range \\(.*ECONNREFUSED.*\\) \\(after 3 attempts\\)$`)),
      slow: `slow: no answer from ${base}/slow/api/v1/query_range within 0.5 s`,
      error500: 'error500: query failed (500): query processing would load too many samples (after 3 attempts)',
      throttle429: `throttle429: ${base}/throttle429/api/v1/query_range answered 429 with a body that is not JSON: too many outstanding requests (after 3 attempts)`,
      garbage: `garbage: ${base}/garbage/api/v1/query_range answered 200 with a body that is not JSON`,
      truncated: `truncated: ${base}/truncated/api/v1/query_range answered 200 with a body that is not JSON`,
      wrongShape: 'wrongShape: /api/v1/query_range answered success without a matrix (data.result is object)',
      huge: `huge: ${base}/huge/api/v1/query_range: the answer is more than 0.1 MB, over the 0.1 MB limit: narrow the query (aggregate with sum(...)) or raise maxResponseMB in the connection settings`,
      reset: expect.stringMatching(new RegExp(`^reset: cannot reach ${base}/reset/api/v1/query_range \\(.+\\) \\(after 3 attempts\\)$`)),
    });
    // 1 bad in 1,000 against a 99.9% objective over the 1-day period: the budget is exactly spent
    expect(remaining.ok).toBeCloseTo(0, 6);
    expect(remaining.flaky503).toBeCloseTo(0, 6);
    expect(unhandled).toEqual([]);
  });

  it('retries throttling and 5xx a bounded number of times, never the deterministic failures', async () => {
    server.seen.length = 0;
    const instance = new Instance(dsSettings(jsonData(server)), QUERY_PATH_ONLY);
    await runQuery(instance, query('catalog'), signal);
    const retries = (name: string) => (instance.sources.get(name) as ResilientSource).retrying.retries;
    // two expressions (bad, total) per SLO: the first to fail does 3 attempts (2 retries); the other is stopped then
    const retried = { error500: retries('error500'), throttle429: retries('throttle429'), down: retries('down') };
    for (const n of Object.values(retried)) {
      expect(n).toBeGreaterThanOrEqual(2);
      expect(n).toBeLessThanOrEqual(4);
    }
    await new Promise((r) => setTimeout(r, 1_000));
    expect({ error500: retries('error500'), throttle429: retries('throttle429'), down: retries('down') }).toEqual(retried); // nothing keeps retrying unobserved
    expect(retries('flaky503')).toBeGreaterThanOrEqual(1); // its 503s alternate with answers
    expect(retries('flaky503')).toBeLessThanOrEqual(2);
    expect({ garbage: retries('garbage'), wrongShape: retries('wrongShape'), huge: retries('huge'), ok: retries('ok') }).toEqual({ garbage: 0, wrongShape: 0, huge: 0, ok: 0 });
    // on the wire: each of the two expressions asked at most once, never again. The second may never be sent
    // (once the first fails, the engine stops its sibling; under load that can happen before its request leaves)
    const asked = (b: string) => server.seen.filter((r) => r.behaviour === b).map((r) => `${r.url} ${r.body}`);
    for (const b of ['garbage', 'wrongShape', 'huge']) {
      const requests = asked(b);
      expect({ [b]: requests.length >= 1 && requests.length <= 2 }).toEqual({ [b]: true });
      expect({ [b]: new Set(requests).size }).toEqual({ [b]: requests.length });
    }
  });

  it('surfaces a partial result (Prometheus warnings) as a warning notice naming the SLO', async () => {
    const instance = new Instance(dsSettings(jsonData(server)), QUERY_PATH_ONLY);
    const res = await runQuery(instance, query('budget', { slos: ['svc/warnings', 'svc/ok'] }), signal);
    expect(res.frames.map((f) => f.name).sort()).toEqual(['svc/ok', 'svc/warnings']);
    const notices = res.frames.flatMap((f) => f.meta?.notices ?? []);
    expect(notices).toEqual([{ severity: 'warning', text: 'svc/warnings: warnings answered a partial result: PromQL info: store gateway eu-1 unavailable, results may be incomplete' }]);
  });

  it('treats Loki connections the same way: down, throttled and healthy', async () => {
    const names = ['lokiOk', 'lokiDown', 'lokiThrottled'];
    const urls: Record<string, string> = { lokiOk: server.url('ok'), lokiDown: server.refusedUrl, lokiThrottled: server.url('throttle429') };
    const yaml = catalogYaml(names).replace(/type: prometheus/g, 'type: loki').replace(/req_total\{code="500"\}/g, 'count_over_time({app="x",code="500"}').replace(/req_total\[/g, 'count_over_time({app="x"}[');
    const instance = new Instance(dsSettings({ demo: false, catalogYaml: yaml, connections: names.map((n) => ({ name: n, type: 'loki', url: urls[n], timeoutSeconds: 5 })) }), QUERY_PATH_ONLY);
    const res = await runQuery(instance, query('catalog'), signal);
    const errors = column(res.frames[0], 'error').map(String);
    expect(errors[0]).toBe('');
    expect(errors[1]).toMatch(/^lokiDown: cannot reach .*\/loki\/api\/v1\/query_range \(.*ECONNREFUSED.*\) \(after 3 attempts\)$/);
    expect(errors[2]).toBe(`lokiThrottled: ${server.base}/throttle429/loki/api/v1/query_range answered 429 with a body that is not JSON: too many outstanding requests (after 3 attempts)`);
    expect(column(res.frames[0], 'remaining')[0]).toBeCloseTo(0, 6);
  });

  it('answers a cancelled query at once and closes the request to the slow source', async () => {
    server.seen.length = 0;
    const instance = new Instance(dsSettings(jsonData(server, { connections: [{ name: 'slow', type: 'prometheus', url: server.url('slow'), timeoutSeconds: 10 }] })), QUERY_PATH_ONLY);
    const controller = new AbortController();
    const started = Date.now();
    const pending = runQuery(instance, query('catalog', { slos: ['svc/slow'] }), controller.signal);
    await new Promise((r) => setTimeout(r, 100));
    controller.abort();
    const res = await pending;
    expect(Date.now() - started).toBeLessThan(3_000); // not the 5 s the source takes
    expect(column(res.frames[0], 'error')).toEqual(['slow: the query was cancelled']);
    await new Promise((r) => setTimeout(r, 50));
    expect(server.seen.filter((r) => r.behaviour === 'slow').every((r) => r.closedEarly)).toBe(true);
  });

  it('keeps running queries on their settings while the settings change, and answers the next ones with the new', async () => {
    const handlers = createHandlers(logger);
    const one = { name: 'main', type: 'prometheus', timeoutSeconds: 10 };
    const yaml = catalogYaml(['main']);
    const before = dsSettings({ demo: false, catalogYaml: yaml, connections: [{ ...one, url: server.url('slow') }] }, 1);
    const after = dsSettings({ demo: false, catalogYaml: yaml, connections: [{ ...one, url: server.url('ok') }] }, 2);
    const req = (settings: DataSourceSettings) => ({ context, settings, headers: {}, fromAlert: false, queries: [query('catalog')] });
    const slowOne = handlers.queryData(req(before), signal);
    await new Promise((r) => setTimeout(r, 100));
    const fastOne = await handlers.queryData(req(after), signal);
    expect(column(fastOne.get('A')!.frames[0], 'error')).toEqual(['']);
    const finished = await slowOne;
    expect(column(finished.get('A')!.frames[0], 'error')).toEqual(['']); // the slow source answered after 5 s, on the old settings
    handlers.dispose?.();
  });

  it('keeps the bucket cache within its entry and byte limits over many SLOs and refreshes', async () => {
    const names = Array.from({ length: 10 }, (_, i) => `s${i}`);
    const instance = new Instance(
      dsSettings({ demo: false, catalogYaml: catalogYaml(names), connections: names.map((n) => ({ name: n, type: 'prometheus', url: server.url('ok') })), cacheMaxEntries: 8, cacheMaxMB: 0.5 }),
      QUERY_PATH_ONLY
    );
    for (let refresh = 0; refresh < 3; refresh++) {
      const res = await runQuery(instance, query('catalog'), signal);
      expect(column(res.frames[0], 'error').every((e) => e === '')).toBe(true);
      expect(instance.buckets.entries).toBeLessThanOrEqual(8);
      expect(instance.buckets.bytes).toBeLessThanOrEqual(0.5 * 1024 * 1024);
    }
    expect(instance.buckets.entries).toBeGreaterThan(0);
  });

  it('a warm refresh asks the source only for the newest buckets and computes the same figures', async () => {
    server.seen.length = 0;
    const instance = new Instance(dsSettings({ demo: false, catalogYaml: catalogYaml(['ok']), connections: [{ name: 'ok', type: 'prometheus', url: server.url('ok') }] }), QUERY_PATH_ONLY);
    const cold = await runQuery(instance, query('catalog'), signal);
    const coldRequests = server.seen.length;
    const warm = await runQuery(instance, query('catalog'), signal);
    const warmBodies = server.seen.slice(coldRequests).map((r) => new URLSearchParams(r.body));
    expect(warmBodies).toHaveLength(2);
    // only the buckets inside the 5-minute safety lag are fetched again
    for (const form of warmBodies) {
      expect(Number(form.get('end')) - Number(form.get('start'))).toBeLessThanOrEqual(5 * 60);
    }
    expect(column(warm.frames[0], 'remaining')).toEqual(column(cold.frames[0], 'remaining'));
  });
});
