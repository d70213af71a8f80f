/**
 * Per-period tables: `adherence` (book 11.2.3, 11.2.8), `depletion` (11.2.4)
 * and `exhaustion` (11.2.5). Rows are SLO × interval of the query's time
 * scale; the columns are fixed by src/core/contracts/frameContract.ts.
 */
import { ADHERENCE_COLUMNS, DEPLETION_COLUMNS, EXHAUSTION_COLUMNS, SloLabels } from '../../../core/contracts/frameContract';
import { PeriodInterval } from '../../../core/model/model';
import { PeriodFigures } from '../../../core/budget/periodFigures';
import { TimeScale } from '../../../core/contracts/queryModel';
import { Frame, tableFrame, TableColumn, withNotice } from '../../protocol/frame';
import { figuresFor, SloComputation } from '../compute/engine';
import { finite, labelColumns, sloLabels } from './labels';
import { scaleIntervals } from './timeScale';
import { selectionHoldsSla, slaAdherenceRows, SlaRow } from './sla';
import { QueryContext, computed } from './context';
import { querySlas } from './slaSeries';

/**
 * Figures per interval of the time scale. Error budget periods and months are
 * budgeted on their own (a month's SLI against the objective, book 11.2.3);
 * hours, days and weeks are read off the burn-down of the period holding them.
 */
export function scaledFigures(c: SloComputation, scale: TimeScale): PeriodFigures[] {
  if (scale === 'period') {
    return c.periods;
  }
  const intervals = scaleIntervals(c, scale);
  if (scale === 'monthly') {
    return c.ledgerMonths ?? figuresFor(c, intervals);
  }
  return intervals.filter((u) => u.startMs < c.nowMs).map((u) => subPeriodFigures(c, u));
}

/** An hour/day/week inside an error budget period: the period's curve and episodes seen through that window. */
function subPeriodFigures(c: SloComputation, u: PeriodInterval): PeriodFigures {
  const own = figuresFor(c, [u])[0];
  const period = c.periods.find((p) => p.startMs <= u.startMs && u.startMs < p.endMs);
  if (!period) {
    return own;
  }
  let endRemaining: number | null = null;
  for (let k = 0; k < period.times.length && period.times[k] <= u.endMs; k++) {
    endRemaining = finite(period.remaining[k]);
  }
  const episodes = period.episodes.filter((e) => e.endMs > u.startMs && e.startMs < u.endMs);
  const speeds = episodes.map((e) => e.speedPctPerHour);
  const ex = period.exhaustion && period.exhaustion.atMs > u.startMs && period.exhaustion.atMs <= u.endMs ? period.exhaustion : null;
  return {
    ...own,
    endRemaining,
    episodes,
    avgSpeed: speeds.length ? speeds.reduce((a, b) => a + b, 0) / speeds.length : null,
    highestSpeed: speeds.length ? Math.max(...speeds) : null,
    exhaustion: ex,
  };
}

interface Row {
  labels: SloLabels;
  f: PeriodFigures;
}

function rowsOf(ctx: QueryContext, scale: TimeScale, keep: (f: PeriodFigures) => boolean): Row[] {
  return computed(ctx).flatMap((c) => scaledFigures(c, scale).filter(keep).map((f) => ({ labels: sloLabels(c.slo), f })));
}

const periodColumns = (rows: Row[]): TableColumn[] => [
  { name: 'period', type: 'string', values: rows.map((r) => r.f.label) },
  { name: 'periodStart', type: 'time', values: rows.map((r) => r.f.startMs) },
  { name: 'periodEnd', type: 'time', values: rows.map((r) => r.f.endMs) },
];

export function adherenceFrame(ctx: QueryContext): Frame {
  const scale = ctx.model.timeScale === 'monthly' ? 'monthly' : 'period';
  const customer = ctx.customer;
  // a customer's copies of SLA components are computed for the SLA rows only (../sla/customerQuery)
  const sloRows = rowsOf(ctx, scale, () => true).filter((r) => !customer?.copies.has(r.labels.slo));
  const slaRows: SlaRow[] = slaAdherenceRows(ctx, scale);
  const all = [
    ...sloRows.map((r) => ({ ...r, kind: 'slo', contractual: false, customer: '' })),
    ...slaRows.map((r) => ({ labels: r.labels, f: r.f, kind: 'sla', contractual: r.contractual, customer: customer?.restricted.has(r.labels.slo) ? customer.value : '' })),
  ];
  const columns: TableColumn[] = [
    ...labelColumns(all.map((r) => r.labels)),
    { name: 'kind', type: 'string', values: all.map((r) => r.kind) },
    { name: 'contractual', type: 'boolean', values: all.map((r) => r.contractual) },
    ...periodColumns(all),
    { name: 'state', type: 'string', values: all.map((r) => r.f.adherence) },
    { name: 'sliValue', type: 'number', values: all.map((r) => r.f.sli), config: { unit: 'percentunit', decimals: 3 } },
    { name: 'good', type: 'number', values: all.map((r) => r.f.good) },
    { name: 'total', type: 'number', values: all.map((r) => r.f.total) },
  ];
  if (customer) {
    // book 11.2.7: whose figures a row is ('' = all customers), so two customers' rows in one panel stay apart
    columns.push({ name: 'customer', type: 'string', values: all.map((r) => r.customer) });
  }
  assertColumns(columns, customer ? [...ADHERENCE_COLUMNS, 'customer'] : ADHERENCE_COLUMNS);
  return tableFrame('adherence', columns, { refId: ctx.query.refId });
}

