/**
 * Grafana's runtime singletons for the preview (a development tool), so the
 * app pages and the real SloLedgerDataSource run unchanged outside Grafana:
 * BackendSrv (fetch to the preview server, which answers `/api/ds/query`,
 * `/api/datasources/uid/<uid>/resources/…` and `/health` with the real
 * backend handlers), DataSourceSrv (one SLO Ledger datasource), TemplateSrv
 * (scene variables through sceneGraph.interpolate, as Grafana's does),
 * runRequest (the query pipeline scenes calls), app events, and the panel
 * plugin importer scenes' VizPanel uses.
 */
import { DataQueryRequest, DataQueryResponse, DataSourceApi, DataSourceInstanceSettings, EventBusSrv, LoadingState, PanelData, PanelPlugin, ScopedVars, standardEditorsRegistry, StandardEditorsRegistryItem } from '@grafana/data';
import { BackendSrv, BackendSrvRequest, FetchResponse, setAppEvents, setBackendSrv, setDataSourceSrv, setPluginImportUtils, setRunRequest, setTemplateSrv, toDataQueryError } from '@grafana/runtime';
import { sceneGraph, SceneObject } from '@grafana/scenes';
import { from, Observable, of } from 'rxjs';
import { catchError, map } from 'rxjs/operators';
import { SloLedgerDataSource } from '../../../src/datasource/SloLedgerDataSource';
import { SloLedgerOptions } from '../../../src/datasource/types';
import { plugin as adherencePlugin } from '../../../src/panels/adherence/module';
import { plugin as budgetPlugin } from '../../../src/panels/budget/module';
import { plugin as overviewPlugin } from '../../../src/panels/overview/module';
import { builtinPanelStandIn } from './builtinPanelStandIn';

/** The uid the preview server's backend answers to (preview/server/previewBackend.ts). */
export const PREVIEW_DS_UID = 'sloledger-preview';

/** Requests to the preview server not yet answered (the host waits for 0 before saying "ready"). */
export const inflight = { count: 0, lastChangeMs: 0, answered: 0 };

