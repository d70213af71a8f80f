import { setupUiTestEnvironment } from './testUtils';
import React, { useState } from 'react';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryEditor } from './QueryEditor';
import type { SloLedgerDataSource } from './SloLedgerDataSource';
import { ConnectionJson, OptionDimension, SloLedgerQuery } from './types';

setupUiTestEnvironment();

const VALUES: Record<OptionDimension, string[]> = {
  teams: ['payments', 'search'],
  services: ['checkout', 'accounts'],
  slis: ['availability', 'latency'],
  deployments: ['prod', 'staging'],
  slos: ['checkout/orders'],
  endpoints: ['POST /orders'],
  customers: ['acme'],
};

/** The datasource as the editor sees it: options from a fake resource API. */
function makeDatasource({ connections = [] as ConnectionJson[], demo = true } = {}) {
  return {
    fetchOptions: jest.fn(async (dimension: OptionDimension) => VALUES[dimension].map((v) => ({ value: v, label: v }))),
    variableNames: jest.fn(() => ['$team']),
    connections: () => connections,
    demoEnabled: () => demo,
  } as unknown as SloLedgerDataSource & { fetchOptions: jest.Mock };
}

function renderEditor(initial: Partial<SloLedgerQuery>, datasource = makeDatasource()) {
  const onRunQuery = jest.fn();
  const changes: SloLedgerQuery[] = [];
  function Harness() {
    const [query, setQuery] = useState<SloLedgerQuery>({ refId: 'A', ...initial });
    return (
      <QueryEditor
        datasource={datasource}
        query={query}
        onRunQuery={onRunQuery}
        onChange={(next) => {
          changes.push(next);
          setQuery(next);
        }}
      />
    );
  }
  render(<Harness />);
  return { onRunQuery, datasource, last: () => changes[changes.length - 1] };
}

const missing = () => screen.queryByRole('status');

describe('QueryEditor: incomplete queries', () => {
  it.each([
    ['an ad hoc query without total', { queryType: 'adhoc' as const, adhoc: { source: 'demo' as const, good: 'g[$__window]', total: '', objective: 99.9 } }, 'Missing: Ad hoc: a total expression'],
    ['a burn-rate window that is not a duration', { queryType: 'burnrate' as const, window: 'soon' }, 'Missing: a burn-rate window like 1h or 30m (got "soon")'],
    ['a top N of zero', { queryType: 'endpoints' as const, topN: 0 }, 'Missing: a top N that is a whole number above 0'],
  ])('says what is missing for %s', (_name, query, text) => {
    renderEditor(query);
    expect(missing()).toHaveTextContent(text);
  });

  it('shows nothing missing for a complete query', () => {
    renderEditor({ queryType: 'budget' });
    expect(missing()).not.toBeInTheDocument();
  });

  it('runs an ad hoc query as soon as it is complete, not before', () => {
    const { onRunQuery, last } = renderEditor({ queryType: 'adhoc', adhoc: { source: 'demo', good: '', total: '', objective: 99.9, period: '28d' } });
    const good = screen.getByRole('textbox', { name: 'Good events expression' });
    fireEvent.change(good, { target: { value: 'demo_good{slo="x"}[$__window]' } });
    fireEvent.blur(good);
    expect(onRunQuery).not.toHaveBeenCalled();
    expect(missing()).toHaveTextContent('Ad hoc: a total expression');

    const total = screen.getByRole('textbox', { name: 'Total events expression' });
    fireEvent.change(total, { target: { value: 'demo_total{slo="x"}[$__window]' } });
    fireEvent.blur(total);
    expect(onRunQuery).toHaveBeenCalledTimes(1);
    expect(missing()).not.toBeInTheDocument();
    expect(last().adhoc).toEqual({ source: 'demo', good: 'demo_good{slo="x"}[$__window]', total: 'demo_total{slo="x"}[$__window]', objective: 99.9, period: '28d' });
  });
});

