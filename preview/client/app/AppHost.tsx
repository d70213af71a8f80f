/**
 * Mounts the real app (src/app/App.tsx: the SceneApp with every page) and
 * its configuration page as Grafana would: inside a router on
 * @grafana/runtime's locationService, with the runtime singletons of
 * ./runtime installed. `body[data-preview-state]` becomes `ready` once no
 * request to the preview server is in flight and nothing on the page is
 * busy, and goes back to `loading` while the page loads again (filters, tabs).
 */
import React, { useEffect, useLayoutEffect, useState } from 'react';
import { Route, Router, Routes } from 'react-router-dom';
import { css } from '@emotion/css';
import { AppPluginMeta, GrafanaTheme2, PluginType } from '@grafana/data';
import { LocationServiceProvider, locationService } from '@grafana/runtime';
import { useStyles2 } from '@grafana/ui';
import { App } from '../../../src/app/App';
import { AppConfig } from '../../../src/app/config/AppConfig';
import { APP_ID, AppJsonData } from '../../../src/app/context';
import { inflight, installPreviewRuntime, PREVIEW_DS_UID } from './runtime';

/** The app's settings as Grafana hands them to the root page: the preview's datasource chosen. */
export const PREVIEW_APP_META = {
  id: APP_ID,
  name: 'SLO Ledger',
  type: PluginType.app,
  enabled: true,
  jsonData: { datasourceUid: PREVIEW_DS_UID },
  module: '',
  baseUrl: '',
  info: {
    author: { name: 'SLO Ledger' },
    description: '',
    links: [],
    logos: { small: '', large: '' },
    screenshots: [],
    updated: '',
    version: 'preview',
  },
} as unknown as AppPluginMeta<AppJsonData>;

/** Quiet time after the last answer before the page counts as rendered (scenes re-renders after data). */
const SETTLE_MS = 250;

function useReadiness() {
  useEffect(() => {
    const started = performance.now();
    const timer = setInterval(() => {
      const busy =
        inflight.count > 0 || document.querySelector('[aria-busy=true], [data-testid="Spinner"], .fa-spinner') !== null;
      // scenes starts loading only after the bundle and the variables settle: wait for a first answer (or 3 s without any)
      const begun = inflight.answered > 0 || performance.now() - started > 3000;
      const settled = begun && !busy && performance.now() - Math.max(inflight.lastChangeMs, started) > SETTLE_MS;
      document.body.dataset.previewState = settled ? 'ready' : 'loading';
    }, 50);
    return () => clearInterval(timer);
  }, []);
}

export function AppHost() {
  installPreviewRuntime();
  const styles = useStyles2(getStyles);
  const history = locationService.getHistory();
  const [location, setLocation] = useState(history.location);
  useLayoutEffect(() => history.listen((l: typeof location) => setLocation(l)), [history]);
  useReadiness();
  return (
    <div className={styles.page}>
      <p className={styles.banner} data-testid="preview-banner">
        SLO Ledger preview (development tool): the app’s real pages over the demo source. Grafana’s built-in panels
        (time series, table) are not available outside Grafana: plain tables of their frames stand in for them.{' '}
        <a href="/">All views</a>
      </p>
      <div data-testid="preview-view">
        <LocationServiceProvider service={locationService}>
          <Router location={location} navigator={history}>
            <Routes>
              <Route
                path={`/a/${APP_ID}/*`}
                element={
                  <App
                    meta={PREVIEW_APP_META}
                    basename={`/a/${APP_ID}`}
                    path={`/a/${APP_ID}`}
                    query={{}}
                    onNavChanged={() => undefined}
                  />
                }
              />
              <Route
                path={`/plugins/${APP_ID}`}
                element={<AppConfig plugin={{ meta: PREVIEW_APP_META } as never} query={{}} />}
              />
            </Routes>
          </Router>
        </LocationServiceProvider>
      </div>
    </div>
  );
}

const getStyles = (t: GrafanaTheme2) => ({
  page: css({ padding: t.spacing(2), minHeight: '100vh', background: t.colors.background.canvas }),
  banner: css({
    color: t.colors.text.secondary,
    fontSize: t.typography.bodySmall.fontSize,
    borderBottom: `1px solid ${t.colors.border.weak}`,
    paddingBottom: t.spacing(1),
  }),
});
