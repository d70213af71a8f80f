/**
 * The per-SLO facts an error budget policy is judged on (book 10.4, table
 * 10.2): the current period's remaining-budget curve, its remaining budget
 * now and its premature exhaustion. Spending within trailing windows (E: 24 h,
 * F: 7 days) and the instants thresholds were crossed are read off the curve.
 */
import type { PeriodFigures } from '../budget/periodFigures';
import { DurationMs, EpochMs, Slo } from '../model/model';

export interface SloPolicyFigures {
  slo: Pick<Slo, 'id' | 'service' | 'team' | 'deployment'>;
  /** Label of the current error budget period, e.g. "2026-11". */
  periodLabel: string;
  periodStartMs: EpochMs;
  /** Remaining budget of the current period now (ratio, < 0 = debt); null = no data. */
  remaining: number | null;
  /** Instant the budget ran out inside the current period (book A), or null. */
  exhaustedAtMs: EpochMs | null;
  /** The current period's burn-down: remaining budget after each bucket ending at times[k]. */
  times: Float64Array;
  curve: Float64Array;
  /** Set when the SLO could not be computed: conditions on it read "unknown". */
  error?: string;
}

/** Remaining budget at instant t on the curve: 1 before the first bucket ends (a fresh period). */
function remainingAt(f: Pick<SloPolicyFigures, 'times' | 'curve'>, t: EpochMs): number {
  let r = 1;
  for (let k = 0; k < f.times.length && f.times[k] <= t; k++) {
    r = Number.isFinite(f.curve[k]) ? f.curve[k] : r;
  }
  return r;
}

/**
 * Fraction of the period budget spent in (nowMs − withinMs, nowMs]:
 * r(now − w) − r(now), with r = 1 before the period starts, so a window
 * reaching back before the start counts only this period's spending (book
 * table 10.2 E/F: "the error budget granted for the current error budget period").
 *
 * @example remaining 0.9 at now − 24h and 0.6 at now → 0.3, i.e. 30% within 24 h (condition E of the book)
 */
export function spentWithin(f: Pick<SloPolicyFigures, 'times' | 'curve' | 'remaining'>, nowMs: EpochMs, withinMs: DurationMs): number | null {
  if (f.remaining === null) {
    return null;
  }
  return remainingAt(f, nowMs - withinMs) - f.remaining;
}

/** First instant the curve fell to or below `level` (B: 1 − pct), or null. */
export function firstAtOrBelow(f: Pick<SloPolicyFigures, 'times' | 'curve'>, level: number): EpochMs | null {
  for (let k = 0; k < f.times.length; k++) {
    if (f.curve[k] <= level + 1e-12) {
      return f.times[k];
    }
  }
  return null;
}

/** First instant at which more than `share` of the budget had been spent within the trailing `withinMs` (E/F), or null. O(n). */
export function firstSpendWithin(f: Pick<SloPolicyFigures, 'times' | 'curve'>, withinMs: DurationMs, share: number): EpochMs | null {
  let j = -1; // last index with times[j] <= times[k] − withinMs
  for (let k = 0; k < f.times.length; k++) {
    while (j + 1 < k && f.times[j + 1] <= f.times[k] - withinMs) {
      j++;
    }
    const before = j < 0 ? 1 : f.curve[j];
    if (before - f.curve[k] > share + 1e-12) {
      return f.times[k];
    }
  }
  return null;
}

/** The figures of an SLO's current period: the last of `periods` (oldest first). */
export function policyFigures(slo: SloPolicyFigures['slo'], periods: readonly PeriodFigures[]): SloPolicyFigures {
  const current = periods[periods.length - 1];
  if (!current) {
    return { slo, periodLabel: '', periodStartMs: NaN, remaining: null, exhaustedAtMs: null, times: new Float64Array(0), curve: new Float64Array(0) };
  }
  return {
    slo,
    periodLabel: current.label,
    periodStartMs: current.startMs,
    // the current period's "end" figure is its remaining budget now
    remaining: current.endRemaining,
    exhaustedAtMs: current.exhaustion?.atMs ?? null,
    times: current.times,
    curve: current.remaining,
  };
}

/** Figures for an SLO that could not be computed: every automatic condition on it reads "unknown". */
export function failedFigures(slo: SloPolicyFigures['slo'], error: string): SloPolicyFigures {
  return { ...policyFigures(slo, []), error };
}
