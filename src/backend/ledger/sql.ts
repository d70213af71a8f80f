/**
 * Statements and row mapping shared by the SQLite and PostgreSQL stores, so
 * both keep one schema and the same semantics. Written with `?` parameters;
 * the PostgreSQL store numbers them.
 */
import { Enactment, Review } from '../../core/contracts/ledgerContract';
import { LedgerPeriodRecord } from '../../core/ledger/ledgerRecord';
import { ManualConditionState } from '../../core/contracts/resourceContract';
import { PeriodFilter } from './store';

type Row = Record<string, unknown>;
export type SqlValue = string | number | null;

const PERIOD_FIGURE_COLUMNS = `period_kind, period_start, period_end, label, sli, good, total,
  end_remaining, exhausted_at, time_to_exhaustion, avg_speed, highest_speed, episodes, adherence, catalog_version, recorded_at`;

// the unique key makes a second write of a period a no-op (idempotent closing, concurrent writers); no conflict
// target, so the statement holds for the key of every schema version (v3 added `customer` to it)
export const INSERT_PERIOD = `INSERT INTO ledger_periods (subject_kind, subject_id, ${PERIOD_FIGURE_COLUMNS})
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT DO NOTHING`;

/** A customer's row of an SLA (schema version 3 on). */
export const INSERT_CUSTOMER_PERIOD = `INSERT INTO ledger_periods (subject_kind, subject_id, customer, ${PERIOD_FIGURE_COLUMNS})
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT DO NOTHING`;

/** The statement and parameters that insert one record; the subject's own rows leave `customer` to its default ''. */
export function periodInsert(r: LedgerPeriodRecord): { sql: string; params: SqlValue[] } {
  const figures = periodParams(r).slice(2);
  return r.customer === undefined
    ? { sql: INSERT_PERIOD, params: [r.subjectKind, r.subjectId, ...figures] }
    : { sql: INSERT_CUSTOMER_PERIOD, params: [r.subjectKind, r.subjectId, r.customer, ...figures] };
}

export function periodParams(r: LedgerPeriodRecord): SqlValue[] {
  return [
    r.subjectKind, r.subjectId, r.periodKind, r.startMs, r.endMs, r.label, finiteOrNull(r.sli), r.good, r.total,
    finiteOrNull(r.endRemaining), r.exhaustedAtMs, r.timeToExhaustionMs, finiteOrNull(r.avgSpeed), finiteOrNull(r.highestSpeed),
    JSON.stringify(r.episodes), r.adherence, r.catalogVersion, r.recordedAtMs,
  ];
}

/** The period keys of one subject's own rows (customer '') or of one customer's rows. */
export const RECORDED_KEYS = 'SELECT period_kind, period_start FROM ledger_periods WHERE subject_kind = ? AND subject_id = ? AND customer = ?';

export function periodQuery(filter: PeriodFilter = {}): { sql: string; params: SqlValue[] } {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (filter.subjectKind) {
    where.push('subject_kind = ?');
    params.push(filter.subjectKind);
  }
  if (filter.subjectIds && filter.subjectIds.length > 0) {
    where.push(`subject_id IN (${filter.subjectIds.map(() => '?').join(', ')})`);
    params.push(...filter.subjectIds);
  }
  if (filter.customer !== undefined) {
    // null: the subjects' own rows; a value: that customer's rows
    where.push('customer = ?');
    params.push(filter.customer ?? '');
  }
  if (filter.periodKind) {
    where.push('period_kind = ?');
    params.push(filter.periodKind);
  }
  if (filter.fromMs !== undefined) {
    where.push('period_end > ?');
    params.push(filter.fromMs);
  }
  if (filter.toMs !== undefined) {
    where.push('period_start < ?');
    params.push(filter.toMs);
  }
  const clause = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  return { sql: `SELECT * FROM ledger_periods${clause} ORDER BY subject_kind, subject_id, period_kind, period_start`, params };
}

export function rowToPeriod(row: Row): LedgerPeriodRecord {
  return {
    subjectKind: String(row.subject_kind) as LedgerPeriodRecord['subjectKind'],
    subjectId: String(row.subject_id),
    // '' (and a row of a schema before version 3, which has no such column): the subject's own row
    ...(row.customer !== undefined && row.customer !== null && row.customer !== '' ? { customer: String(row.customer) } : {}),
    periodKind: String(row.period_kind) as LedgerPeriodRecord['periodKind'],
    startMs: Number(row.period_start),
    endMs: Number(row.period_end),
    label: String(row.label),
    sli: numOrNull(row.sli),
    good: Number(row.good),
    total: Number(row.total),
    endRemaining: numOrNull(row.end_remaining),
    exhaustedAtMs: numOrNull(row.exhausted_at),
    timeToExhaustionMs: numOrNull(row.time_to_exhaustion),
    avgSpeed: numOrNull(row.avg_speed),
    highestSpeed: numOrNull(row.highest_speed),
    episodes: JSON.parse(String(row.episodes)),
    adherence: String(row.adherence) as LedgerPeriodRecord['adherence'],
    catalogVersion: String(row.catalog_version),
    recordedAtMs: Number(row.recorded_at),
  };
}

