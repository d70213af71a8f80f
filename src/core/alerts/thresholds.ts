/**
 * Alert thresholds on error budget burn (DESIGN.md "Multiwindow multi-burn-rate
 * alerts", book 6.3.4, 9.2.11). Pure: callers pass burn rates and instants.
 *
 * Preset 1, multiwindow multi-burn-rate (SRE workbook, stated for a 30-day
 * period): a pair (long window L, short window S, budget share s) fires when
 * both burn(L) and burn(S) exceed
 *
 *     factor = s · P / L          (P = the error budget period)
 *
 * because burning at `factor` for L spends exactly the share s of the budget.
 * Worked example, P = 30 d = 720 h: 2% in 1 h → 0.02 · 720 / 1 = 14.4;
 * P = 28 d = 672 h: 0.02 · 672 = 13.44. The short window makes the alert
 * stop soon after the burn stops.
 *
 * Preset 2, the book's own rule (book 6.3.4, 9.2.11, table 9.10): fire when
 * more than 200% of the hourly ("proportionate") budget is spent within 60
 * minutes, evaluate every 5 minutes, and snooze evaluation for 120 minutes
 * after an alert fired. Spending X% of the proportionate budget of a window W
 * is a burn rate of X/100 over W, so the rule is burn(60m) > 2, i.e. for the
 * book's 99.7% SLO an error ratio above 0.3% × 2 = 0.6% over 60 minutes.
 */
import { BookAlertSpec, DurationMs, EpochMs, PeriodSpec, Ratio } from '../model/model';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type AlertSeverity = 'page' | 'ticket';

/** One long/short window pair of the multiwindow preset. */
export interface BurnWindowPair {
  severity: AlertSeverity;
  longMs: DurationMs;
  shortMs: DurationMs;
  /** Share of the period budget that burning at `factor` for `longMs` spends (0.02 = 2%). */
  budgetShare: Ratio;
}

/** A pair with its burn-rate threshold for one period length. */
export interface BurnRateThreshold extends BurnWindowPair {
  factor: number;
}

/** The SRE workbook's pairs (DESIGN.md): page 2%/1h and 5%/6h, ticket 10%/1d and 10%/3d. */
export const MULTIWINDOW_PAIRS: readonly BurnWindowPair[] = Object.freeze([
  { severity: 'page', longMs: HOUR, shortMs: 5 * MINUTE, budgetShare: 0.02 },
  { severity: 'page', longMs: 6 * HOUR, shortMs: 30 * MINUTE, budgetShare: 0.05 },
  { severity: 'ticket', longMs: DAY, shortMs: 2 * HOUR, budgetShare: 0.1 },
  { severity: 'ticket', longMs: 3 * DAY, shortMs: 6 * HOUR, budgetShare: 0.1 },
]);

/** book table 9.10: > 200% of the window's budget within 60 min, every 5 min, snooze 120 min. */
export const BOOK_ALERT_DEFAULTS: Readonly<BookAlertSpec> = Object.freeze({
  depletionThresholdPct: 200,
  windowMs: 60 * MINUTE,
  evaluateEveryMs: 5 * MINUTE,
  snoozeMs: 120 * MINUTE,
});

/** Removes binary noise (0.02 · 672 = 13.440000000000001) without changing the value (STYLE habit 3). */
const clean = (x: number): number => Number(x.toPrecision(12));

/**
 * The burn rate at which a window of `longMs` spends `budgetShare` of a period of `periodMs`.
 * @example burnRateFactor(0.02, 30 * DAY, HOUR) === 14.4
 */
export function burnRateFactor(budgetShare: Ratio, periodMs: DurationMs, longMs: DurationMs): number {
  if (!(budgetShare > 0) || !(periodMs > 0) || !(longMs > 0)) {
    throw new Error(`burn rate factor needs a positive budget share, period and window (got ${budgetShare}, ${periodMs} ms, ${longMs} ms)`);
  }
  return clean((budgetShare * periodMs) / longMs);
}

/**
 * The length alert thresholds are scaled by. Rolling periods have one; a
 * calendar period's length varies (months 28-31 days), so its nominal length
 * is used: week 7 d, 4w 28 d, month 30 d (the workbook's basis), quarter 90 d.
 */
export function nominalPeriodMs(period: PeriodSpec): DurationMs {
  if (period.kind === 'rolling') {
    return period.lengthMs;
  }
  const days = { week: 7, '4w': 28, month: 30, quarter: 90 }[period.unit];
  return days * DAY;
}

