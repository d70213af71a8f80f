/**
 * "SLOs by service" (book 11.2.2, fig. 11.1) from the `catalog` table frame
 * (frameContract CATALOG_COLUMNS): rows, sorting on every column, grouping by
 * team or service. Pure, so the bench and tests can drive it without React.
 */
import type { DataFrame } from '@grafana/data';
import { asNumber, asString, column } from '../../components/frameReading';

export interface OverviewRow {
  slo: string;
  name: string;
  service: string;
  team: string;
  sli: string;
  endpoint: string;
  deployment: string;
  objective: number | null;
  isDefault: boolean;
  periodLabel: string;
  daysLeft: number | null;
  sliValue: number | null;
  remaining: number | null;
  burn1h: number | null;
  burn6h: number | null;
  burn24h: number | null;
  burnState: string;
  exhaustionForecastMs: number | null;
  recentAdherence: string[];
  priority: number | null;
  priorityReason: string;
  releaseGate: string;
  gateReason: string;
  consequences: string;
  error: string;
}

export type SortKey = keyof Pick<
  OverviewRow,
  'team' | 'service' | 'sli' | 'endpoint' | 'name' | 'objective' | 'sliValue' | 'remaining' | 'burn1h' | 'burn6h' | 'burn24h' | 'burnState' | 'exhaustionForecastMs' | 'priority' | 'releaseGate'
>;
export interface SortSpec {
  key: SortKey;
  direction: 'asc' | 'desc';
}
export type GroupBy = 'none' | 'team' | 'service';

/** Services at risk first (book 11.2.2): the default order puts the most urgent burn state on top. */
const STATE_RANK: Record<string, number> = { Critical: 0, Increasing: 1, Recovering: 2, Acceptable: 3, 'No data': 4 };

export function readOverviewRows(frames: readonly DataFrame[]): OverviewRow[] {
  const rows: OverviewRow[] = [];
  for (const frame of frames) {
    if (!frame.fields.some((f) => f.name === 'slo') || !frame.fields.some((f) => f.name === 'remaining')) {
      continue;
    }
    const c = (name: string) => column(frame, name);
    const cols = Object.fromEntries(
      ['slo', 'name', 'service', 'team', 'sli', 'endpoint', 'deployment', 'objective', 'isDefault', 'periodLabel', 'daysLeft', 'sliValue', 'remaining', 'burn1h', 'burn6h', 'burn24h', 'burnState', 'exhaustionForecastMs', 'recentAdherence', 'priority', 'priorityReason', 'releaseGate', 'gateReason', 'consequences', 'error'].map((n) => [n, c(n)])
    );
    const n = cols.slo.length;
    for (let i = 0; i < n; i++) {
      const s = (k: string) => asString(cols[k][i]);
      const num = (k: string) => asNumber(cols[k][i]);
      rows.push({
        slo: s('slo'),
        name: s('name') || s('slo'),
        service: s('service'),
        team: s('team'),
        sli: s('sli'),
        endpoint: s('endpoint'),
        deployment: s('deployment'),
        objective: asNumber(Number(cols.objective[i])),
        isDefault: cols.isDefault[i] === true,
        periodLabel: s('periodLabel'),
        daysLeft: num('daysLeft'),
        sliValue: num('sliValue'),
        remaining: num('remaining'),
        burn1h: num('burn1h'),
        burn6h: num('burn6h'),
        burn24h: num('burn24h'),
        burnState: s('burnState') || 'No data',
        exhaustionForecastMs: num('exhaustionForecastMs'),
        recentAdherence: s('recentAdherence') ? s('recentAdherence').split(',') : [],
        priority: num('priority'),
        priorityReason: s('priorityReason'),
        releaseGate: s('releaseGate'),
        gateReason: s('gateReason'),
        consequences: s('consequences'),
        error: s('error'),
      });
    }
  }
  return rows;
}

function compare(a: OverviewRow, b: OverviewRow, key: SortKey): number {
  if (key === 'burnState') {
    return (STATE_RANK[a.burnState] ?? 9) - (STATE_RANK[b.burnState] ?? 9);
  }
  const x = a[key];
  const y = b[key];
  // unknown values sort last in either direction
  if (x === null || x === '') {
    return y === null || y === '' ? 0 : 1;
  }
  if (y === null || y === '') {
    return -1;
  }
  return typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
}

/** A sorted copy; ties keep the at-risk order (state, then least remaining). Inputs are not mutated. */
export function sortRows(rows: readonly OverviewRow[], sort: SortSpec | null): OverviewRow[] {
  const atRisk = (a: OverviewRow, b: OverviewRow) => compare(a, b, 'burnState') || compare(a, b, 'remaining') || a.name.localeCompare(b.name);
  if (!sort) {
    return [...rows].sort(atRisk);
  }
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const c = compare(a, b, sort.key);
    const bothKnown = a[sort.key] !== null && b[sort.key] !== null && a[sort.key] !== '' && b[sort.key] !== '';
    return (bothKnown ? c * sign : c) || atRisk(a, b);
  });
}

export interface Group {
  key: string;
  rows: OverviewRow[];
  atRisk: number;
}

/** Groups in first-appearance order of the sorted rows, so the group holding the most urgent SLO comes first. */
export function groupRows(rows: readonly OverviewRow[], by: GroupBy): Group[] {
  if (by === 'none') {
    return [{ key: '', rows: [...rows], atRisk: rows.filter((r) => r.burnState === 'Critical').length }];
  }
  const groups = new Map<string, Group>();
  for (const r of rows) {
    const key = r[by] || '(none)';
    let g = groups.get(key);
    if (!g) {
      g = { key, rows: [], atRisk: 0 };
      groups.set(key, g);
    }
    g.rows.push(r);
    if (r.burnState === 'Critical') {
      g.atRisk++;
    }
  }
  return [...groups.values()];
}

/** The header line of fig. 11.1: the period length and days left, when all rows share one period. */
export function periodSummary(rows: readonly OverviewRow[]): string {
  const labels = [...new Set(rows.map((r) => r.periodLabel).filter(Boolean))];
  if (labels.length !== 1) {
    return labels.length === 0 ? '' : `${labels.length} different error budget periods`;
  }
  const days = rows.find((r) => r.daysLeft !== null)?.daysLeft;
  return days === undefined || days === null ? `Error budget period: ${labels[0]}` : `Error budget period: ${labels[0]} · ${days} ${days === 1 ? 'day' : 'days'} left in the current period`;
}
