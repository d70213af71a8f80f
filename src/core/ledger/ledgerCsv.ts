/**
 * The ledger's closed periods as CSV for audits (book 11.1: legal and
 * regulatory decisions need the record). One row per period; episodes as a
 * compact "start/end/depleted%/speed" list. RFC 4180 quoting.
 */
import { LedgerPeriodRecord } from './ledgerRecord';

export const LEDGER_CSV_COLUMNS = [
  'subjectKind',
  'subjectId',
  // book 11.2.7: empty for a subject's own row, the customer for an SLA's per-customer row
  'customer',
  'periodKind',
  'label',
  'start',
  'end',
  'sli',
  'good',
  'total',
  'endRemaining',
  'adherence',
  'exhaustedAt',
  'timeToExhaustionHours',
  'avgSpeedPctPerHour',
  'highestSpeedPctPerHour',
  'episodes',
  'catalogVersion',
  'recordedAt',
] as const;

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());
const num = (v: number | null) => (v === null ? '' : String(v));

/** CSV text with a header row; the rows keep the given order. */
export function ledgerCsv(rows: readonly LedgerPeriodRecord[]): string {
  const lines = [LEDGER_CSV_COLUMNS.join(',')];
  for (const r of rows) {
    const cells = [
      r.subjectKind,
      r.subjectId,
      r.customer ?? '',
      r.periodKind,
      r.label,
      iso(r.startMs),
      iso(r.endMs),
      num(r.sli),
      String(r.good),
      String(r.total),
      num(r.endRemaining),
      r.adherence,
      iso(r.exhaustedAtMs),
      r.timeToExhaustionMs === null ? '' : String(r.timeToExhaustionMs / 3_600_000),
      num(r.avgSpeed),
      num(r.highestSpeed),
      r.episodes.map((e) => `${iso(e.startMs)}/${iso(e.endMs)}/${e.depletedPct}/${e.speedPctPerHour}`).join(' '),
      r.catalogVersion,
      iso(r.recordedAtMs),
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
