/** The columns of "SLOs by service" (book fig. 11.1): header, width, sort key and cell. */
import React from 'react';
import { formatBurn, formatDurationShort, formatObjective, formatPercent } from '../../components/format';
import { OverviewRow, SortKey } from './viewModel';
import { BudgetBar, AdherenceDots } from './cells';

export interface OverviewColumn {
  id: string;
  header: string;
  width: number;
  sortKey?: SortKey;
  /** Shown when the panel is narrow (a quarter of a dashboard). */
  essential?: boolean;
  cell: (row: OverviewRow) => React.ReactNode;
}

export const COLUMNS: OverviewColumn[] = [
  { id: 'name', header: 'SLO', width: 2, sortKey: 'name', essential: true, cell: (r) => r.name },
  { id: 'team', header: 'Team', width: 1, sortKey: 'team', cell: (r) => r.team },
  { id: 'service', header: 'Service', width: 1, sortKey: 'service', cell: (r) => r.service },
  { id: 'sli', header: 'SLI', width: 1, sortKey: 'sli', cell: (r) => r.sli },
  { id: 'endpoint', header: 'Endpoint', width: 1.5, sortKey: 'endpoint', cell: (r) => [r.endpoint, r.deployment].filter(Boolean).join(' @ ') },
  { id: 'objective', header: 'Objective', width: 1, sortKey: 'objective', cell: (r) => formatObjective(r.objective) },
  { id: 'sliValue', header: 'Current SLI', width: 1, sortKey: 'sliValue', cell: (r) => formatPercent(r.sliValue, 3) },
  { id: 'remaining', header: 'Remaining budget', width: 1.6, sortKey: 'remaining', essential: true, cell: (r) => <BudgetBar remaining={r.remaining} /> },
  { id: 'burn1h', header: 'Burn 1h', width: 0.8, sortKey: 'burn1h', cell: (r) => formatBurn(r.burn1h) },
  { id: 'burn6h', header: 'Burn 6h', width: 0.8, sortKey: 'burn6h', cell: (r) => formatBurn(r.burn6h) },
  { id: 'burn24h', header: 'Burn 24h', width: 0.8, sortKey: 'burn24h', cell: (r) => formatBurn(r.burn24h) },
  { id: 'burnState', header: 'State', width: 1, sortKey: 'burnState', essential: true, cell: (r) => r.burnState },
  {
    id: 'forecast',
    header: 'Exhausted in',
    width: 1,
    sortKey: 'exhaustionForecastMs',
    cell: (r) => (r.exhaustionForecastMs === null ? 'not burning' : r.exhaustionForecastMs === 0 ? 'exhausted' : formatDurationShort(r.exhaustionForecastMs)),
  },
  { id: 'adherence', header: 'Last periods', width: 1, cell: (r) => <AdherenceDots states={r.recentAdherence} /> },
  { id: 'priority', header: 'Priority', width: 0.8, sortKey: 'priority', cell: (r) => (r.priority === null ? '–' : `P${r.priority}`) },
  {
    id: 'gate',
    header: 'Policy',
    width: 1.2,
    sortKey: 'releaseGate',
    cell: (r) => (r.releaseGate ? `${r.releaseGate === 'deny' ? 'Releases stopped' : 'Releases allowed'}${r.consequences ? `: ${r.consequences}` : ''}` : '–'),
  },
];
