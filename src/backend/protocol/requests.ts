/**
 * Decoded protobuf requests → the plain requests of handlers.ts. Settings
 * problems (jsonData that is not JSON) throw BadRequestError; a query whose
 * own JSON is broken is answered with a 400 for its refId and left out.
 */
import { BadRequestError, mapError } from './errors';
import { CallResourceRequest, CheckHealthRequest, DataQuery, DataResponse, QueryDataRequest, RequestBase } from './handlers';
import { isFromAlert } from './headers';
import { parseJsonObject, parsePluginContext } from './settings';
import { WireCallResourceRequest, WireCheckHealthRequest, WireDataQuery, WirePluginContext, WireQueryDataRequest } from './wire';

export interface ConvertedQueryData {
  request: QueryDataRequest;
  /** Queries answered already (bad query JSON), by refId. */
  rejected: Map<string, DataResponse>;
}

export function toQueryDataRequest(wire: WireQueryDataRequest): ConvertedQueryData {
  const headers = { ...wire.headers };
  const queries: DataQuery[] = [];
  const rejected = new Map<string, DataResponse>();
  for (const q of wire.queries ?? []) {
    try {
      queries.push(toDataQuery(q));
    } catch (err) {
      const m = mapError(err);
      rejected.set(q.refId ?? '', { frames: [], error: m.message, status: m.status, errorSource: m.source });
    }
  }
  return { request: { ...base(wire.pluginContext), headers, fromAlert: isFromAlert(headers), queries }, rejected };
}

function toDataQuery(q: WireDataQuery): DataQuery {
  const refId = q.refId ?? '';
  return {
    refId,
    queryType: q.queryType ?? '',
    maxDataPoints: Number(q.maxDataPoints ?? 0),
    intervalMs: Number(q.intervalMS ?? 0),
    timeRange: { fromMs: Number(q.timeRange?.fromEpochMS ?? 0), toMs: Number(q.timeRange?.toEpochMS ?? 0) },
    json: parseJsonObject(q.json, `query ${refId}`),
  };
}

export function toCheckHealthRequest(wire: WireCheckHealthRequest): CheckHealthRequest {
  return { ...base(wire.pluginContext), headers: { ...wire.headers } };
}

export function toCallResourceRequest(wire: WireCallResourceRequest): CallResourceRequest {
  const headers: Record<string, string[]> = {};
  for (const [name, list] of Object.entries(wire.headers ?? {})) {
    headers[name] = [...(list?.values ?? [])];
  }
  const body = wire.body ?? Buffer.alloc(0);
  return {
    ...base(wire.pluginContext),
    // Grafana sends the part after `/resources/`; accept it with or without a leading slash.
    path: (wire.path ?? '').replace(/^\/+/, ''),
    method: (wire.method ?? 'GET').toUpperCase(),
    url: wire.url ?? '',
    headers,
    body: Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength),
  };
}

function base(wire: WirePluginContext | null | undefined): RequestBase {
  const context = parsePluginContext(wire);
  return { context, settings: context.dataSource, user: context.user };
}

/** Guard for handlers that need a datasource instance. */
export function requireSettings(request: RequestBase): NonNullable<RequestBase['settings']> {
  if (!request.settings) {
    throw new BadRequestError('this request does not target a datasource instance');
  }
  return request.settings;
}
