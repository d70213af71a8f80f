/**
 * The preview page: `/?view=<id>&theme=light|dark&to=<ISO or epoch ms>&days=<look-back>&width=<px>`.
 * Mounts one view of PREVIEW_VIEWS in Grafana's theme (GlobalStyles + the
 * ThemeContext @grafana/ui reads) with frames from the preview server, which
 * runs the real backend handlers. Without `view` it lists the views.
 * `body[data-preview-state]` says `loading`, `ready` or `error` (the browser tests wait on it).
 */
import React, { Profiler, useEffect, useLayoutEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { css } from '@emotion/css';
import { createTheme, DataFrame, GrafanaTheme2 } from '@grafana/data';
import { toDataQueryResponse } from '@grafana/runtime';
import { Alert, GlobalStyles, ThemeContext, useStyles2 } from '@grafana/ui';
import { PREVIEW_VIEWS, PreviewView } from './views';

interface Timings {
  /** React commit durations of the view (Profiler actualDuration), ms. */
  commits: Array<{ phase: string; actualMs: number }>;
  /** From the frames' arrival to the first paint of the view, ms. */
  firstPaintMs?: number;
}
declare global {
  interface Window {
    previewTimings: Timings;
  }
}
window.previewTimings = { commits: [] };

const params = new URLSearchParams(window.location.search);
const mode = params.get('theme') === 'light' ? 'light' : 'dark';
const theme = createTheme({ colors: { mode } });
const toParam = params.get('to');
const toMs = toParam ? (/^\d+$/.test(toParam) ? Number(toParam) : Date.parse(toParam)) : Math.floor(Date.now() / 60_000) * 60_000;
// `days` shortens (or lengthens) a view's look-back: a Prometheus with a few days of data shows them across the chart
const daysParam = Number(params.get('days'));
const rangeDays = (view: PreviewView) => (daysParam > 0 ? daysParam : view.rangeDays);

function setState(state: 'loading' | 'ready' | 'error') {
  document.body.dataset.previewState = state;
}

async function runQueries(view: PreviewView): Promise<{ frames: DataFrame[]; errors: string[] }> {
  if (view.queries.length === 0) {
    return { frames: [], errors: [] };
  }
  const fromMs = toMs - rangeDays(view) * 86_400_000;
  const res = await fetch('/api/query', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ queries: view.queries, fromMs, toMs }) });
  const body = await res.json();
  if (!res.ok) {
    return { frames: [], errors: [body.error ?? `HTTP ${res.status}`] };
  }
  // The same conversion DataSourceWithBackend applies to /api/ds/query responses
  const response = toDataQueryResponse({ data: body }, view.queries as never);
  const errors = (response.errors ?? []).map((e) => `${e.refId}: ${e.message}`);
  return { frames: response.data as DataFrame[], errors };
}

function ViewHost({ view }: { view: PreviewView }) {
  const styles = useStyles2(getStyles);
  const [result, setResult] = useState<{ frames: DataFrame[]; errors: string[]; arrivedAt: number } | undefined>();
  useEffect(() => {
    setState('loading');
    runQueries(view)
      .then((r) => setResult({ ...r, arrivedAt: performance.now() }))
      .catch((e: Error) => setResult({ frames: [], errors: [e.message], arrivedAt: performance.now() }));
  }, [view]);
  useLayoutEffect(() => {
    if (!result) {
      return;
    }
    requestAnimationFrame(() =>
      setTimeout(() => {
        window.previewTimings.firstPaintMs = performance.now() - result.arrivedAt;
        setState(result.errors.length > 0 ? 'error' : 'ready');
      })
    );
  }, [result]);
  const width = Number(params.get('width')) || view.width;
  const frame = { width, height: view.height, fromMs: toMs - rangeDays(view) * 86_400_000, toMs };
  return (
    <div className={styles.page}>
      <h2 className={styles.title}>{view.title}</h2>
      {result?.errors.map((e) => (
        <Alert key={e} severity="error" title="Query error">
          {e}
        </Alert>
      ))}
      <div className={styles.panel} style={{ width, minHeight: view.height }} data-testid="preview-view">
        {result && (
          <Profiler id={view.id} onRender={(_id, phase, actualMs) => window.previewTimings.commits.push({ phase, actualMs })}>
            {view.render(result.frames, frame)}
          </Profiler>
        )}
      </div>
    </div>
  );
}

