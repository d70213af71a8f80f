/** The SLA tabs send the chosen customer (book 11.2.7) and show a Customer column only when the answer has one. */
import '../testing/setupScenes';
import React from 'react';
import { render, screen } from '@testing-library/react';
import { fakeBackend } from '../testing/fakeBackend';
import { harness, until } from '../testing/sceneHarness';
import { ResourceView } from '../scene/ResourceView';
import { INDICATOR_TABS } from './indicators';
import type { IndicatorResponse } from '../../core/contracts/resourceContract';

const backend = { current: fakeBackend({}) };
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch: (req: never) => backend.current.fetch(req) }),
}));

const answer = (withCustomer: boolean): IndicatorResponse => ({
  indicator: 'sla-depletion',
  section: '11.2.7',
  columns: ['level', 'service', 'sla', 'objective', 'period', 'endRemaining', 'sliValue', ...(withCustomer ? ['customer'] : [])],
  rows: [{ level: 'endpoint-level', service: 'accounts', sla: 'sla/login-sla', objective: 0.995, period: '2026-10', endRemaining: 0.4, sliValue: 0.998, ...(withCustomer ? { customer: 'initech' } : {}) }],
  notices: [],
});

const slaView = (slug: string) => INDICATOR_TABS.find((t) => t.slug === slug)!.body()[0] as ResourceView<IndicatorResponse>;

describe.each(['sla-depletion', 'sla-adherence'])('the %s tab', (slug) => {
  it('sends customer=<value> when a customer is chosen and shows the Customer column', async () => {
    backend.current = fakeBackend({ [`indicators/${slug}`]: answer(true) });
    const view = slaView(slug);
    const { teardown } = harness(view, { customer: 'initech' });
    await until(() => view.state.data !== undefined);
    expect(backend.current.calls[0].params.get('customer')).toBe('initech');
    render(<view.Component model={view} />);
    expect(screen.getByText('Customer')).toBeInTheDocument();
    expect(screen.getByText('initech')).toBeInTheDocument();
    teardown();
  });

  it('sends no customer for "All" and shows no Customer column', async () => {
    backend.current = fakeBackend({ [`indicators/${slug}`]: answer(false) });
    const view = slaView(slug);
    const { teardown } = harness(view, { customer: '$__all' });
    await until(() => view.state.data !== undefined);
    expect(backend.current.calls[0].params.get('customer')).toBeNull();
    render(<view.Component model={view} />);
    expect(screen.queryByText('Customer')).toBeNull();
    teardown();
  });
});