describe('QueryEditor: SLO selection', () => {
  it('offers a dimension narrowed by the fields before it, with template variables', async () => {
    const { datasource, last, onRunQuery } = renderEditor({ queryType: 'budget', teams: ['payments'] });
    await act(async () => {
      fireEvent.click(screen.getByRole('combobox', { name: 'Service' }));
    });
    await waitFor(() => expect(screen.getByRole('option', { name: 'checkout' })).toBeInTheDocument());
    expect(datasource.fetchOptions).toHaveBeenCalledWith('services', { teams: ['payments'] });
    expect(screen.getByRole('option', { name: '$team' })).toBeInTheDocument();

    fireEvent.click(screen.getByRole('option', { name: 'checkout' }));
    expect(last().services).toEqual(['checkout']);
    expect(last().teams).toEqual(['payments']);
    expect(onRunQuery).toHaveBeenCalled();
  });

  it('includes default SLOs unless switched off', () => {
    const { last } = renderEditor({ queryType: 'catalog' });
    const toggle = screen.getByRole('switch', { name: 'Include default SLOs' });
    expect(toggle).toBeChecked();
    fireEvent.click(toggle);
    expect(last().includeDefaults).toBe(false);
  });
});

describe('QueryEditor: customer (book 11.2.7)', () => {
  it.each([
    ['adherence', true],
    ['budget', true],
    ['depletion', true],
    ['exhaustion', true],
    ['sli', false],
    ['catalog', false],
    ['adhoc', false],
  ] as const)('%s: Customer field shown %s', (queryType, shown) => {
    renderEditor({ queryType, ...(queryType === 'adhoc' ? { adhoc: { source: 'demo' as const, good: 'g[$__window]', total: 't[$__window]', objective: 99 } } : {}) });
    expect(!!screen.queryByRole('combobox', { name: 'Customer' })).toBe(shown);
  });

  it('offers the customers of options/customers and the template variables, and writes the one picked', async () => {
    const { datasource, last, onRunQuery } = renderEditor({ queryType: 'adherence' });
    await act(async () => {
      fireEvent.click(screen.getByRole('combobox', { name: 'Customer' }));
    });
    await waitFor(() => expect(screen.getByRole('option', { name: 'acme' })).toBeInTheDocument());
    expect(datasource.fetchOptions).toHaveBeenCalledWith('customers');
    expect(screen.getByRole('option', { name: '$team' })).toBeInTheDocument();
    fireEvent.click(screen.getByRole('option', { name: 'acme' }));
    expect(last().customer).toBe('acme');
    expect(onRunQuery).toHaveBeenCalled();
  });

  it('shows a stored $customer variable', () => {
    renderEditor({ queryType: 'budget', customer: '$customer' });
    expect(screen.getByRole('combobox', { name: 'Customer' })).toHaveValue('$customer');
  });
});

describe('QueryEditor: options per query type', () => {
  it.each([
    ['budget', true, true],
    ['depletion', true, true],
    ['exhaustion', true, true],
    ['adherence', true, false],
    ['sli', false, false],
    ['catalog', false, false],
  ] as const)('%s: time scale %s, only-premature switch %s', (queryType, timeScale, premature) => {
    renderEditor({ queryType });
    expect(!!screen.queryByRole('radio', { name: 'Error budget period' })).toBe(timeScale);
    expect(!!screen.queryByRole('switch', { name: 'Only periods with premature exhaustion' })).toBe(premature);
  });

  it('filters premature exhaustion and sets the time scale', () => {
    const { last, onRunQuery } = renderEditor({ queryType: 'exhaustion' });
    fireEvent.click(screen.getByRole('switch', { name: 'Only periods with premature exhaustion' }));
    expect(last().onlyPremature).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: 'Monthly' }));
    expect(last()).toEqual(expect.objectContaining({ onlyPremature: true, timeScale: 'monthly' }));
    expect(onRunQuery).toHaveBeenCalledTimes(2);
  });

  it('picks the burn-rate window from the alerting windows', async () => {
    const { last } = renderEditor({ queryType: 'burnrate' });
    await act(async () => {
      fireEvent.click(screen.getByRole('combobox', { name: 'Burn-rate window' }));
    });
    fireEvent.click(await screen.findByRole('option', { name: '5m' }));
    expect(last().window).toBe('5m');
  });

  it('lists the slowest endpoints, top N', () => {
    const { last } = renderEditor({ queryType: 'endpoints' });
    fireEvent.click(screen.getByRole('radio', { name: 'Slowest' }));
    const topN = screen.getByRole('spinbutton', { name: 'Top N' });
    fireEvent.change(topN, { target: { value: '5' } });
    fireEvent.blur(topN);
    expect(last()).toEqual(expect.objectContaining({ endpointsMode: 'slowest', topN: 5 }));
  });

  it('asks for the deployment query when deployments are annotated', () => {
    const { last } = renderEditor({ queryType: 'episodes', annotationKinds: ['episodes'] });
    expect(screen.queryByRole('textbox', { name: 'Deployment query' })).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('checkbox', { name: /Deployments/ }));
    expect(last().annotationKinds).toEqual(['episodes', 'deployments']);
    fireEvent.change(screen.getByRole('textbox', { name: 'Deployment query' }), { target: { value: 'changes(kube_deployment_status_observed_generation[5m]) > 0' } });
    expect(last().deploymentQuery).toBe('changes(kube_deployment_status_observed_generation[5m]) > 0');
  });

  it('starts an ad hoc query on the demo source when nothing else is configured', async () => {
    const { last } = renderEditor({ queryType: 'budget' });
    const picker = screen.getByRole('combobox', { name: 'Query type' });
    await act(async () => {
      fireEvent.click(picker);
      fireEvent.change(picker, { target: { value: 'Ad hoc' } });
    });
    fireEvent.click(await screen.findByRole('option', { name: /^Ad hoc/ }));
    expect(last().queryType).toBe('adhoc');
    expect(last().adhoc).toEqual({ source: 'demo', good: '', total: '', objective: 99.9, period: '28d' });
    expect(screen.getByRole('textbox', { name: 'Good events expression' })).toBeInTheDocument();
  });
});