function Index() {
  const styles = useStyles2(getStyles);
  useEffect(() => setState('ready'), []);
  return (
    <div className={styles.page}>
      <h2 className={styles.title}>SLO Ledger preview (development tool)</h2>
      <ul>
        {PREVIEW_VIEWS.map((v) => (
          <li key={v.id}>
            <a href={`?view=${v.id}&theme=${mode}`}>{v.title}</a>{v.pagePath ? ` (${v.openPath ?? v.pagePath})` : ''}{' '}
            (<a href={`?view=${v.id}&theme=${mode === 'dark' ? 'light' : 'dark'}`}>{mode === 'dark' ? 'light' : 'dark'}</a>)
          </li>
        ))}
      </ul>
    </div>
  );
}

const APP_ROOT = '/a/sloledger-app/';

/** A link into the app that no preview view answers yet: say where it pointed. */
function AppLinkTarget({ route }: { route: string }) {
  const styles = useStyles2(getStyles);
  useEffect(() => setState('ready'), []);
  return (
    <div className={styles.page}>
      <h2 className={styles.title}>App route</h2>
      <p data-testid="app-route">{decodeURIComponent(route)}</p>
      <p>
        {Array.from(params.entries()).map(([k, v]) => (
          <span key={k} data-testid={`app-param-${k}`}>
            {k}={/^\d{12,}$/.test(v) ? new Date(Number(v)).toISOString() : v}{' '}
          </span>
        ))}
      </p>
      <p>The app has no page at this route (its pages: {PREVIEW_VIEWS.filter((v) => v.pagePath).map((v) => v.pagePath).join(', ')}). <a href="/">All views</a></p>
    </div>
  );
}

/** The app view whose Grafana URL is the current path (the longest match: a detail page before its list). */
function appViewAt(pathname: string): PreviewView | undefined {
  const matches = PREVIEW_VIEWS.filter((v) => v.pagePath && (pathname === v.pagePath || pathname.startsWith(v.pagePath.endsWith('/') ? v.pagePath : `${v.pagePath}/`)));
  return matches.sort((a, b) => b.pagePath!.length - a.pagePath!.length)[0];
}

/** `?view=<app page>` opens the page at its URL, with the preview's "to" as the end of its time range. */
function openAppView(view: PreviewView) {
  const q = new URLSearchParams({ theme: mode, from: String(toMs - rangeDays(view) * 86_400_000), to: String(toMs) });
  window.location.replace(`${view.openPath ?? view.pagePath}?${q}`);
}

function App() {
  const pathname = window.location.pathname;
  const appView = appViewAt(pathname);
  if (appView) {
    return (
      <ThemeContext.Provider value={theme}>
        <GlobalStyles />
        {appView.render([], { width: appView.width, height: appView.height, fromMs: toMs - appView.rangeDays * 86_400_000, toMs })}
      </ThemeContext.Provider>
    );
  }
  const route = pathname.startsWith(APP_ROOT) ? pathname.slice(APP_ROOT.length) : undefined;
  const id = params.get('view');
  const view = PREVIEW_VIEWS.find((v) => v.id === id);
  if (route !== undefined) {
    return (
      <ThemeContext.Provider value={theme}>
        <GlobalStyles />
        <AppLinkTarget route={route} />
      </ThemeContext.Provider>
    );
  }
  if (view?.pagePath) {
    openAppView(view);
    return null;
  }
  return (
    <ThemeContext.Provider value={theme}>
      <GlobalStyles />
      {id && !view ? <Alert title={`No view "${id}" (known: ${PREVIEW_VIEWS.map((v) => v.id).join(', ')})`} /> : view ? <ViewHost view={view} /> : <Index />}
    </ThemeContext.Provider>
  );
}

const getStyles = (t: GrafanaTheme2) => ({
  page: css({ padding: t.spacing(2), minHeight: '100vh', background: t.colors.background.canvas }),
  title: css({ fontSize: t.typography.h4.fontSize, marginBottom: t.spacing(1) }),
  panel: css({ background: t.colors.background.primary, border: `1px solid ${t.colors.border.weak}`, borderRadius: t.shape.radius.default, padding: t.spacing(1) }),
});

setState('loading');
createRoot(document.getElementById('root')!).render(<App />);