/**
 * The listing order: by subject, the subject's own rows before its customers'
 * (by customer), then period kind and start. Sorted here by code unit, not in
 * SQL, so both databases agree whatever their collation and schema version.
 */
export function comparePeriods(a: LedgerPeriodRecord, b: LedgerPeriodRecord): number {
  const keys = (r: LedgerPeriodRecord) => [r.subjectKind, r.subjectId, r.customer ?? '', r.periodKind] as const;
  const x = keys(a);
  const y = keys(b);
  for (let i = 0; i < x.length; i++) {
    if (x[i] !== y[i]) {
      return x[i] < y[i] ? -1 : 1;
    }
  }
  return a.startMs - b.startMs;
}

export const INSERT_MANUAL_STATE = 'INSERT INTO manual_condition_states (policy, condition_id, met, note, by_login, at_ms) VALUES (?, ?, ?, ?, ?, ?)';

export function manualStateParams(s: ManualConditionState): SqlValue[] {
  return [s.policy, s.conditionId, s.met ? 1 : 0, s.note ?? null, s.by, s.atMs];
}

const policyWhere = (policy: string | undefined, column = 'policy') => (policy === undefined ? { clause: '', params: [] as SqlValue[] } : { clause: ` WHERE ${column} = ?`, params: [policy] as SqlValue[] });

/** Newest first; ties (same ms) by insertion order. */
export function manualHistoryQuery(policy?: string) {
  const w = policyWhere(policy);
  return { sql: `SELECT * FROM manual_condition_states${w.clause} ORDER BY at_ms DESC, id DESC`, params: w.params };
}

export function rowToManualState(row: Row): ManualConditionState {
  return {
    policy: String(row.policy),
    conditionId: String(row.condition_id),
    met: Number(row.met) === 1,
    ...(row.note !== null && row.note !== undefined ? { note: String(row.note) } : {}),
    by: String(row.by_login),
    atMs: Number(row.at_ms),
  };
}

/** The latest state per (policy, condition): the first of each in newest-first history. */
export function latestPerCondition(history: ManualConditionState[]): ManualConditionState[] {
  const seen = new Set<string>();
  return history.filter((s) => {
    const key = `${s.policy}\u0000${s.conditionId}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

export const INSERT_ENACTMENT = `INSERT INTO policy_enactments (policy, condition_id, at_ms, trigger_kind, consequences, slo_id, period_label, work_items, note, by_login, recorded_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export function enactmentParams(e: Omit<Enactment, 'id'>): SqlValue[] {
  return [e.policy, e.conditionId, e.atMs, e.trigger, JSON.stringify(e.consequences), e.sloId ?? null, e.period ?? null, JSON.stringify(e.workItems), e.note ?? null, e.by, e.recordedAtMs];
}

export function enactmentsQuery(policy?: string) {
  const w = policyWhere(policy);
  return { sql: `SELECT * FROM policy_enactments${w.clause} ORDER BY at_ms DESC, id DESC`, params: w.params };
}

export function rowToEnactment(row: Row): Enactment {
  return {
    id: Number(row.id),
    policy: String(row.policy),
    conditionId: String(row.condition_id),
    atMs: Number(row.at_ms),
    trigger: String(row.trigger_kind) as Enactment['trigger'],
    consequences: JSON.parse(String(row.consequences)),
    ...(row.slo_id !== null ? { sloId: String(row.slo_id) } : {}),
    ...(row.period_label !== null ? { period: String(row.period_label) } : {}),
    workItems: JSON.parse(String(row.work_items)),
    ...(row.note !== null ? { note: String(row.note) } : {}),
    by: String(row.by_login),
    recordedAtMs: Number(row.recorded_at),
  };
}

export const INSERT_REVIEW = 'INSERT INTO policy_reviews (policy, reviewed_at, next_review_ms, note, by_login) VALUES (?, ?, ?, ?, ?)';

export function reviewParams(r: Omit<Review, 'id'>): SqlValue[] {
  return [r.policy, r.reviewedAtMs, r.nextReviewMs, r.note ?? null, r.by];
}

export function reviewsQuery(policy?: string) {
  const w = policyWhere(policy);
  return { sql: `SELECT * FROM policy_reviews${w.clause} ORDER BY reviewed_at DESC, id DESC`, params: w.params };
}

export function rowToReview(row: Row): Review {
  return {
    id: Number(row.id),
    policy: String(row.policy),
    reviewedAtMs: Number(row.reviewed_at),
    nextReviewMs: Number(row.next_review_ms),
    ...(row.note !== null ? { note: String(row.note) } : {}),
    by: String(row.by_login),
  };
}

function numOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}

function finiteOrNull(v: number | null): number | null {
  return v === null || !Number.isFinite(v) ? null : v;
}
