/**
 * What the decision workflows (book 11.5) read about one SLO (or SLA) in one
 * closed error budget period: the figures the ledger records (book 3.3).
 * A plain shape so the app can fill it from `slos/<id>` or an indicator table.
 */
import type { AdherenceState } from '../contracts/frameContract';
import type { Ratio } from '../model/model';

export interface PeriodRecord {
  /** SLI of the period; null when it had no events (never 100%, never 0%). */
  sli: Ratio | null;
  adherence: AdherenceState;
  /** Remaining budget when the period ended (negative: budget debt). */
  endRemaining: Ratio | null;
  /** Average and highest depletion speed in % of the period budget per hour (book table 11.3). */
  avgSpeed: number | null;
  highestSpeed: number | null;
  /** Budget ran out before the period ended (book 11.2.5). */
  exhausted: boolean;
}

/** Periods that count as evidence: finished ones with data ("In progress" and "No data" say nothing yet). */
export function judged<T extends Pick<PeriodRecord, 'adherence'>>(periods: readonly T[]): T[] {
  return periods.filter((p) => p.adherence === 'Fulfilled' || p.adherence === 'Broken');
}

/** Share of judged periods that were fulfilled; null without any judged period. */
export function fulfilledShare(periods: ReadonlyArray<Pick<PeriodRecord, 'adherence'>>): Ratio | null {
  const j = judged(periods);
  return j.length === 0 ? null : j.filter((p) => p.adherence === 'Fulfilled').length / j.length;
}
