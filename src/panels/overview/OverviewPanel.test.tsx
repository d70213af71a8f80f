import React from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { FieldType, toDataFrame } from '@grafana/data';
import { panelProps } from '../../components/testing/panelProps';
import { OverviewPanel } from './OverviewPanel';
import { DEFAULT_ROW_LINK, OverviewOptions } from './options';
import { groupRows, periodSummary, readOverviewRows, sortRows } from './viewModel';

type R = { slo: string; service: string; team: string; remaining: number | null; burnState: string; isDefault?: boolean; error?: string; burn1h?: number };
function catalogFrame(rows: R[]) {
  const str = (name: string, f: (r: R) => string) => ({ name, type: FieldType.string, values: rows.map(f) });
  return toDataFrame({
    fields: [
      str('slo', (r) => r.slo),
      str('name', (r) => r.slo.split('/')[1]),
      str('service', (r) => r.service),
      str('team', (r) => r.team),
      str('sli', () => 'availability'),
      str('deployment', () => 'prod'),
      str('endpoint', () => 'GET /x'),
      str('objective', () => '0.999'),
      { name: 'isDefault', type: FieldType.boolean, values: rows.map((r) => r.isDefault ?? false) },
      str('periodLabel', () => 'month calendar'),
      { name: 'periodDays', type: FieldType.number, values: rows.map(() => 30) },
      { name: 'daysLeft', type: FieldType.number, values: rows.map(() => 8) },
      { name: 'sliValue', type: FieldType.number, values: rows.map(() => 0.9993) },
      { name: 'remaining', type: FieldType.number, values: rows.map((r) => r.remaining) },
      { name: 'burn1h', type: FieldType.number, values: rows.map((r) => r.burn1h ?? 0.5) },
      str('burnState', (r) => r.burnState),
      { name: 'exhaustionForecastMs', type: FieldType.number, values: rows.map(() => 3 * 86_400_000) },
      str('recentAdherence', () => 'Fulfilled,Broken,In progress'),
      { name: 'priority', type: FieldType.number, values: rows.map(() => 2) },
      str('error', (r) => r.error ?? ''),
    ],
  });
}

const ROWS: R[] = [
  { slo: 'web/home', service: 'web', team: 'frontend', remaining: 0.8, burnState: 'Acceptable' },
  { slo: 'checkout/orders', service: 'checkout', team: 'payments', remaining: -0.2, burnState: 'Critical', burn1h: 9 },
  { slo: 'checkout/pay', service: 'checkout', team: 'payments', remaining: 0.4, burnState: 'Increasing', isDefault: true },
  { slo: 'accounts/login', service: 'accounts', team: 'identity', remaining: null, burnState: 'No data', error: 'no prometheus connection' },
];
const options = (o: Partial<OverviewOptions> = {}): OverviewOptions => ({ groupBy: 'none', showDefaults: true, rowLink: DEFAULT_ROW_LINK, ...o });

describe('overview view model', () => {
  const rows = readOverviewRows([catalogFrame(ROWS)]);
  it('puts the services at risk first by default (book 11.2.2)', () => {
    expect(sortRows(rows, null).map((r) => r.slo)).toEqual(['checkout/orders', 'checkout/pay', 'web/home', 'accounts/login']);
  });
  it('sorts on any column both ways, unknown values last', () => {
    expect(sortRows(rows, { key: 'remaining', direction: 'desc' }).map((r) => r.slo)).toEqual(['web/home', 'checkout/pay', 'checkout/orders', 'accounts/login']);
    expect(sortRows(rows, { key: 'remaining', direction: 'asc' }).map((r) => r.slo)).toEqual(['checkout/orders', 'checkout/pay', 'web/home', 'accounts/login']);
  });
  it('groups by service keeping the most urgent group first, and counts critical SLOs', () => {
    const groups = groupRows(sortRows(rows, null), 'service');
    expect(groups.map((g) => [g.key, g.rows.length, g.atRisk])).toEqual([['checkout', 2, 1], ['web', 1, 0], ['accounts', 1, 0]]);
  });
  it('says the period length and the days left (fig. 11.1)', () => {
    expect(periodSummary(rows)).toBe('Error budget period: month calendar · 8 days left in the current period');
  });
  it('does not mutate its input', () => {
    const frozen = Object.freeze([...rows]);
    expect(() => sortRows(frozen, { key: 'team', direction: 'asc' })).not.toThrow();
  });
});

describe('OverviewPanel', () => {
  it('shows every SLO with its budget, state and a link to its detail page', () => {
    render(<OverviewPanel {...panelProps<OverviewOptions>([catalogFrame(ROWS)], options())} />);
    const rows = screen.getAllByRole('row').filter((r) => r.tagName === 'A');
    expect(rows.map((r) => r.getAttribute('href'))).toEqual([
      '/a/sloledger-app/slo/checkout%2Forders',
      '/a/sloledger-app/slo/checkout%2Fpay',
      '/a/sloledger-app/slo/web%2Fhome',
      '/a/sloledger-app/slo/accounts%2Flogin',
    ]);
    expect(within(rows[0]).getByText('-20.0%')).toBeInTheDocument();
    expect(within(rows[0]).getByText('Critical')).toBeInTheDocument();
    expect(within(rows[0]).getByText('9.00')).toBeInTheDocument();
    expect(within(rows[3]).getByText(/no prometheus connection/)).toBeInTheDocument();
    expect(screen.getByText('Error budget period: month calendar · 8 days left in the current period')).toBeInTheDocument();
  });

  it('sorts when a header is clicked, and says so with aria-sort', () => {
    render(<OverviewPanel {...panelProps<OverviewOptions>([catalogFrame(ROWS)], options())} />);
    fireEvent.click(screen.getByRole('button', { name: 'Team' }));
    expect(screen.getAllByRole('columnheader').find((h) => h.textContent?.startsWith('Team'))).toHaveAttribute('aria-sort', 'ascending');
    const first = screen.getAllByRole('row').filter((r) => r.tagName === 'A')[0];
    expect(first).toHaveAttribute('href', '/a/sloledger-app/slo/web%2Fhome');
  });

  it('hides default SLOs when asked and groups by service', () => {
    render(<OverviewPanel {...panelProps<OverviewOptions>([catalogFrame(ROWS)], options({ showDefaults: false, groupBy: 'service' }))} />);
    expect(screen.queryByText('pay')).not.toBeInTheDocument();
    expect(screen.getByText('checkout · 1 SLOs · 1 critical')).toBeInTheDocument();
  });

  it('keeps only the rows in view in the DOM for 1,000 SLOs', () => {
    const many: R[] = Array.from({ length: 1000 }, (_, i) => ({ slo: `svc${i % 20}/slo${i}`, service: `svc${i % 20}`, team: 't', remaining: i / 1000, burnState: 'Acceptable' }));
    render(<OverviewPanel {...panelProps<OverviewOptions>([catalogFrame(many)], options())} />);
    const inDom = screen.getAllByRole('row').filter((r) => r.tagName === 'A').length;
    expect(inDom).toBeLessThan(40);
    expect(screen.getByRole('table')).toHaveAttribute('aria-rowcount', '1001');
  });

  it('shows only the essential columns at a quarter of the dashboard width', () => {
    render(<OverviewPanel {...panelProps<OverviewOptions>([catalogFrame(ROWS)], options(), { width: 400 })} />);
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['SLO', 'Remaining budget', 'State']);
  });
});
