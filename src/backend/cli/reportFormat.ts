/**
 * How `sloledger report` prints: an aligned text table for people (service
 * reviews), JSON for programs, CSV for spreadsheets. Ratios are printed as
 * percent only here (STYLE habit 3); JSON keeps the ratios.
 */
import { SloLabels } from '../../core/contracts/frameContract';

/** One row of the `catalog` frame (frameContract CATALOG_COLUMNS). */
export interface ReportRow extends SloLabels {
  periodLabel: string;
  daysLeft: number | null;
  sliValue: number | null;
  remaining: number | null;
  burn1h: number | null;
  burn6h: number | null;
  burn24h: number | null;
  burnState: string;
  exhaustionForecastMs: number | null;
  recentAdherence: string;
  priority: number | null;
  priorityReason: string;
  error: string;
}

/** One row of the `exhaustion` frame: a period whose budget ran out early (book 11.2.5). */
export interface ExhaustionRow {
  slo: string;
  period: string;
  periodStart: number;
  periodEnd: number;
  exhaustedAt: number | null;
  timeToExhaustionMs: number | null;
  endRemaining: number | null;
}

export interface ReportData {
  generatedAtMs: number;
  /** How far back premature exhaustions are listed, as typed (e.g. "28d"). */
  since: string;
  sources: string[];
  rows: ReportRow[];
  exhaustions: ExhaustionRow[];
  catalogErrors: string[];
}

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const pct = (v: unknown, digits = 1) => (num(v) ? `${(v * 100).toFixed(digits)}%` : '–');
const fixed = (v: unknown) => (num(v) ? v.toFixed(2) : '–');
/** 38.5d, 5.5h, 40m: a duration a reader compares at a glance. */
const hours = (ms: unknown) => (!num(ms) ? '–' : ms >= 86_400_000 ? `${(ms / 86_400_000).toFixed(1)}d` : ms >= 3_600_000 ? `${(ms / 3_600_000).toFixed(1)}h` : `${Math.round(ms / 60_000)}m`);
const iso = (ms: unknown) => (num(ms) ? new Date(ms).toISOString().replace('.000Z', 'Z') : '');

const TABLE: Array<[string, (r: ReportRow) => string]> = [
  ['SLO', (r) => r.slo],
  ['team', (r) => r.team],
  ['SLI', (r) => r.sli],
  ['objective', (r) => pct(Number(r.objective), 2)],
  ['period', (r) => r.periodLabel + (num(r.daysLeft) ? `, ${r.daysLeft}d left` : '')],
  ['SLI value', (r) => pct(r.sliValue, 3)],
  ['remaining', (r) => pct(r.remaining)],
  ['burn 1h', (r) => fixed(r.burn1h)],
  ['burn 6h', (r) => fixed(r.burn6h)],
  ['burn 24h', (r) => fixed(r.burn24h)],
  ['state', (r) => r.burnState],
  ['exhausted in', (r) => (num(r.remaining) && r.remaining <= 0 ? 'exhausted' : hours(r.exhaustionForecastMs))],
  ['adherence', (r) => r.recentAdherence.split(',').filter(Boolean).map(adherenceMark).join('')],
  ['priority', (r) => (num(r.priority) ? `P${r.priority}` : '–')],
];

/** ✓ Fulfilled, ✗ Broken, – No data, … In progress (the adherence panel's symbols). */
function adherenceMark(state: string): string {
  return { Fulfilled: '✓', Broken: '✗', 'No data': '–', 'In progress': '…' }[state] ?? '?';
}

function text(data: ReportData): string {
  const cells = data.rows.map((r) => TABLE.map(([, f]) => f(r)));
  const widths = TABLE.map(([h], i) => Math.max(h.length, ...cells.map((c) => [...c[i]].length)));
  const line = (values: string[]) => values.map((v, i) => v + ' '.repeat(widths[i] - [...v].length)).join('  ').trimEnd();
  const out = [
    `SLO report at ${iso(data.generatedAtMs)} (sources: ${data.sources.join(', ') || 'none'})`,
    '',
    line(TABLE.map(([h]) => h)),
    ...cells.map(line),
  ];
  const errors = data.rows.filter((r) => r.error);
  if (errors.length > 0) {
    out.push('', 'Without data:', ...errors.map((r) => `  ${r.slo}: ${r.error}`));
  }
  out.push('', `Premature exhaustion in the last ${data.since} (book 11.2.5):`);
  if (data.exhaustions.length === 0) {
    out.push('  none');
  }
  for (const e of data.exhaustions) {
    out.push(`  ${e.slo}  ${e.period}: exhausted at ${iso(e.exhaustedAt)}, ${hours(e.timeToExhaustionMs)} after the period start; ${pct(e.endRemaining)} at the end`);
  }
  if (data.catalogErrors.length > 0) {
    out.push('', `Catalog errors (${data.catalogErrors.length}):`, ...data.catalogErrors.map((e) => `  ${e}`));
  }
  return out.join('\n') + '\n';
}

const CSV_COLUMNS: Array<keyof ReportRow> = [
  'slo', 'name', 'service', 'team', 'sli', 'deployment', 'endpoint', 'objective', 'periodLabel', 'daysLeft', 'sliValue', 'remaining',
  'burn1h', 'burn6h', 'burn24h', 'burnState', 'exhaustionForecastMs', 'recentAdherence', 'priority', 'priorityReason', 'error',
];

/** RFC 4180: quote fields holding a comma, quote or line break; double the quotes. */
function csvField(v: unknown): string {
  const s = v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v)) ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csv(data: ReportData): string {
  const lines = [CSV_COLUMNS.join(','), ...data.rows.map((r) => CSV_COLUMNS.map((c) => csvField(r[c])).join(','))];
  return lines.join('\r\n') + '\r\n';
}

function json(data: ReportData): string {
  const clean = (v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v);
  const rows = data.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, clean(v)])));
  const exhaustions = data.exhaustions.map((e) => ({ ...e, periodStart: iso(e.periodStart), periodEnd: iso(e.periodEnd), exhaustedAt: iso(e.exhaustedAt) || null }));
  return JSON.stringify({ generatedAt: iso(data.generatedAtMs), sources: data.sources, slos: rows, prematureExhaustions: exhaustions, catalogErrors: data.catalogErrors }, null, 2) + '\n';
}

export function renderReport(format: 'text' | 'json' | 'csv', data: ReportData): string {
  return format === 'json' ? json(data) : format === 'csv' ? csv(data) : text(data);
}
