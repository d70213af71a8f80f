/**
 * The real backend handlers (src/backend/handlers) over the demo source and a
 * catalog directory, answering the preview's queries in the shape of
 * Grafana's `/api/ds/query` response (`results[refId].frames`).
 */
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

export interface PreviewQueryResult {
  frames: DataFrameJson[];
  error?: string;
  status?: number;
}

const quietLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: (msg: string, fields?: unknown) => console.error(msg, fields) } as never;

export function createPreviewBackend(catalogDir: string) {
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
    jsonData: { demo: true, catalogDir },
    decryptedSecureJsonData: {},
    lastUpdatedMS: 1,
    apiVersion: '',
  };
  const context: PluginContext = { orgId: 1, pluginId: 'sloledger-datasource', pluginVersion: 'preview', userAgent: 'preview', apiVersion: '', namespace: '', grafanaConfig: {} };

  return {
    async query(request: PreviewQueryRequest): Promise<{ results: Record<string, PreviewQueryResult> }> {
      if (!Array.isArray(request.queries) || !Number.isFinite(request.fromMs) || !Number.isFinite(request.toMs) || request.fromMs >= request.toMs) {
        throw new Error('a preview query needs queries[], and fromMs < toMs (epoch ms)');
      }
      const queries = request.queries.map((q) => ({
        refId: q.refId,
        queryType: q.queryType,
        maxDataPoints: 1000,
        intervalMs: 60_000,
        timeRange: { fromMs: request.fromMs, toMs: request.toMs },
        json: q,
      }));
      const responses = await handlers.queryData({ context, settings, headers: {}, fromAlert: false, queries } as never, new AbortController().signal);
      const results: Record<string, PreviewQueryResult> = {};
      for (const [refId, res] of responses) {
        const error = res.error === undefined ? undefined : typeof res.error === 'string' ? res.error : res.error.message;
        results[refId] = { frames: res.frames.map((f) => toDataFrameJson(f, refId)), ...(error ? { error, status: res.status ?? 500 } : {}) };
      }
      return { results };
    },
  };
}
