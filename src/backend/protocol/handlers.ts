/**
 * The boundary between Grafana's plugin protocol and the SLO code: plain
 * TypeScript requests and results, no protobuf objects (int64 → number,
 * bytes → Buffer, jsonData and query JSON parsed). The handlers module
 * implements `BackendHandlers`; the protocol layer decodes, calls, encodes
 * frames as Arrow and maps thrown errors once (errors.ts).
 *
 * Every call gets an AbortSignal that fires when Grafana cancels the gRPC
 * call or its deadline passes: pass it on to outgoing HTTP requests.
 */
import { ErrorSource } from './errors';
import { Frame } from './frame';
import { DataSourceSettings, PluginContext, UserInfo } from './settings';

/** What every request carries. */
export interface RequestBase {
  context: PluginContext;
  /** Shortcut for context.dataSource (absent when no datasource instance is targeted). */
  settings?: DataSourceSettings;
  /** Shortcut for context.user (absent on requests Grafana itself makes). */
  user?: UserInfo;
}

export interface TimeRange {
  fromMs: number;
  toMs: number;
}

export interface DataQuery {
  refId: string;
  queryType: string;
  maxDataPoints: number;
  intervalMs: number;
  timeRange: TimeRange;
  /** The panel's query model, parsed (refId, datasource and the datasource's own fields). */
  json: Record<string, unknown>;
}

export interface QueryDataRequest extends RequestBase {
  headers: Record<string, string>;
  /** True for alert-rule evaluations (`FromAlert` header): no user, no browser. */
  fromAlert: boolean;
  /** Queries whose JSON parsed; the others were already answered with a 400. */
  queries: DataQuery[];
}

export interface DataResponse {
  frames: Frame[];
  /**
   * A failed query. An Error (preferably a typed PluginError) is mapped to
   * its user-safe message, status and source; a string is shown as is.
   */
  error?: string | Error;
  /** HTTP-like status; defaults to 200 without error, the mapped status with one. */
  status?: number;
  errorSource?: ErrorSource;
}

/** Keyed by refId. */
export type QueryDataResponse = Map<string, DataResponse>;

export interface CheckHealthRequest extends RequestBase {
  headers: Record<string, string>;
}

export interface CheckHealthResult {
  status: 'OK' | 'ERROR' | 'UNKNOWN';
  message: string;
  /** JSON-serialisable details shown by Grafana under the message. */
  details?: unknown;
}

export interface CallResourceRequest extends RequestBase {
  /** Path after `…/resources/`, without a leading slash: `slos/checkout`. */
  path: string;
  method: string;
  /** Path plus query string, as Grafana sends it. */
  url: string;
  /** Header names as Grafana forwards them (hop-by-hop headers removed). */
  headers: Record<string, string[]>;
  body: Buffer;
}

export interface CallResourceResponse {
  status: number;
  headers?: Record<string, string | string[]>;
  body?: Buffer | Uint8Array | string;
}

export interface BackendHandlers {
  queryData(request: QueryDataRequest, signal: AbortSignal): Promise<QueryDataResponse>;
  checkHealth(request: CheckHealthRequest, signal: AbortSignal): Promise<CheckHealthResult>;
  callResource(request: CallResourceRequest, signal: AbortSignal): Promise<CallResourceResponse>;
  /** Extra Prometheus text-format metrics appended to the process metrics. */
  collectMetrics?(signal: AbortSignal): Promise<string>;
  /** Called once on shutdown (close ledgers, stop timers). */
  dispose?(): void | Promise<void>;
}

/** A JSON resource response. */
export function jsonResource(value: unknown, status = 200): CallResourceResponse {
  return { status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(value) };
}
