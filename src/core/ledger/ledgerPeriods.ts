/**
 * Which periods the ledger records, and which of them can be written now
 * (book 3.3; DESIGN.md "The ledger"). Pure: "now" is a parameter.
 *
 * - A calendar SLO records its error budget periods (`budget`); every SLO and
 *   SLA also records calendar months (`month`, the monthly time scale of
 *   book 11.2.3). Rolling windows never close, so they have no `budget` rows.
 * - A period is closed when its end is at or before now; it is recordable
 *   when the source still held data from the period's start, otherwise its
 *   live figures cover only part of it and would overstate adherence.
 */
import { monthsBetween, periodsBetween } from '../periods/calendar';
import { ledgerKeyString, LedgerKey, LedgerPeriodKind } from './ledgerRecord';
import { Buckets, EpochMs, PeriodInterval, PeriodSpec } from '../model/model';
import { PeriodFigures } from '../budget/periodFigures';

export interface LedgerPeriod {
  periodKind: LedgerPeriodKind;
  interval: PeriodInterval;
}

/**
 * Closed periods of a subject overlapping [fromMs, nowMs), oldest first per kind.
 * Months are cut in the calendar SLO's own zone, else in `fallbackZone`.
 *
 * @example closedPeriods({ kind: 'calendar', unit: 'month', timeZone: 'UTC' }, Date.UTC(2026, 0, 1), Date.UTC(2026, 2, 15), 'UTC')
 *   → budget 2026-01, budget 2026-02, month 2026-01, month 2026-02
 */
export function closedPeriods(spec: PeriodSpec, fromMs: EpochMs, nowMs: EpochMs, fallbackZone = 'UTC'): LedgerPeriod[] {
  const zone = spec.kind === 'calendar' ? spec.timeZone : fallbackZone;
  const budget = spec.kind === 'calendar' ? periodsBetween(spec, fromMs, nowMs) : [];
  return [
    ...budget.filter((p) => p.endMs <= nowMs && p.startMs >= fromMs).map((interval) => ({ periodKind: 'budget' as const, interval })),
    ...monthsBetween(zone, fromMs, nowMs)
      .filter((p) => p.endMs <= nowMs && p.startMs >= fromMs)
      .map((interval) => ({ periodKind: 'month' as const, interval })),
  ];
}

/** Closed periods the ledger lacks (`recorded` holds ledgerKeyString of present rows). */
export function missingPeriods(
  subject: Pick<LedgerKey, 'subjectKind' | 'subjectId' | 'customer'>,
  closed: readonly LedgerPeriod[],
  recorded: ReadonlySet<string>
): LedgerPeriod[] {
  return closed.filter((p) => !recorded.has(ledgerKeyString({ ...subject, periodKind: p.periodKind, startMs: p.interval.startMs })));
}

/**
 * Start of the first bucket the source answered (a finite total), or null
 * when it answered none: the source holds data from there on. Prometheus
 * beyond its retention returns no points, which arrive as NaN.
 */
export function heldFromMs(b: Buckets): EpochMs | null {
  for (let i = 0; i < b.total.length; i++) {
    if (Number.isFinite(b.total[i])) {
      return b.startMs + i * b.stepMs;
    }
  }
  return null;
}

/**
 * True when the source held the whole period: data from its first bucket on
 * (one bucket of slack, since a bucket belongs to the interval of its start).
 */
export function sourceHeldPeriod(heldFrom: EpochMs | null, stepMs: number, period: Pick<PeriodInterval, 'startMs'>): boolean {
  return heldFrom !== null && heldFrom <= period.startMs + stepMs;
}

/** A finished period whose figures the ledger may record: complete and held by the source. */
export function isRecordable(f: PeriodFigures, heldFrom: EpochMs | null, stepMs: number, nowMs: EpochMs): boolean {
  return f.finished && f.endMs <= nowMs && f.complete && sourceHeldPeriod(heldFrom, stepMs, f);
}