function queryString(params: BackendSrvRequest['params']): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) {
    for (const x of Array.isArray(v) ? v : [v]) {
      if (x !== undefined && x !== null) {
        q.append(k, String(x));
      }
    }
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Grafana's fetch: an Observable of the response; non-2xx answers error with `{ status, data }` (a FetchError). */
function fetchObservable<T>(options: BackendSrvRequest): Observable<FetchResponse<T>> {
  return new Observable<FetchResponse<T>>((subscriber) => {
    const url = options.url + queryString(options.params);
    const method = (options.method ?? 'GET').toUpperCase();
    const body = options.data === undefined || method === 'GET' ? undefined : typeof options.data === 'string' ? options.data : JSON.stringify(options.data);
    const abort = new AbortController();
    inflight.count++;
    inflight.lastChangeMs = performance.now();
    const done = () => {
      inflight.count--;
      inflight.answered++;
      inflight.lastChangeMs = performance.now();
    };
    fetch(url, { method, body, headers: { 'content-type': 'application/json', ...(options.headers ?? {}) }, signal: abort.signal })
      .then(async (res) => {
        const text = await res.text();
        let data: unknown = text;
        try {
          data = text ? JSON.parse(text) : undefined;
        } catch {
          // not JSON: keep the text
        }
        const response = { data: data as T, status: res.status, statusText: res.statusText, ok: res.ok, headers: res.headers, redirected: res.redirected, type: res.type, url, config: options };
        done();
        if (res.ok) {
          subscriber.next(response);
          subscriber.complete();
        } else {
          subscriber.error({ status: res.status, statusText: res.statusText, data, config: options });
        }
      })
      .catch((error: Error) => {
        done();
        subscriber.error(error.name === 'AbortError' ? { status: -1, cancelled: true, data: {}, config: options } : error);
      });
    return () => abort.abort();
  });
}

function promiseOf<T>(options: BackendSrvRequest): Promise<T> {
  return new Promise<T>((resolve, reject) => fetchObservable<T>(options).subscribe({ next: (r) => resolve(r.data), error: reject }));
}

const backendSrv = {
  fetch: fetchObservable,
  request: promiseOf,
  datasourceRequest: (options: BackendSrvRequest) => new Promise((resolve, reject) => fetchObservable(options).subscribe({ next: resolve, error: reject })),
  get: (url: string, params?: BackendSrvRequest['params'], requestId?: string, options: Partial<BackendSrvRequest> = {}) => promiseOf({ ...options, url, params, requestId, method: 'GET' }),
  post: (url: string, data?: unknown, options: Partial<BackendSrvRequest> = {}) => promiseOf({ ...options, url, data, method: 'POST' }),
  put: (url: string, data?: unknown, options: Partial<BackendSrvRequest> = {}) => promiseOf({ ...options, url, data, method: 'PUT' }),
  patch: (url: string, data?: unknown, options: Partial<BackendSrvRequest> = {}) => promiseOf({ ...options, url, data, method: 'PATCH' }),
  delete: (url: string, data?: unknown, options: Partial<BackendSrvRequest> = {}) => promiseOf({ ...options, url, data, method: 'DELETE' }),
  resolveCancelerIfExists: () => undefined,
  chunked: () => {
    throw new Error('the preview has no chunked requests');
  },
} as unknown as BackendSrv;

export const previewInstanceSettings: DataSourceInstanceSettings<SloLedgerOptions> = {
  id: 1,
  uid: PREVIEW_DS_UID,
  type: 'sloledger-datasource',
  name: 'SLO Ledger (preview)',
  access: 'proxy',
  readOnly: false,
  jsonData: { demo: true } as SloLedgerOptions,
  meta: {
    id: 'sloledger-datasource',
    name: 'SLO Ledger',
    type: 'datasource',
    module: '',
    baseUrl: '',
    backend: true,
    metrics: true,
    annotations: true,
    info: { author: { name: 'SLO Ledger' }, description: '', links: [], logos: { small: '', large: '' }, screenshots: [], updated: '', version: 'preview' },
  } as unknown as DataSourceInstanceSettings['meta'],
};

/**
 * Scene variables are interpolated by the scene graph: Grafana's TemplateSrv
 * hands a target to sceneGraph.interpolate when scopedVars carry `__sceneObject`.
 */
const templateSrv = {
  getVariables: () => [],
  containsTemplate: (target?: string) => Boolean(target && /\$\w|\$\{|\[\[/.test(target)),
  updateTimeRange: () => undefined,
  replace(target?: string, scopedVars?: ScopedVars, format?: string | Function): string {
    const scene = (scopedVars?.__sceneObject?.value as { valueOf(): SceneObject } | undefined)?.valueOf();
    if (!target || !scene) {
      return target ?? '';
    }
    return sceneGraph.interpolate(scene, target, scopedVars, format as never);
  },
};

let dataSource: SloLedgerDataSource | undefined;
const isOurs = (ref: unknown, scopedVars?: ScopedVars) => {
  if (ref === null || ref === undefined || ref === '') {
    return true; // the default datasource: the preview has only this one
  }
  const r = typeof ref === 'string' ? { uid: ref } : (ref as { uid?: string; type?: string });
  const uid = r.uid && r.uid.includes('$') ? templateSrv.replace(r.uid, scopedVars) : r.uid;
  return uid === PREVIEW_DS_UID || uid === previewInstanceSettings.name || (!uid && r.type === previewInstanceSettings.type);
};

const dataSourceSrv = {
  async get(ref?: unknown, scopedVars?: ScopedVars): Promise<DataSourceApi> {
    if (!isOurs(ref, scopedVars)) {
      throw new Error(`Datasource ${JSON.stringify(ref)} was not found (the preview has one: ${PREVIEW_DS_UID})`);
    }
    dataSource = dataSource ?? new SloLedgerDataSource(previewInstanceSettings);
    return dataSource as unknown as DataSourceApi;
  },
  getList: (filters: { pluginId?: string; type?: string | string[] } = {}) => {
    const types = [filters.pluginId, ...(Array.isArray(filters.type) ? filters.type : [filters.type])].filter(Boolean);
    return types.length === 0 || types.includes(previewInstanceSettings.type) ? [previewInstanceSettings] : [];
  },
  getInstanceSettings: (ref?: unknown, scopedVars?: ScopedVars) => (isOurs(ref, scopedVars) ? previewInstanceSettings : undefined),
  reload: async () => undefined,
  registerRuntimeDataSource: () => undefined,
};

/** The part of Grafana's runRequest scenes needs: run the datasource's query, answer PanelData. */
function runRequest(ds: DataSourceApi, request: DataQueryRequest, queryFunction?: typeof ds.query): Observable<PanelData> {
  const run = (queryFunction ?? ds.query).bind(ds);
  return from(run(request) as Observable<DataQueryResponse> | Promise<DataQueryResponse>).pipe(
    map((res): PanelData => {
      const errors = res.errors ?? (res.error ? [res.error] : undefined);
      return { state: errors?.length ? LoadingState.Error : LoadingState.Done, series: res.data ?? [], errors, error: errors?.[0], timeRange: request.range, request };
    }),
    catchError((e) => {
      const error = toDataQueryError(e);
      return of<PanelData>({ state: LoadingState.Error, series: [], errors: [error], error, timeRange: request.range, request });
    })
  );
}

function withMeta(plugin: PanelPlugin, id: string, name: string): PanelPlugin {
  plugin.meta = { id, name, type: 'panel', module: '', baseUrl: '', sort: 0, info: { author: { name: 'SLO Ledger' }, description: '', links: [], logos: { small: '', large: '' }, screenshots: [], updated: '', version: 'preview' } } as never;
  return plugin;
}

/** Panels scenes can mount: the bundle's three, and stand-ins for Grafana's built-in table and time series. */
export const PREVIEW_PANELS: Record<string, PanelPlugin> = {
  'sloledger-overview-panel': withMeta(overviewPlugin as unknown as PanelPlugin, 'sloledger-overview-panel', 'SLOs by service'),
  'sloledger-budget-panel': withMeta(budgetPlugin as unknown as PanelPlugin, 'sloledger-budget-panel', 'SLO error budget depletion'),
  'sloledger-adherence-panel': withMeta(adherencePlugin as unknown as PanelPlugin, 'sloledger-adherence-panel', 'SLO adherence'),
  timeseries: withMeta(builtinPanelStandIn('timeseries'), 'timeseries', 'Time series (preview stand-in)'),
  table: withMeta(builtinPanelStandIn('table'), 'table', 'Table (preview stand-in)'),
};

/**
 * Grafana fills the panel options editor registry at start-up with its own
 * editors; panel option builders look editors up by id (`addRadio` → "radio").
 * The preview edits no panel options, so each id gets an empty editor.
 */
const OPTION_EDITOR_IDS = ['radio', 'boolean', 'text', 'select', 'multi-select', 'number', 'slider', 'color', 'unit', 'strings', 'links', 'thresholds', 'mappings'];
const optionEditors = (): StandardEditorsRegistryItem[] => OPTION_EDITOR_IDS.map((id) => ({ id, name: id, editor: () => null }) as unknown as StandardEditorsRegistryItem);

let installed = false;

/** Installs the singletons once, before the first app page renders. */
export function installPreviewRuntime(): void {
  if (installed) {
    return;
  }
  installed = true;
  standardEditorsRegistry.setInit(optionEditors);
  setBackendSrv(backendSrv);
  setDataSourceSrv(dataSourceSrv as never);
  setTemplateSrv(templateSrv as never);
  setRunRequest(runRequest as never);
  setAppEvents(new EventBusSrv() as never);
  setPluginImportUtils({
    importPanelPlugin: async (id: string) => {
      const p = PREVIEW_PANELS[id];
      if (!p) {
        throw new Error(`panel plugin "${id}" is not available in the preview (known: ${Object.keys(PREVIEW_PANELS).join(', ')})`);
      }
      return p;
    },
    getPanelPluginFromCache: (id: string) => PREVIEW_PANELS[id],
  });
}
