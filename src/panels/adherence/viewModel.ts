/**
 * Adherence matrix (book 11.2.3 fig. 11.2, 11.2.8 fig. 11.11): rows are SLOs or
 * SLAs, columns periods, cells Fulfilled / Broken / No data / In progress with
 * the SLI. Built from `adherence` table frames (frameContract ADHERENCE_COLUMNS).
 */
import type { DataFrame } from '@grafana/data';
import type { AdherenceState } from '../../core/contracts/frameContract';
import { asNumber, asString, column } from '../../components/frameReading';
import { fillTemplate } from '../../components/format';

export const DEFAULT_CELL_LINK = '/a/sloledger-app/slo/${slo}?from=${periodStart}&to=${periodEnd}';

export interface AdherenceCell {
  state: AdherenceState;
  sli: number | null;
  href: string;
}

export interface AdherenceRowView {
  key: string;
  slo: string;
  name: string;
  service: string;
  sli: string;
  endpoint: string;
  deployment: string;
  objective: number | null;
  kind: 'slo' | 'sla';
  contractual: boolean;
  cells: Map<string, AdherenceCell>;
}

export interface PeriodColumn {
  key: string;
  label: string;
  startMs: number;
}

export interface AdherenceView {
  periods: PeriodColumn[];
  rows: AdherenceRowView[];
}

/**
 * Consecutive rolling windows all carry the label "rolling 28d": name each by
 * its last day so they get their own columns instead of overwriting one.
 */
function columnLabel(label: string, endMs: number | null): string {
  return label.startsWith('rolling ') && endMs !== null ? `${label} to ${new Date(endMs - 1).toISOString().slice(0, 10)}` : label;
}

const STATES: readonly AdherenceState[] = ['Fulfilled', 'Broken', 'No data', 'In progress'];

export function buildAdherenceView(frames: readonly DataFrame[], cellLink = DEFAULT_CELL_LINK): AdherenceView {
  const periods = new Map<string, PeriodColumn>();
  const rows = new Map<string, AdherenceRowView>();
  for (const frame of frames) {
    const state = column(frame, 'state');
    if (!frame.fields.some((f) => f.name === 'state')) {
      continue;
    }
    const slo = column(frame, 'slo');
    const get = (name: string) => column(frame, name);
    // book 11.2.7: rows of one SLA for two customers (one query each) stay apart
    const customer = get('customer');
    const [name, service, sli, endpoint, deployment, objective, kind, contractual, period, start, end, value] = [
      'name', 'service', 'sli', 'endpoint', 'deployment', 'objective', 'kind', 'contractual', 'period', 'periodStart', 'periodEnd', 'sliValue',
    ].map(get);
    for (let i = 0; i < state.length; i++) {
      const startMs = asNumber(start[i]) ?? 0;
      const periodLabel = columnLabel(asString(period[i]), asNumber(end[i]));
      if (!periods.has(periodLabel)) {
        periods.set(periodLabel, { key: periodLabel, label: periodLabel, startMs });
      }
      const id = asString(slo[i]);
      const rowKind = asString(kind[i]) === 'sla' ? 'sla' : 'slo';
      const who = asString(customer[i]);
      const key = who ? `${rowKind}:${id}:${who}` : `${rowKind}:${id}`;
      let row = rows.get(key);
      if (!row) {
        row = {
          key,
          slo: id,
          name: who ? `${asString(name[i]) || id} (${who})` : asString(name[i]) || id,
          service: asString(service[i]),
          sli: asString(sli[i]),
          endpoint: asString(endpoint[i]),
          deployment: asString(deployment[i]),
          objective: asNumber(Number(objective[i])),
          kind: rowKind,
          contractual: contractual[i] === true,
          cells: new Map(),
        };
        rows.set(key, row);
      }
      const s = STATES.includes(state[i] as AdherenceState) ? (state[i] as AdherenceState) : 'No data';
      row.cells.set(periodLabel, {
        state: s,
        sli: asNumber(value[i]),
        href: fillTemplate(cellLink, { slo: id, periodStart: startMs, periodEnd: asNumber(end[i]) ?? startMs, period: periodLabel }),
      });
    }
  }
  const sortedRows = [...rows.values()].sort(
    (a, b) => a.kind.localeCompare(b.kind) || a.service.localeCompare(b.service) || a.name.localeCompare(b.name)
  );
  return { periods: [...periods.values()].sort((a, b) => a.startMs - b.startMs), rows: sortedRows };
}
