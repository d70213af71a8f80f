import '../testing/setupScenes';
import React from 'react';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { OverviewSummaryView } from './OverviewSummaryView';
import { EmbeddedScene, sceneGraph, SceneQueryRunner, VizPanel } from '@grafana/scenes';
import { defaultContext } from '../context';
import { ResourceView } from '../scene/ResourceView';
import { buildOverviewPage } from './overview';
import { overviewSummary } from './overviewSummary';

const ctx = defaultContext({ datasourceUid: 'sloledger' });
const route = { params: {}, isExact: true, path: '/a/sloledger-app/overview', url: '/a/sloledger-app/overview' };

describe('Overview page (book 11.2.2)', () => {
  const page = buildOverviewPage(ctx);
  const scene = page.state.getScene!(route) as EmbeddedScene;

  it('lives at /a/sloledger-app/overview', () => {
    expect(page.state.url).toBe('/a/sloledger-app/overview');
  });

  it('offers the shared filters: datasource, team, service, SLI, deployment, SLO, time scale', () => {
    const names = scene.state.$variables!.state.variables.map((v) => v.state.name);
    expect(names).toEqual(['ds', 'team', 'service', 'sli', 'deployment', 'slo', 'timeScale']);
    expect(scene.state.$variables!.getByName('ds')!.getValue()).toBe('sloledger');
  });

  it('shows the bundle overview panel with a catalog query bound to every filter, rows linking to the detail URL', () => {
    const panel = sceneGraph.findObject(scene, (o) => o instanceof VizPanel) as VizPanel;
    expect(panel.state.pluginId).toBe('sloledger-overview-panel');
    expect(panel.state.options).toMatchObject({ rowLink: '/a/sloledger-app/service/${service}/${sli}/${deployment}' });
    const runner = panel.state.$data as SceneQueryRunner;
    expect(runner.state.queries[0]).toMatchObject({ queryType: 'catalog', teams: ['$team'], services: ['$service'], slis: ['$sli'], deployments: ['$deployment'], slos: ['$slo'], datasource: { type: 'sloledger-datasource', uid: '${ds}' } });
  });

  it('loads its summary from indicators/slos-by-service', () => {
    expect(sceneGraph.findObject(scene, (o) => o instanceof ResourceView)).toBeTruthy();
  });
});

describe('overviewSummary', () => {
  const row = (o: Record<string, unknown>) => ({ service: 's', team: 't', slo: 's/a', sli: 'availability', deployment: 'prod', periodLabel: '28d rolling', periodDays: 28, daysLeft: null, remaining: 0.5, burnState: 'Acceptable', ...o });
  it('counts SLOs by state and puts the services at risk first', () => {
    const s = overviewSummary({
      rows: [
        row({ service: 'calm', slo: 'calm/a', remaining: 0.9 }),
        row({ service: 'hot', slo: 'hot/a', remaining: 0.6, burnState: 'Critical' }),
        row({ service: 'low', slo: 'low/a', remaining: -0.2, burnState: 'Recovering' }),
        row({ service: 'low', slo: 'low/b', remaining: 0.3, sli: 'latency' }),
        row({ service: 'quiet', slo: 'quiet/a', remaining: null, burnState: 'No data' }),
      ],
    });
    expect(s.byState).toEqual({ Critical: 1, Increasing: 0, Recovering: 1, Acceptable: 2, 'No data': 1 });
    expect(s.services.map((x) => x.service)).toEqual(['hot', 'low', 'calm', 'quiet']);
    expect(s.services[1]).toMatchObject({ worstRemaining: -0.2, worstSlo: 'low/a', slos: 2 });
    expect(s.periods).toEqual([{ label: '28d rolling', days: 28, daysLeft: null, slos: 5 }]);
  });
});

describe('OverviewSummaryView links', () => {
  const res = { section: '11.2.2', notices: [], rows: [{ service: 'checkout', team: 'payments', slo: 'checkout/orders', sli: 'availability', deployment: '', periodLabel: 'month calendar', periodDays: 31, daysLeft: 12, remaining: -0.08, burnState: 'Critical' }] };
  it.each([
    ['without linkTo, the plain detail URL', undefined, '/a/sloledger-app/service/checkout/availability/all'],
    ['with linkTo, what it adds (the page keeps its time range)', (u: string) => `${u}?from=now-28d&to=now`, '/a/sloledger-app/service/checkout/availability/all?from=now-28d&to=now'],
  ])('%s', (_name, linkTo, href) => {
    // TextLink renders a router link, as inside Grafana
    render(
      <MemoryRouter>
        <OverviewSummaryView res={res as never} ctx={ctx} linkTo={linkTo} />
      </MemoryRouter>
    );
    expect(screen.getByRole('link', { name: 'checkout' })).toHaveAttribute('href', href);
  });
});
