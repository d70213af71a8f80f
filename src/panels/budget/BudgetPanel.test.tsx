import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { FieldType, toDataFrame } from '@grafana/data';
import type { BudgetFrameCustom } from '../../core/contracts/frameContract';
import { panelProps } from '../../components/testing/panelProps';
import { BudgetPanel } from './BudgetPanel';
import { BudgetOptions } from './options';
import { periodsWithoutExhaustion, readBudgetSeries, readDeployments } from './viewModel';

const DAY = 86_400_000;
const AUG = Date.UTC(2026, 7, 1);
const SEP = Date.UTC(2026, 8, 1);
const OCT = Date.UTC(2026, 9, 1);
const NOV = Date.UTC(2026, 10, 1);

/** Three calendar months; September exhausts after 12 days and ends at −50% (fig. 11.4). */
function budgetFrame(slo = 'checkout/orders') {
  const times: number[] = [];
  const values: number[] = [];
  for (let t = AUG + DAY; t <= NOV; t += DAY) {
    const [start, end] = t <= SEP ? [AUG, SEP] : t <= OCT ? [SEP, OCT] : [OCT, NOV];
    const f = (t - start) / (end - start);
    times.push(t);
    values.push(start === SEP ? 1 - 1.5 * f : 1 - 0.4 * f);
  }
  const custom: BudgetFrameCustom = {
    kind: 'budget',
    labels: { slo, name: slo.split('/')[1], service: 'checkout', team: 'payments', sli: 'availability', deployment: 'prod', endpoint: 'POST /orders', objective: '0.999' },
    periods: [
      { startMs: AUG, endMs: SEP, label: '2026-08' },
      { startMs: SEP, endMs: OCT, label: '2026-09' },
      { startMs: OCT, endMs: NOV, label: '2026-10' },
    ],
    episodes: [{ startMs: SEP + 2 * DAY, endMs: SEP + 2 * DAY + 52 * 3_600_000, depletedPct: 70, speedPctPerHour: 70 / 52 }],
    exhaustions: [{ periodStartMs: SEP, atMs: SEP + 20 * DAY, timeToExhaustionMs: 20 * DAY }],
    periodEndRemaining: [0.6, -0.5, 0.6],
  };
  return toDataFrame({
    name: slo,
    meta: { custom },
    fields: [
      { name: 'time', type: FieldType.time, values: times },
      { name: 'remaining', type: FieldType.number, values: values },
    ],
  });
}
const options = (o: Partial<BudgetOptions> = {}): BudgetOptions => ({ layout: 'multiples', onlyPremature: false, showEpisodes: true, showDeployments: true, ...o });
const deploymentsFrame = toDataFrame({ fields: [{ name: 'time', type: FieldType.time, values: [SEP + 5 * DAY] }, { name: 'tags', type: FieldType.string, values: ['deployment'] }] });

describe('budget view model', () => {
  it('reads the series, its periods and its debt', () => {
    const [s] = readBudgetSeries([budgetFrame()]);
    expect(s.periods.map((p) => p.label)).toEqual(['2026-08', '2026-09', '2026-10']);
    expect(s.min).toBeCloseTo(-0.5, 6);
    expect(periodsWithoutExhaustion(s).map((p) => p.label)).toEqual(['2026-08', '2026-10']);
  });
  it('draws one SLA for two customers (book 11.2.7) as two series named by customer', () => {
    const forCustomer = (customer: string) => {
      const f = budgetFrame('sla/login');
      return { ...f, meta: { ...f.meta, custom: { ...(f.meta!.custom as BudgetFrameCustom), customer } } };
    };
    expect(readBudgetSeries([forCustomer('acme'), forCustomer('initech')]).map((s) => [s.key, s.name])).toEqual([
      ['sla/login (acme)', 'login (acme)'],
      ['sla/login (initech)', 'login (initech)'],
    ]);
  });
  it('keeps deployment annotations inside the range', () => {
    expect(readDeployments([deploymentsFrame], AUG, NOV)).toEqual([SEP + 5 * DAY]);
    expect(readDeployments([deploymentsFrame], OCT, NOV)).toEqual([]);
  });
});

describe('BudgetPanel', () => {
  it('draws the burn-down with replenishment, budget debt, exhaustion, episodes and deployments', () => {
    render(<BudgetPanel {...panelProps<BudgetOptions>([budgetFrame()], options(), { data: { ...panelProps([budgetFrame()], options()).data, annotations: [deploymentsFrame] } })} />);
    expect(screen.getByLabelText('Period 2026-09 starts: budget replenished to 100%')).toBeInTheDocument();
    expect(screen.getByLabelText('orders: Budget exhausted 20.0 days into the period')).toBeInTheDocument();
    expect(screen.getByText('exhausted after 20.0 d')).toBeInTheDocument();
    expect(screen.getAllByTestId('budget-debt')[0].getAttribute('d')).toMatch(/^M/);
    expect(screen.getByLabelText(/^Deployment at /)).toBeInTheDocument();
    expect(screen.getByText('-50%')).toBeInTheDocument();
  });

  it('shows an episode’s depleted % and speed on focus (keyboard) and hover', () => {
    render(<BudgetPanel {...panelProps<BudgetOptions>([budgetFrame()], options())} />);
    const episode = screen.getByRole('button', { name: 'Depletion episode: 70.0% of the budget in 52.0 h, 1.35 % per hour' });
    fireEvent.focus(episode);
    expect(screen.getByRole('tooltip')).toHaveTextContent('1.35 % per hour');
    fireEvent.blur(episode);
    expect(screen.queryByRole('tooltip')).not.toBeInTheDocument();
  });

  it('hatches the periods without premature exhaustion when asked (fig. 11.6)', () => {
    render(<BudgetPanel {...panelProps<BudgetOptions>([budgetFrame()], options({ onlyPremature: true }))} />);
    expect(screen.getAllByTestId('hatched-period')).toHaveLength(2);
  });

  it('draws one chart per SLO as small multiples, or one overlaid chart', () => {
    const frames = [budgetFrame('checkout/orders'), budgetFrame('checkout/pay')];
    const { unmount } = render(<BudgetPanel {...panelProps<BudgetOptions>(frames, options())} />);
    expect(screen.getAllByRole('img', { name: /^Remaining error budget/ })).toHaveLength(2);
    unmount();
    render(<BudgetPanel {...panelProps<BudgetOptions>(frames, options({ layout: 'overlay' }))} />);
    expect(screen.getAllByRole('img', { name: /^Remaining error budget/ })).toHaveLength(1);
  });

  it('says how to get data when there is none', () => {
    render(<BudgetPanel {...panelProps<BudgetOptions>([], options())} />);
    expect(screen.getByText(/No error budget data/)).toBeInTheDocument();
  });
});
