/**
 * The real backend handlers (src/backend/handlers) over the demo source (and
 * the connections of `--prometheus`, ./prometheusConnection) and a catalog directory, answering the preview's queries in the shape of
 * Grafana's `/api/ds/query` response (`results[refId].frames`), and the app
 * pages' resource calls and health checks as Grafana's datasource API does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHandlers } from '../../src/backend/handlers';
import { DataSourceSettings, PluginContext } from '../../src/backend/protocol/settings';
import { DataFrameJson, toDataFrameJson } from './frameJson';

export interface PreviewQuery {
  refId: string;
  queryType: string;
  [key: string]: unknown;
}

export interface PreviewQueryRequest {
  queries: PreviewQuery[];
  fromMs: number;
  toMs: number;
}

/** The body DataSourceWithBackend posts to Grafana's `/api/ds/query`: queries, and from/to as epoch ms strings. */
export interface DsQueryBody {
  queries: Array<PreviewQuery & { intervalMs?: number; maxDataPoints?: number }>;
  from: string;
  to: string;
}

export interface PreviewResourceAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface PreviewQueryResult {
  frames: DataFrameJson[];
  error?: string;
  status?: number;
}

const quietLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (msg: string, fields?: unknown) => console.error(msg, fields),
} as never;

/** More datasource settings beside the demo source and the catalog directory (e.g. `--prometheus`'s connections). */
export type PreviewJsonData = Record<string, unknown>;

export function createPreviewBackend(catalogDir: string, extraJsonData: PreviewJsonData = {}) {
  const handlers = createHandlers(quietLogger);
  const settings: DataSourceSettings = {
    id: 1,
    uid: 'sloledger-preview',
    name: 'SLO Ledger (preview)',
    url: '',
    user: '',
    database: '',
    basicAuthEnabled: false,
    basicAuthUser: '',
    // a fresh ledger per server (manual policy conditions written by the app pages do not outlive it)
    jsonData: { ...extraJsonData, demo: true, catalogDir, ledgerPath: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sloledger-preview-')), 'ledger.db') },
    decryptedSecureJsonData: {},
    lastUpdatedMS: 1,
    apiVersion: '',
  };
  const context: PluginContext = {
    orgId: 1,
    pluginId: 'sloledger-datasource',
    pluginVersion: 'preview',
    userAgent: 'preview',
    apiVersion: '',
    namespace: '',
    grafanaConfig: {},
    // Grafana sends the signed-in user; the preview acts as an Editor (manual policy conditions need one)
    user: { login: 'preview', name: 'Preview user', email: '', role: 'Editor' },
  };

  const signal = () => new AbortController().signal;

  async function run(request: PreviewQueryRequest): Promise<{ results: Record<string, PreviewQueryResult> }> {
    if (
      !Array.isArray(request.queries) ||
      !Number.isFinite(request.fromMs) ||
      !Number.isFinite(request.toMs) ||
      request.fromMs >= request.toMs
    ) {
      throw new Error('a preview query needs queries[], and fromMs < toMs (epoch ms)');
    }
    const queries = request.queries.map((q) => ({
      refId: q.refId,
      queryType: q.queryType,
      maxDataPoints: Number(q.maxDataPoints) || 1000,
      intervalMs: Number(q.intervalMs) || 60_000,
      timeRange: { fromMs: request.fromMs, toMs: request.toMs },
      json: q,
    }));
    const responses = await handlers.queryData(
      { context, settings, headers: {}, fromAlert: false, queries } as never,
      new AbortController().signal
    );
    const results: Record<string, PreviewQueryResult> = {};
    for (const [refId, res] of responses) {
      const error = res.error === undefined ? undefined : typeof res.error === 'string' ? res.error : res.error.message;
      results[refId] = {
        frames: res.frames.map((f) => toDataFrameJson(f, refId)),
        ...(error ? { error, status: res.status ?? 500 } : {}),
      };
    }
    return { results };
  }

  return {
    /** The preview's own `/api/query` (panel views): explicit fromMs/toMs. */
    query: run,
    /** Grafana's `/api/ds/query`, as the real datasource class sends it. */
    dsQuery(body: DsQueryBody) {
      return run({ queries: body.queries, fromMs: Number(body.from), toMs: Number(body.to) });
    },
    /** Grafana's `/api/datasources/uid/<uid>/resources/<path>` (CallResource); `pathAndQuery` without the leading slash. */
    async resource(method: string, pathAndQuery: string, body: Buffer): Promise<PreviewResourceAnswer> {
      const path = pathAndQuery.split('?')[0];
      const res = await handlers.callResource(
        { context, user: context.user, settings, path, url: pathAndQuery, method, headers: { 'Content-Type': ['application/json'] }, body },
        signal()
      );
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers ?? {})) {
        headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
      }
      return { status: res.status, headers, body: Buffer.from(res.body ?? '') };
    },
    /** Grafana's `/api/datasources/uid/<uid>/health` (CheckHealth): 200 when OK, 400 otherwise, as Grafana answers. */
    async health(): Promise<{ status: number; body: { status: string; message: string; details?: unknown } }> {
      const r = await handlers.checkHealth({ context, settings, headers: {} }, signal());
      return {
        status: r.status === 'OK' ? 200 : 400,
        body: { status: r.status, message: r.message, ...(r.details === undefined ? {} : { details: r.details }) },
      };
    },
    uid: settings.uid,
  };
}
