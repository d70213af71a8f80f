import '../testing/setupScenes';
import React from 'react';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { CustomVariable, sceneGraph } from '@grafana/scenes';
import { fakeBackend } from '../testing/fakeBackend';
import { harness, TO, until } from '../testing/sceneHarness';
import { ResourceView } from '../scene/ResourceView';
import { defaultContext } from '../context';
import { buildOverviewScene } from './overview';
import { buildPoliciesScene } from './policies';
import type { CatalogResponse, IndicatorResponse, PolicyStateJson } from '../../core/contracts/resourceContract';

const backend = { current: fakeBackend({}) };
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch: (req: never) => backend.current.fetch(req) }),
}));

const ctx = defaultContext({ datasourceUid: 'sloledger' });
const catalog: CatalogResponse = {
  version: '1',
  slos: [],
  teams: ['payments'],
  services: [{ name: 'checkout', team: 'payments', deployments: ['prod', 'eu'], dependencies: [] }],
  slas: [],
  issues: [],
};
const indicator = (rows: IndicatorResponse['rows'], notices: string[] = []): IndicatorResponse => ({ indicator: 'slos-by-service', section: '11.2.2', columns: [], rows, notices });

/** Takes the ResourceView out of a page scene and runs it inside the test harness with fixed filters. */
function viewOf(sceneBuilder: () => ReturnType<typeof buildOverviewScene>, key: string) {
  const view = sceneGraph.findByKey(sceneBuilder(), key) as ResourceView<unknown>;
  view.parent!.setState({ body: undefined } as never); // detach from the built page
  const clone = new ResourceView({ ...view.state, key: `${key}-under-test` });
  return clone;
}

describe('Overview summary (book 11.2.2)', () => {
  it('loads indicators/slos-by-service with the filters and the time range, and shows the services at risk first', async () => {
    backend.current = fakeBackend({
      'indicators/slos-by-service': indicator([
        { service: 'catalog', team: 'payments', slo: 'catalog/products', sli: 'availability', deployment: 'prod', periodLabel: 'month calendar', periodDays: 30, daysLeft: 11, remaining: 0.8, burnState: 'Acceptable' },
        { service: 'checkout', team: 'payments', slo: 'checkout/orders', sli: 'availability', deployment: 'prod', periodLabel: 'month calendar', periodDays: 30, daysLeft: 11, remaining: -0.1, burnState: 'Critical' },
      ]),
    });
    const view = viewOf(() => buildOverviewScene(ctx), 'overview-summary');
    const { teardown } = harness(view, { team: 'payments' });
    await until(() => view.state.data !== undefined);
    const call = backend.current.calls[0];
    expect(call.path).toBe('indicators/slos-by-service');
    expect(call.params.getAll('team')).toEqual(['payments']);
    expect(call.params.get('service')).toBeNull(); // "All" is no filter
    expect(Number(call.params.get('to'))).toBe(TO);
    render(<view.Component model={view} />);
    expect(screen.getByText(/30 days, 11 days left/)).toBeInTheDocument();
    expect(screen.getByText('Critical: 1')).toBeInTheDocument();
    const links = screen.getAllByRole('link');
    expect(links[0]).toHaveTextContent('checkout');
    // the drill-down keeps the page's time range (withTimeRange)
    expect(links[0]).toHaveAttribute('href', '/a/sloledger-app/service/checkout/availability/prod?from=2026-08-01T00%3A00%3A00.000Z&to=2026-11-20T00%3A00%3A00.000Z');
    teardown();
  });

  it('reloads when a filter changes, with the new value', async () => {
    backend.current = fakeBackend({ 'indicators/slos-by-service': indicator([]) });
    const view = viewOf(() => buildOverviewScene(ctx), 'overview-summary');
    const { teardown } = harness(view, { team: 'payments' });
    await until(() => backend.current.calls.length === 1 && view.state.loading === false);
    (sceneGraph.lookupVariable('team', view) as CustomVariable).changeValueTo('identity');
    await until(() => backend.current.calls.length === 2);
    expect(backend.current.calls[1].params.getAll('team')).toEqual(['identity']);
    await until(() => view.state.loading === false);
    render(<view.Component model={view} />);
    expect(screen.getByText(/No SLO matches the filters/)).toBeInTheDocument();
    teardown();
  });

  it('says clearly when there is no SLO Ledger datasource', async () => {
    const view = viewOf(() => buildOverviewScene(ctx), 'overview-summary');
    const { teardown } = harness(view, { ds: '' });
    await until(() => view.state.error !== undefined);
    render(<view.Component model={view} />);
    expect(screen.getByText(/No SLO Ledger datasource/)).toBeInTheDocument();
    teardown();
  });
});

