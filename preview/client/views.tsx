/**
 * Every view the preview can mount: one entry per panel, app page or editor.
 * Add a view with one entry. Panels and editors: `queries` run through the
 * real backend handlers and `render` receives their frames. App pages
 * (`appPage(…)`): the whole app is mounted at its Grafana URL (`pagePath`)
 * and loads its own data through the real datasource class (./app/AppHost).
 */
import React, { useState } from 'react';
import { DataFrame, DataSourceSettings } from '@grafana/data';
import { ConfigEditor } from '../../src/datasource/ConfigEditor';
import { SloLedgerOptions, SloLedgerSecureJsonData } from '../../src/datasource/types';
import { AdherencePanel } from '../../src/panels/adherence/AdherencePanel';
import { AdherenceOptions } from '../../src/panels/adherence/options';
import { DEFAULT_CELL_LINK } from '../../src/panels/adherence/viewModel';
import { BudgetPanel } from '../../src/panels/budget/BudgetPanel';
import { BudgetOptions } from '../../src/panels/budget/options';
import { OverviewPanel } from '../../src/panels/overview/OverviewPanel';
import { DEFAULT_ROW_LINK, OverviewOptions } from '../../src/panels/overview/options';
import { AppHost } from './app/AppHost';
import { PanelFrame, previewPanelProps } from './panelProps';

export interface PreviewQuerySpec {
  refId: string;
  queryType: string;
  [key: string]: unknown;
}

export interface PreviewView {
  id: string;
  /** For app pages: the URL path it lives at in Grafana (e.g. `/a/sloledger-app/overview`); links to it land on it. */
  pagePath?: string;
  /** For app pages: where `?view=<id>` opens (a path under pagePath, e.g. one service's detail page). */
  openPath?: string;
  title: string;
  /** Look-back of the time range, ending at the preview's "to". */
  rangeDays: number;
  width: number;
  height: number;
  queries: PreviewQuerySpec[];
  render: (frames: DataFrame[], frame: PanelFrame) => React.ReactElement;
}

/** A panel with its options held in state, as a dashboard would (options editors change them). */
function Panel<T>({ component: Component, frames, frame, initial }: { component: React.ComponentType<ReturnType<typeof previewPanelProps<T>>>; frames: DataFrame[]; frame: PanelFrame; initial: T }) {
  const [options, setOptions] = useState<T>(initial);
  return <Component {...previewPanelProps(frames, options, frame, setOptions)} />;
}

function panelView<T>(id: string, title: string, component: React.ComponentType<ReturnType<typeof previewPanelProps<T>>>, options: T, queries: PreviewQuerySpec[], size: { rangeDays: number; width: number; height: number }): PreviewView {
  return { id, title, queries, ...size, render: (frames, frame) => <Panel<T> component={component} frames={frames} frame={frame} initial={options} /> };
}

/** A catalog with one error, on line 12 (a good expression without $__window), for the config editor view. */
export const CONFIG_EXAMPLE_YAML = `apiVersion: sloledger/v1
teams:
  - name: payments
services:
  - name: checkout
    team: payments
    slos:
      - name: orders-availability
        sli: availability
        objective: 99.5
        source: demo
        good: demo_good{slo="checkout-orders"}
        total: demo_total{slo="checkout-orders"}[$__window]
`;

function ConfigEditorView() {
  const [options, setOptions] = useState({
    id: 1,
    uid: 'sloledger-preview',
    orgId: 1,
    name: 'SLO Ledger',
    type: 'sloledger-datasource',
    typeName: 'SLO Ledger',
    typeLogoUrl: '',
    access: 'proxy',
    url: '',
    user: '',
    database: '',
    basicAuth: false,
    basicAuthUser: '',
    isDefault: false,
    readOnly: false,
    withCredentials: false,
    jsonData: { demo: true, catalogYaml: CONFIG_EXAMPLE_YAML },
    secureJsonFields: {},
  } as unknown as DataSourceSettings<SloLedgerOptions, SloLedgerSecureJsonData>);
  return <ConfigEditor options={options} onOptionsChange={setOptions} />;
}

const selection = { includeDefaults: true };

/** An app page: the real SceneApp (or config page) mounted at the page's Grafana URL. */
function appPage(id: string, title: string, pagePath: string, openPath = pagePath): PreviewView {
  return { id, title, pagePath, openPath, rangeDays: 28, width: 1400, height: 900, queries: [], render: () => <AppHost /> };
}

export const PREVIEW_VIEWS: PreviewView[] = [
  panelView<OverviewOptions>('overview', 'SLOs by service', OverviewPanel, { groupBy: 'service', showDefaults: true, rowLink: DEFAULT_ROW_LINK }, [{ refId: 'A', queryType: 'catalog', ...selection }], { rangeDays: 1, width: 1400, height: 420 }),
  panelView<AdherenceOptions>('adherence', 'SLO adherence', AdherencePanel, { cellLink: DEFAULT_CELL_LINK, showSli: true }, [{ refId: 'A', queryType: 'adherence', timeScale: 'period', ...selection }], { rangeDays: 92, width: 1400, height: 480 }),
  panelView<BudgetOptions>('budget', 'Error budget depletion', BudgetPanel, { layout: 'multiples', onlyPremature: false, showEpisodes: true, showDeployments: true }, [{ refId: 'A', queryType: 'budget', timeScale: 'daily', ...selection }], { rangeDays: 92, width: 1400, height: 600 }),
  { id: 'config', title: 'Datasource settings', rangeDays: 1, width: 1000, height: 900, queries: [], render: () => <ConfigEditorView /> },
  appPage('app-overview', 'App: Overview', '/a/sloledger-app/overview'),
  appPage('app-services', 'App: Services', '/a/sloledger-app/service'),
  appPage('app-service-detail', 'App: Service detail (checkout · availability · prod)', '/a/sloledger-app/service/', '/a/sloledger-app/service/checkout/availability/prod'),
  appPage('app-indicators', 'App: Indicators', '/a/sloledger-app/indicators', '/a/sloledger-app/indicators/adherence'),
  appPage('app-policies', 'App: Error budget policies', '/a/sloledger-app/policies'),
  appPage('app-decisions', 'App: Decisions', '/a/sloledger-app/decisions', '/a/sloledger-app/decisions/setting-slo'),
  appPage('app-config', 'App: Configuration', '/plugins/sloledger-app'),
];