/** Whether a depletion/exhaustion frame carries SLA rows (book 11.2.7); the indicators/slo-* resources keep to SLOs. */
export interface SlaRowsOption {
  slas?: boolean;
}

interface KindRow extends Row {
  kind: 'slo' | 'sla';
  customer: string;
}

/**
 * SLO rows, then SLA rows (book 11.2.7, fig. 11.10: each SLA of the query
 * tabled like an SLO from its components' summed buckets; with a customer,
 * the restricted SLAs for that customer, their components' copies no rows).
 * `tagged`: the frame needs the `kind`/`customer` columns, which are added
 * last only when the query names a customer or its selection holds an SLA,
 * so SLO-only frames keep the contract's columns.
 */
function kindRows(ctx: QueryContext, scale: TimeScale, keep: (f: PeriodFigures) => boolean, option: SlaRowsOption): { rows: KindRow[]; notices: string[]; tagged: boolean } {
  const customer = ctx.customer;
  const withSlas = option.slas !== false;
  const sloRows: KindRow[] = rowsOf(ctx, scale, keep)
    .filter((r) => !customer?.copies.has(r.labels.slo))
    .map((r) => ({ ...r, kind: 'slo', customer: '' }));
  const q = withSlas ? querySlas(ctx) : { slas: [], notices: [] };
  const slaRows: KindRow[] = q.slas.flatMap((s) => scaledFigures(s.computation, scale).filter(keep).map((f) => ({ labels: s.labels, f, kind: 'sla' as const, customer: s.customer })));
  return { rows: [...sloRows, ...slaRows], notices: q.notices, tagged: withSlas && (customer !== undefined || selectionHoldsSla(ctx)) };
}

const kindColumns = (rows: KindRow[]): TableColumn[] => [
  { name: 'kind', type: 'string', values: rows.map((r) => r.kind) },
  { name: 'customer', type: 'string', values: rows.map((r) => r.customer) },
];

export function depletionFrame(ctx: QueryContext, option: SlaRowsOption = {}): Frame {
  const scale = ctx.model.timeScale ?? 'period';
  const keep = (f: PeriodFigures) => !ctx.model.onlyPremature || f.exhaustion !== null;
  const { rows, notices, tagged } = kindRows(ctx, scale, keep, option);
  const columns: TableColumn[] = [
    ...labelColumns(rows.map((r) => r.labels)),
    ...periodColumns(rows),
    { name: 'endRemaining', type: 'number', values: rows.map((r) => finite(r.f.endRemaining)), config: { unit: 'percentunit' } },
    { name: 'avgSpeed', type: 'number', values: rows.map((r) => r.f.avgSpeed), config: { unit: '%/h', decimals: 1 } },
    { name: 'highestSpeed', type: 'number', values: rows.map((r) => r.f.highestSpeed), config: { unit: '%/h', decimals: 1 } },
    { name: 'episodes', type: 'number', values: rows.map((r) => r.f.episodes.length) },
    { name: 'exhausted', type: 'boolean', values: rows.map((r) => r.f.exhaustion !== null) },
    { name: 'timeToExhaustionMs', type: 'number', values: rows.map((r) => r.f.exhaustion?.timeToExhaustionMs ?? null), config: { unit: 'ms' } },
    ...(tagged ? kindColumns(rows) : []),
  ];
  assertColumns(columns, tagged ? [...DEPLETION_COLUMNS, 'kind', 'customer'] : DEPLETION_COLUMNS);
  const frame = tableFrame('depletion', columns, { refId: ctx.query.refId });
  return notices.reduce((f, text) => withNotice(f, { severity: 'warning', text }), frame);
}

/** Premature exhaustion (book 11.2.5): periods whose budget ran out before they ended (all periods when onlyPremature is false); SLAs as in depletionFrame. */
export function exhaustionFrame(ctx: QueryContext, option: SlaRowsOption = {}): Frame {
  const scale = ctx.model.timeScale === 'monthly' ? 'monthly' : 'period';
  const { rows, notices, tagged } = kindRows(ctx, scale, (f) => ctx.model.onlyPremature === false || f.exhaustion !== null, option);
  const columns: TableColumn[] = [
    ...labelColumns(rows.map((r) => r.labels)),
    ...periodColumns(rows),
    { name: 'exhaustedAt', type: 'time', values: rows.map((r) => r.f.exhaustion?.atMs ?? null) },
    { name: 'timeToExhaustionMs', type: 'number', values: rows.map((r) => r.f.exhaustion?.timeToExhaustionMs ?? null), config: { unit: 'ms' } },
    { name: 'endRemaining', type: 'number', values: rows.map((r) => finite(r.f.endRemaining)), config: { unit: 'percentunit' } },
    ...(tagged ? kindColumns(rows) : []),
  ];
  assertColumns(columns, tagged ? [...EXHAUSTION_COLUMNS, 'kind', 'customer'] : EXHAUSTION_COLUMNS);
  const frame = tableFrame('exhaustion', columns, { refId: ctx.query.refId });
  return notices.reduce((f, text) => withNotice(f, { severity: 'warning', text }), frame);
}

/** The contract's column order is what panels rely on: fail loudly in tests if it drifts. */
function assertColumns(columns: TableColumn[], expected: readonly string[]): void {
  const names = columns.map((c) => c.name).join(',');
  if (names !== expected.join(',')) {
    throw new Error(`frame columns drifted from the contract: ${names} ≠ ${expected.join(',')}`);
  }
}
