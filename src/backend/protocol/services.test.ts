/**
 * The three pluginv2 services with fake handlers, without gRPC: every refId
 * gets an answer, thrown errors are mapped once, bodies are chunked.
 */
import { decodeFrame } from './arrowDecode';
import { serveQueryData } from './dataService';
import { serveCheckHealth, serveCollectMetrics } from './diagnosticsService';
import { BadRequestError, DeadlineError, DownstreamRequestError, INTERNAL_ERROR_MESSAGE } from './errors';
import { BackendHandlers, DataResponse, QueryDataRequest } from './handlers';
import { tableFrame } from './frame';
import { createLogger } from './logger';
import { serveCallResource } from './resourceService';
import { RESOURCE_CHUNK_BYTES } from './responses';
import { WireQueryDataRequest } from './wire';

const log = createLogger({ write: () => undefined });
const signal = new AbortController().signal;

function makeHandlers(overrides: Partial<BackendHandlers> = {}): BackendHandlers {
  return {
    queryData: async (req) =>
      new Map<string, DataResponse>(
        req.queries.map((q) => [q.refId, { frames: [tableFrame('echo', [{ name: 'refId', type: 'string', values: [q.refId] }])] }])
      ),
    checkHealth: async () => ({ status: 'OK', message: 'fine' }),
    callResource: async (req) => ({ status: 200, body: req.path }),
    ...overrides,
  };
}

function makeQueryRequest(overrides: Partial<WireQueryDataRequest> = {}): WireQueryDataRequest {
  return {
    pluginContext: { dataSourceInstanceSettings: { uid: 'ds', jsonData: Buffer.from('{"a":1}'), lastUpdatedMS: 5 } },
    headers: { FromAlert: 'true' },
    queries: [
      { refId: 'A', queryType: 'sli', json: Buffer.from('{"refId":"A","slo":"x"}'), timeRange: { fromEpochMS: 1000, toEpochMS: 2000 } },
      { refId: 'B', queryType: 'budget', json: Buffer.from('{}') },
    ],
    ...overrides,
  };
}

describe('serveQueryData', () => {
  it('passes plain requests to the handler and encodes frames per refId', async () => {
    let seen: QueryDataRequest | undefined;
    const handlers = makeHandlers({
      queryData: async (req) => {
        seen = req;
        return makeHandlers().queryData(req, signal);
      },
    });
    const res = await serveQueryData(handlers, makeQueryRequest(), signal, log);
    expect(seen).toMatchObject({
      fromAlert: true,
      settings: { uid: 'ds', jsonData: { a: 1 }, lastUpdatedMS: 5 },
      queries: [{ refId: 'A', queryType: 'sli', json: { slo: 'x' }, timeRange: { fromMs: 1000, toMs: 2000 } }, { refId: 'B' }],
    });
    expect(Object.keys(res.responses).sort()).toEqual(['A', 'B']);
    expect(decodeFrame(res.responses.A.frames[0]).frame).toMatchObject({ name: 'echo', refId: 'A' });
    expect(res.responses.A.error).toBeUndefined();
  });

  it('answers a query with broken JSON with a 400 and still runs the others', async () => {
    const wire = makeQueryRequest();
    wire.queries![0].json = Buffer.from('{nope');
    const res = await serveQueryData(makeHandlers(), wire, signal, log);
    expect(res.responses.A).toMatchObject({ frames: [], status: 400, errorSource: 'downstream' });
    expect(res.responses.A.error).toMatch(/query A is not valid JSON/);
    expect(res.responses.B.frames).toHaveLength(1);
  });

  it('turns a handler that throws into a per-refId error', async () => {
    const handlers = makeHandlers({ queryData: async () => Promise.reject(new DownstreamRequestError('Prometheus answered 503')) });
    const res = await serveQueryData(handlers, makeQueryRequest(), signal, log);
    for (const refId of ['A', 'B']) {
      expect(res.responses[refId]).toEqual({ frames: [], error: 'Prometheus answered 503', status: 502, errorSource: 'downstream' });
    }
  });

  it('hides the text of an unexpected exception', async () => {
    const handlers = makeHandlers({
      queryData: async () => {
        throw new TypeError('x is undefined');
      },
    });
    const res = await serveQueryData(handlers, makeQueryRequest(), signal, log);
    expect(res.responses.A).toMatchObject({ error: INTERNAL_ERROR_MESSAGE, status: 500, errorSource: 'plugin' });
  });

  it('fails every refId with a 400 when the datasource jsonData is not JSON', async () => {
    const wire = makeQueryRequest({ pluginContext: { dataSourceInstanceSettings: { name: 'SLO', jsonData: Buffer.from('{') } } });
    const res = await serveQueryData(makeHandlers(), wire, signal, log);
    expect(res.responses.A).toMatchObject({ status: 400 });
    expect(res.responses.B.error).toMatch(/datasource "SLO" settings: jsonData is not valid JSON/);
  });

  it('maps per-refId errors given as typed errors, and keeps string errors as they are', async () => {
    const handlers = makeHandlers({
      queryData: async () =>
        new Map<string, DataResponse>([
          ['A', { frames: [], error: new DeadlineError('Prometheus: no answer in 30s') }],
          ['B', { frames: [], error: 'no SLO named x', status: 404, errorSource: 'downstream' }],
        ]),
    });
    const res = await serveQueryData(handlers, makeQueryRequest(), signal, log);
    expect(res.responses.A).toEqual({ frames: [], error: 'Prometheus: no answer in 30s', status: 504, errorSource: 'downstream' });
    expect(res.responses.B).toEqual({ frames: [], error: 'no SLO named x', status: 404, errorSource: 'downstream' });
  });

  it('fails only the refId whose frame cannot be encoded', async () => {
    const handlers = makeHandlers({
      queryData: async () =>
        new Map<string, DataResponse>([
          ['A', { frames: [{ name: 'bad', fields: [{ name: 'n', type: 'number', values: ['x'] }] }] }],
          ['B', { frames: [] }],
        ]),
    });
    const res = await serveQueryData(handlers, makeQueryRequest(), signal, log);
    expect(res.responses.A).toMatchObject({ status: 500, errorSource: 'plugin' });
    expect(res.responses.B).toEqual({ frames: [] });
  });

  it('reports a refId the handler forgot', async () => {
    const handlers = makeHandlers({ queryData: async () => new Map([['A', { frames: [] }]]) });
    const res = await serveQueryData(handlers, makeQueryRequest(), signal, log);
    expect(res.responses.B).toMatchObject({ status: 500, error: 'the backend returned no result for this query' });
  });
});