describe('QueryEditor: ad hoc → catalog YAML', () => {
  const complete = {
    queryType: 'adhoc' as const,
    adhoc: { source: 'prometheus' as const, bad: 'sum(increase(http_requests_total{code=~"5.."}[$__window]))', total: 'sum(increase(http_requests_total[$__window]))', objective: 99.5, period: 'month' },
  };

  it('copies a native catalog snippet of the ad hoc SLO', async () => {
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.assign(navigator, { clipboard: { writeText } });
    Object.defineProperty(window, 'isSecureContext', { configurable: true, value: true });
    renderEditor(complete);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /Copy as catalog YAML/ }));
    });
    expect(writeText).toHaveBeenCalledTimes(1);
    const yamlText = writeText.mock.calls[0][0] as string;
    expect(yamlText).toContain('apiVersion: sloledger/v1');
    expect(yamlText).toContain('bad: sum(increase(http_requests_total{code=~"5.."}[$__window]))');
    expect(yamlText).toMatch(/period:\n\s+calendar: month/);
    expect(screen.getByText(/Copied: paste it into the catalog/)).toBeInTheDocument();
  });

  it('cannot copy an incomplete query', () => {
    renderEditor({ queryType: 'adhoc', adhoc: { ...complete.adhoc, total: '' } });
    expect(screen.getByRole('button', { name: /Copy as catalog YAML/ })).toBeDisabled();
  });

  it('switches between good and bad events, keeping the expression', () => {
    const { last } = renderEditor(complete);
    expect(screen.getByRole('textbox', { name: 'Bad events expression' })).toHaveValue(complete.adhoc.bad);
    fireEvent.click(screen.getByRole('radio', { name: 'Good events' }));
    expect(last().adhoc).toEqual(expect.objectContaining({ good: complete.adhoc.bad }));
    expect(last().adhoc).not.toHaveProperty('bad');
  });

  it('offers the connections of the chosen source type', async () => {
    const datasource = makeDatasource({ connections: [{ name: 'prom-eu', type: 'prometheus', url: 'http://p' }, { name: 'logs', type: 'loki', url: 'http://l' }] });
    const { last } = renderEditor(complete, datasource);
    await act(async () => {
      fireEvent.click(screen.getByRole('combobox', { name: 'Connection' }));
    });
    expect(await screen.findByRole('option', { name: /prom-eu/ })).toBeInTheDocument();
    expect(screen.queryByRole('option', { name: /logs/ })).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('option', { name: /prom-eu/ }));
    expect(last().adhoc?.connection).toBe('prom-eu');
  });
});
