/** An indicator resource (IndicatorResponse) as a table with readable cells, and its notices. */
import React from 'react';
import { formatDurationShort, formatObjective, formatPercent } from '../../components/format';
import type { IndicatorName, IndicatorResponse } from '../../core/contracts/resourceContract';
import { getResource } from '../resourceClient';
import { ResourceView } from '../scene/ResourceView';
import { Notices, RowsTable } from '../scene/RowsTable';
import { variableValue } from '../scene/sceneSelection';

type Row = IndicatorResponse['rows'][number];

const HEADERS: Record<string, string> = {
  sliValue: 'SLI',
  endRemaining: 'Budget at period end',
  remaining: 'Budget left',
  avgSpeed: 'Average depletion speed',
  highestSpeed: 'Highest depletion speed',
  timeToExhaustionMs: 'Time to exhaustion',
  exhaustedAt: 'Exhausted at',
  periodStart: 'Period start',
  periodEnd: 'Period end',
  level: 'Level',
  customer: 'Customer',
  people: 'Number of people',
  rotation: 'Covered time periods',
  services: 'Covered services',
};

/** How one cell reads: ratios as percent, durations in units, speeds in % per hour, instants as UTC. */
export function formatCell(column: string, v: Row[string]): string {
  if (v === null || v === undefined || v === '') {
    return '–';
  }
  if (typeof v === 'number') {
    if (column === 'objective') {
      return formatObjective(v);
    }
    if (['sliValue', 'remaining', 'endRemaining'].includes(column)) {
      return formatPercent(v, column === 'sliValue' ? 3 : 1);
    }
    if (column.endsWith('Ms')) {
      return formatDurationShort(v);
    }
    if (column.endsWith('Speed')) {
      return `${v.toFixed(1)}% per hour`;
    }
    if (['periodStart', 'periodEnd', 'exhaustedAt'].includes(column)) {
      return new Date(v).toISOString().slice(0, 16).replace('T', ' ');
    }
    return String(Number(v.toFixed(4)));
  }
  return String(v);
}

export function IndicatorTable({ res, columns }: { res: IndicatorResponse; columns: string[] }) {
  return (
    <>
      <RowsTable<Row>
        caption={`Book ${res.section}`}
        rows={res.rows}
        empty="No rows for these filters and this time range."
        // the customer column only when a customer was chosen (book 11.2.7)
        columns={columns.filter((c) => c !== 'customer' || res.columns.includes('customer')).map((c) => ({ key: c, header: HEADERS[c] ?? c, cell: (r) => formatCell(c, r[c]) }))}
      />
      <Notices notices={res.notices} />
    </>
  );
}

/** A scene object showing `indicators/<name>` with the given columns (the book's), re-loaded with the filters. */
export function indicatorView(name: IndicatorName, title: string, columns: string[], extra: (scene: Parameters<typeof variableValue>[0]) => Record<string, string | undefined> = () => ({})) {
  return new ResourceView<IndicatorResponse>({
    key: `indicator-${name}`,
    title,
    load: ({ uid, params, scene }) => getResource<IndicatorResponse>(uid, `indicators/${name}`, { ...params, ...extra(scene) }),
    render: (res) => <IndicatorTable res={res} columns={columns} />,
  });
}