describe('serveCheckHealth', () => {
  it('returns the handler result with JSON details', async () => {
    const handlers = makeHandlers({ checkHealth: async () => ({ status: 'OK', message: 'ok', details: { sources: 2 } }) });
    const res = await serveCheckHealth(handlers, {}, signal, log);
    expect(res.status).toBe('OK');
    expect(JSON.parse(Buffer.from(res.jsonDetails!).toString())).toEqual({ sources: 2 });
  });

  it('reports a thrown error as status ERROR with the user-safe message', async () => {
    const handlers = makeHandlers({ checkHealth: async () => Promise.reject(new BadRequestError('catalog: line 3: unknown key "objectiv"')) });
    expect(await serveCheckHealth(handlers, {}, signal, log)).toEqual({ status: 'ERROR', message: 'catalog: line 3: unknown key "objectiv"' });
  });
});

describe('serveCallResource', () => {
  it('normalises the path and sends status and headers in the first message', async () => {
    const handlers = makeHandlers({
      callResource: async (req) => ({ status: 201, headers: { 'Content-Type': 'text/plain', 'X-A': ['1', '2'] }, body: `${req.method} ${req.path}` }),
    });
    const res = await serveCallResource(handlers, { path: '/slos/x', method: 'post', headers: { Accept: { values: ['*/*'] } } }, signal, log);
    expect(res).toHaveLength(1);
    expect(res[0].code).toBe(201);
    expect(res[0].headers).toEqual({ 'Content-Type': { values: ['text/plain'] }, 'X-A': { values: ['1', '2'] } });
    expect(Buffer.from(res[0].body!).toString()).toBe('POST slos/x');
  });

  it('splits a large body into chunks', async () => {
    const body = Buffer.alloc(RESOURCE_CHUNK_BYTES * 2 + 10, 7);
    const res = await serveCallResource(makeHandlers({ callResource: async () => ({ status: 200, body }) }), {}, signal, log);
    expect(res.map((m) => m.body!.length)).toEqual([RESOURCE_CHUNK_BYTES, RESOURCE_CHUNK_BYTES, 10]);
    expect(res[1].headers).toBeUndefined();
    expect(Buffer.concat(res.map((m) => m.body!)).equals(body)).toBe(true);
  });

  it('answers a thrown error with its HTTP status and a JSON message', async () => {
    const handlers = makeHandlers({ callResource: async () => Promise.reject(new DownstreamRequestError('Loki answered 500')) });
    const [res] = await serveCallResource(handlers, { path: 'x' }, signal, log);
    expect(res.code).toBe(502);
    expect(res.headers).toEqual({ 'Content-Type': { values: ['application/json'] } });
    expect(JSON.parse(Buffer.from(res.body!).toString())).toEqual({ message: 'Loki answered 500' });
  });
});

describe('serveCollectMetrics', () => {
  it('exposes process metrics and the handler metrics in Prometheus text format', async () => {
    const handlers = makeHandlers({ collectMetrics: async () => '# TYPE sloledger_up gauge\nsloledger_up 1\n' });
    const text = Buffer.from((await serveCollectMetrics(handlers, signal)).metrics.prometheus).toString();
    expect(text).toMatch(/^process_resident_memory_bytes \d+$/m);
    expect(text).toContain('sloledger_up 1');
  });
});