describe('Error budget policies page (book ch. 10)', () => {
  const policy: PolicyStateJson = {
    policy: 'payments-policy',
    scope: { teams: ['payments'], services: [] },
    purpose: 'Protect checkout users',
    conditions: [
      { id: 'A', description: 'Budget exhausted before the period ends', trigger: 'automatic', met: true, because: 'exhausted after 9.0 d' },
      { id: 'M1', description: 'More than two incidents this week', trigger: 'manual', met: false, because: 'recorded by on-call' },
    ],
    consequencesInForce: [{ id: 'I', description: 'Stop feature releases', blocksReleases: true }],
    escalation: 'Head of engineering',
    agreedBy: ['PO', 'Dev lead'],
    nextReviewMs: Date.UTC(2026, 5, 1),
    reviewOverdue: true,
  };

  it('shows the policies resource error instead of inventing policies', async () => {
    backend.current = fakeBackend({ catalog });
    const view = viewOf(() => buildPoliciesScene(ctx), 'policies');
    const { teardown } = harness(view);
    await until(() => view.state.error !== undefined);
    render(<view.Component model={view} />);
    expect(screen.getByText('policies: 404 no resource "policies"')).toBeInTheDocument();
    teardown();
  });

  it('shows the seven parts, gates per environment, the overdue review, and posts a manual condition', async () => {
    backend.current = fakeBackend({
      catalog,
      policies: { policies: [policy] },
      'gates/checkout': (_p: string, params: URLSearchParams) => ({ service: 'checkout', environment: params.get('environment'), decision: params.get('environment') === 'prod' ? 'deny' : 'allow', reasons: ['condition A met'] }),
      'policies/payments-policy/conditions/*': (_p: string, _q: URLSearchParams, body: unknown) => ({ policy: 'payments-policy', conditionId: 'M1', ...(body as object), by: 'alice', atMs: 1 }),
    });
    const view = viewOf(() => buildPoliciesScene(ctx), 'policies');
    const { teardown } = harness(view);
    await until(() => view.state.data !== undefined);
    render(<view.Component model={view} />);
    for (const part of ['1. Scope', '2. Purpose', '3. Conditions', '4. Consequences in force', '5. Escalation', '6. Agreed by', '7. Next review']) {
      expect(screen.getByText(part)).toBeInTheDocument();
    }
    expect(screen.getByText('Review overdue')).toBeInTheDocument();
    expect(screen.getByText('deny')).toBeInTheDocument();
    expect(screen.getByText('allow')).toBeInTheDocument();
    expect(screen.getByText('More than two incidents this week')).toBeInTheDocument();
    await act(async () => {
      fireEvent.click(screen.getByRole('checkbox'));
      await until(() => backend.current.calls.some((c) => c.method === 'POST'));
      await until(() => view.state.loading === false); // the page reloads after the write
    });
    const post = backend.current.calls.find((c) => c.method === 'POST')!;
    expect(post).toMatchObject({ path: 'policies/payments-policy/conditions/M1', body: { met: true } });
    teardown();
  });
});
