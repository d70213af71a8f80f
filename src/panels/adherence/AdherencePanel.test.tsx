import React from 'react';
import { render, screen } from '@testing-library/react';
import { FieldType, toDataFrame } from '@grafana/data';
import { panelProps } from '../../components/testing/panelProps';
import { AdherencePanel } from './AdherencePanel';
import { AdherenceOptions } from './options';
import { buildAdherenceView, DEFAULT_CELL_LINK } from './viewModel';

const AUG = Date.UTC(2026, 7, 1);
const SEP = Date.UTC(2026, 8, 1);
const OCT = Date.UTC(2026, 9, 1);

function adherenceFrame() {
  const rows = [
    ['checkout/orders', 'orders', 'checkout', 'availability', '2026-08', AUG, SEP, 'Fulfilled', 0.9995, 'slo', false],
    ['checkout/orders', 'orders', 'checkout', 'availability', '2026-09', SEP, OCT, 'Broken', 0.9981, 'slo', false],
    ['checkout/orders', 'orders', 'checkout', 'availability', '2026-10', OCT, OCT + 31 * 86_400_000, 'In progress', 0.9999, 'slo', false],
    ['sla/checkout', 'Checkout SLA', 'checkout', 'availability', '2026-09', SEP, OCT, 'No data', null, 'sla', true],
  ] as const;
  const pick = (i: number) => rows.map((r) => r[i]);
  return toDataFrame({
    fields: [
      { name: 'slo', type: FieldType.string, values: pick(0) },
      { name: 'name', type: FieldType.string, values: pick(1) },
      { name: 'service', type: FieldType.string, values: pick(2) },
      { name: 'team', type: FieldType.string, values: rows.map(() => 'payments') },
      { name: 'sli', type: FieldType.string, values: pick(3) },
      { name: 'deployment', type: FieldType.string, values: rows.map(() => 'prod') },
      { name: 'endpoint', type: FieldType.string, values: rows.map(() => 'POST /orders') },
      { name: 'objective', type: FieldType.string, values: rows.map(() => '0.999') },
      { name: 'kind', type: FieldType.string, values: pick(9) },
      { name: 'contractual', type: FieldType.boolean, values: pick(10) },
      { name: 'period', type: FieldType.string, values: pick(4) },
      { name: 'periodStart', type: FieldType.time, values: pick(5) },
      { name: 'periodEnd', type: FieldType.time, values: pick(6) },
      { name: 'state', type: FieldType.string, values: pick(7) },
      { name: 'sliValue', type: FieldType.number, values: pick(8) },
    ],
  });
}

describe('adherence view model', () => {
  it('makes one row per SLO or SLA and one column per period, ordered by start', () => {
    const view = buildAdherenceView([adherenceFrame()]);
    expect(view.periods.map((p) => p.label)).toEqual(['2026-08', '2026-09', '2026-10']);
    expect(view.rows.map((r) => r.key)).toEqual(['sla:sla/checkout', 'slo:checkout/orders']);
    expect(view.rows[1].cells.get('2026-09')).toEqual({ state: 'Broken', sli: 0.9981, href: `/a/sloledger-app/slo/checkout%2Forders?from=${SEP}&to=${OCT}` });
  });

  it('fills the link template of each cell', () => {
    const view = buildAdherenceView([adherenceFrame()], '/d/x?var-slo=${slo}&p=${period}');
    expect(view.rows[1].cells.get('2026-08')!.href).toBe('/d/x?var-slo=checkout%2Forders&p=2026-08');
    expect(DEFAULT_CELL_LINK).toContain('${slo}');
  });

  it('gives consecutive rolling windows, which share the label "rolling 28d", a column each named by its last day', () => {
    const W = 28 * 86_400_000;
    const ends = [AUG + W, AUG + 2 * W];
    const frame = toDataFrame({
      fields: [
        { name: 'slo', type: FieldType.string, values: ['catalog/products', 'catalog/products'] },
        { name: 'period', type: FieldType.string, values: ['rolling 28d', 'rolling 28d'] },
        { name: 'periodStart', type: FieldType.time, values: ends.map((e) => e - W) },
        { name: 'periodEnd', type: FieldType.time, values: ends },
        { name: 'state', type: FieldType.string, values: ['Broken', 'Fulfilled'] },
        { name: 'sliValue', type: FieldType.number, values: [0.998, 0.9995] },
      ],
    });
    const view = buildAdherenceView([frame]);
    expect(view.periods.map((p) => p.label)).toEqual(['rolling 28d to 2026-08-28', 'rolling 28d to 2026-09-25']);
    expect(view.rows[0].cells.get('rolling 28d to 2026-09-25')!.state).toBe('Fulfilled');
  });

  it('keeps one SLA for two customers (one query each, book 11.2.7) as two rows named by customer', () => {
    const forCustomer = (customer: string, state: string) =>
      toDataFrame({
        fields: [
          { name: 'slo', type: FieldType.string, values: ['sla/login'] },
          { name: 'name', type: FieldType.string, values: ['Login SLA'] },
          { name: 'kind', type: FieldType.string, values: ['sla'] },
          { name: 'period', type: FieldType.string, values: ['2026-09'] },
          { name: 'periodStart', type: FieldType.time, values: [SEP] },
          { name: 'periodEnd', type: FieldType.time, values: [OCT] },
          { name: 'state', type: FieldType.string, values: [state] },
          { name: 'sliValue', type: FieldType.number, values: [0.99] },
          { name: 'customer', type: FieldType.string, values: [customer] },
        ],
      });
    const view = buildAdherenceView([forCustomer('acme', 'Fulfilled'), forCustomer('initech', 'Broken')]);
    expect(view.rows.map((r) => [r.key, r.name, r.cells.get('2026-09')!.state])).toEqual([
      ['sla:sla/login:acme', 'Login SLA (acme)', 'Fulfilled'],
      ['sla:sla/login:initech', 'Login SLA (initech)', 'Broken'],
    ]);
  });
});

describe('AdherencePanel', () => {
  it('shows each state as text and symbol with the SLI, each cell a link to that SLO and period', () => {
    render(<AdherencePanel {...panelProps<AdherenceOptions>([adherenceFrame()], { cellLink: DEFAULT_CELL_LINK, showSli: true })} />);
    const broken = screen.getByRole('link', { name: 'orders, 2026-09: Broken, SLI 99.810%' });
    expect(broken).toHaveAttribute('href', `/a/sloledger-app/slo/checkout%2Forders?from=${SEP}&to=${OCT}`);
    expect(broken).toHaveTextContent('✗ Broken');
    expect(screen.getByRole('link', { name: 'orders, 2026-08: Fulfilled, SLI 99.950%' })).toHaveTextContent('✓ Fulfilled99.950%');
    expect(screen.getByRole('link', { name: 'Checkout SLA, 2026-09: No data' })).toBeInTheDocument();
    expect(screen.getByText('contractual SLA')).toBeInTheDocument();
    expect(screen.getAllByText('99.9%')).toHaveLength(2);
  });

  it('says how to get data when there is none', () => {
    render(<AdherencePanel {...panelProps<AdherenceOptions>([], { cellLink: DEFAULT_CELL_LINK, showSli: true })} />);
    expect(screen.getByText(/No adherence data/)).toBeInTheDocument();
  });
});
