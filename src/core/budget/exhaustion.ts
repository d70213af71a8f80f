/**
 * Premature exhaustion (book 11.2.5, fig. 11.4): the first instant in a period
 * at which the remaining budget reaches 0 before the period ends. Time to
 * exhaustion counts from the period start (book 11.2.5: "how long it took to
 * exhaust the budget"); the remaining budget at the period end (possibly
 * budget debt, e.g. −50% in fig. 11.4) is reported beside it.
 */
import { PeriodDepletion } from './depletion';

/** Premature exhaustion in a period (book 11.2.5). */
export interface ExhaustionMark {
  periodStartMs: number;
  atMs: number;
  timeToExhaustionMs: number;
}

export interface ExhaustionResult {
  /** Set when the budget ran out inside the period (or, for the current period, so far). */
  exhaustion: ExhaustionMark | null;
  /** Remaining budget at the period end (current period: now); null when there is no budget (no events). */
  endRemaining: number | null;
}

// A small tolerance: 1 − Σ(bad/budget) can land a rounding error above 0 when
// exactly spent. remaining = 1 − used is exact near used = 1 (Sterbenz), so
// remaining ≤ 1 − (1 − 1e-12) is the same test as used ≥ 1 − 1e-12, to the bit.
const EXHAUSTED = 1 - (1 - 1e-12);

export function findExhaustion(d: PeriodDepletion): ExhaustionResult {
  if (Number.isNaN(d.budget)) {
    return { exhaustion: null, endRemaining: null };
  }
  const remaining = d.remaining;
  let exhaustion: ExhaustionMark | null = null;
  for (let k = 0; k < remaining.length; k++) {
    if (remaining[k] <= EXHAUSTED) {
      const atMs = Math.min(d.times[k], d.period.endMs);
      exhaustion = { periodStartMs: d.period.startMs, atMs, timeToExhaustionMs: atMs - d.period.startMs };
      break;
    }
  }
  return { exhaustion, endRemaining: remaining.length > 0 ? remaining[remaining.length - 1] : 1 };
}