/** The multiwindow thresholds for a period length: 14.4/6/3/1 for 30 d, 13.44/5.6/2.8/0.9333 for 28 d. */
export function multiwindowThresholds(periodMs: DurationMs, pairs: readonly BurnWindowPair[] = MULTIWINDOW_PAIRS): BurnRateThreshold[] {
  return pairs.map((p) => ({ ...p, factor: burnRateFactor(p.budgetShare, periodMs, p.longMs) }));
}

/** A burn rate known for a window, or null when the window has no (or too few) events. */
export type BurnLookup = (windowMs: DurationMs) => number | null;

export interface MultiwindowVerdict {
  /** The most severe firing severity, or null when nothing fires. */
  severity: AlertSeverity | null;
  /** The pairs that fire, with their thresholds. */
  firing: BurnRateThreshold[];
}

/**
 * Which pairs fire at one instant. A window without data never fires (no
 * data is not an outage; DESIGN.md "Low traffic": burn-rate alerts need the
 * minimum of events too, which the caller expresses as null).
 */
export function evaluateMultiwindow(burn: BurnLookup, periodMs: DurationMs, pairs: readonly BurnWindowPair[] = MULTIWINDOW_PAIRS): MultiwindowVerdict {
  const above = (w: DurationMs, factor: number) => {
    const b = burn(w);
    return b !== null && Number.isFinite(b) && b > factor;
  };
  const firing = multiwindowThresholds(periodMs, pairs).filter((t) => above(t.longMs, t.factor) && above(t.shortMs, t.factor));
  const severity = firing.some((t) => t.severity === 'page') ? 'page' : firing.length > 0 ? 'ticket' : null;
  return { severity, firing };
}

/** The book rule's burn-rate threshold: X% of the window's proportionate budget = burn X/100 (200% → 2). */
export function bookRuleBurnThreshold(spec: Pick<BookAlertSpec, 'depletionThresholdPct'>): number {
  if (!(spec.depletionThresholdPct > 0)) {
    throw new Error(`depletionThresholdPct must be above 0 (got ${spec.depletionThresholdPct}); the book uses 200`);
  }
  return clean(spec.depletionThresholdPct / 100);
}

/** The error ratio over the window that fires the book rule: 99.7% SLO, 200% → 0.006 (book 9.2.11: "0.3% × 2 = 0.6%"). */
export function bookRuleErrorRatio(spec: Pick<BookAlertSpec, 'depletionThresholdPct'>, objective: Ratio): Ratio {
  return clean(bookRuleBurnThreshold(spec) * (1 - objective));
}

/** Share of the whole period budget the book rule's window spends at its threshold (60 min at 2× of 28 d = 2/672). */
export function bookRulePeriodShare(spec: Pick<BookAlertSpec, 'depletionThresholdPct' | 'windowMs'>, periodMs: DurationMs): Ratio {
  return clean((bookRuleBurnThreshold(spec) * spec.windowMs) / periodMs);
}

/**
 * The instants at which the book rule fires between `fromMs` and `toMs`:
 * evaluated every `evaluateEveryMs` (on multiples of it), firing when
 * burn(window) exceeds the threshold, and not evaluated again until
 * `snoozeMs` after a firing (book 9.2.11: "Once an alert is fired, the
 * evaluation is snoozed for 120 minutes" — effectiveness).
 *
 * @param burnAt burn rate over `spec.windowMs` ending at an instant, null without data
 */
export function bookRuleFirings(burnAt: (t: EpochMs) => number | null, fromMs: EpochMs, toMs: EpochMs, spec: BookAlertSpec = BOOK_ALERT_DEFAULTS): EpochMs[] {
  if (!(spec.evaluateEveryMs > 0) || spec.snoozeMs < 0) {
    throw new Error(`book alert rule needs evaluateEvery > 0 and snooze ≥ 0 (got ${spec.evaluateEveryMs} ms, ${spec.snoozeMs} ms)`);
  }
  const threshold = bookRuleBurnThreshold(spec);
  const firings: EpochMs[] = [];
  let snoozedUntil = -Infinity;
  for (let t = Math.ceil(fromMs / spec.evaluateEveryMs) * spec.evaluateEveryMs; t <= toMs; t += spec.evaluateEveryMs) {
    if (t < snoozedUntil) {
      continue;
    }
    const b = burnAt(t);
    if (b !== null && Number.isFinite(b) && b > threshold) {
      firings.push(t);
      snoozedUntil = t + spec.snoozeMs;
    }
  }
  return firings;
}
